//! `tdkt demo --scale province`: the agency demo's world grown to a province — 50 agencies in 8
//! emulation clusters (with a head agency per year), 3,000 units, 100,000 people with accounts, ten
//! years of history (2015–2024) and the 2024 movement (a launched plan per agency, registrations
//! with targets and progress, mid-year and year-end reports).
//!
//! The agency demo is written first, unchanged: Sở KH&CN with its cast and the demo accounts of
//! spec/cli.md, and its four cluster partners. The province adds the other agencies, grows every
//! agency to its size with generated units and people, and runs the year's movement wherever the
//! agency demo has not already.
//!
//! It is a bulk load, in the demo's one transaction: rows go in as multi-row inserts of prepared
//! statements (`tdkt_store::bulk`), ids are numbered here so nothing is read back, the secondary
//! indexes of the loaded tables are dropped first and created again at the end with their own
//! definitions, sort keys and search texts are computed with the app's own functions, and the
//! generated history writes no audit rows. Everything is deterministic.

mod history;
mod movement;
mod org;
mod people;
mod places;
mod reports;
#[cfg(test)]
mod tests;

use std::collections::{HashMap, HashSet};
use std::time::Instant;

use tdkt_store::audit::{Ctx, Who};
use tdkt_store::bulk::{self, Val};
use tdkt_store::{StoreResult, Tx, users};

use super::org::DemoOrg;
use super::rng::Rng;
use super::staff::Member;
use movement::{Dates, MPerson, MUnit, Owner, Tally, Writers};
use reports::{ReportOwner, Reports};

/// How big a world to make.
#[derive(Debug, Clone, Copy)]
pub struct Size {
    /// Agencies (the first of `places::AGENCIES`; at most 50).
    pub agencies: usize,
    /// Units in all, the agency demo's included.
    pub units: usize,
    /// People in all, the agency demo's included.
    pub people: usize,
}

impl Size {
    pub const PROVINCE: Size = Size {
        agencies: 50,
        units: 3_000,
        people: 100_000,
    };
}

/// Tables whose secondary indexes are dropped during the load and created again after it.
const LOADED: &[&str] = &[
    "unit",
    "org_event",
    "person",
    "person_unit",
    "user_role",
    "title",
    "award",
    "initiative",
    "discipline",
    "absence",
    "pending_case",
    "registration",
    "target",
    "registration_version",
    "progress",
    "report_version",
];

/// Tables the load numbers ids of itself (PostgreSQL's identity sequences move past them).
const NUMBERED: &[&str] = &[
    "unit",
    "person",
    "app_user",
    "initiative",
    "registration",
    "target",
    "report",
];

/// What the load wrote, for the log.
#[derive(Debug, Default)]
pub struct Summary {
    pub agencies: usize,
    pub units: usize,
    pub people: usize,
    pub ratings: usize,
    pub titles: usize,
    pub registrations: u64,
    pub targets: u64,
    pub progress: u64,
    pub reports: u64,
}

/// The agency demo's people: who they are and their ids.
pub struct Base<'a> {
    pub world: &'a DemoOrg,
    pub members: &'a [Member],
    pub person_ids: &'a [i64],
}

/// Grows the agency demo's world (already written in `tx`) into a province of `size`.
pub async fn write(tx: &mut Tx, ctx: &Ctx, base: &Base<'_>, size: &Size) -> StoreResult<Summary> {
    let t0 = Instant::now();
    let lap = |what: &str| tracing::info!(ms = t0.elapsed().as_millis() as u64, "province: {what}");
    let mut rng = Rng::new(0x5052_4F56_2024);
    let mut summary = Summary::default();
    let (agencies, _clusters) = org::create(tx, ctx, base.world, size).await?;
    summary.agencies = agencies.len();
    let dropped = bulk::drop_indexes(tx, LOADED).await?;
    bulk::sqlite_cache_size(tx, -1_000_000).await?;

    // Units.
    let mut existing: HashMap<&str, HashSet<String>> = HashMap::new();
    for (agency, code) in base.world.units.keys() {
        existing
            .entry(*agency)
            .or_default()
            .insert((*code).to_owned());
    }
    let first_unit = org::first_unit_id(tx).await?;
    let units = org::plan_units(&agencies, size, &existing, first_unit, &mut rng);
    org::write_units(tx, ctx, &agencies, &units).await?;
    summary.units = base.world.units.len() + units.len();
    lap("units");

    // People and their accounts.
    let total = size.people.saturating_sub(base.members.len());
    let first_person = bulk::next_id(tx, "person").await?;
    let folks = people::generate(&agencies, &units, total, first_person, &mut rng);
    people::write(tx, ctx, &agencies, &units, &folks).await?;
    summary.people = base.members.len() + folks.len();
    lap("people");
    let hash = users::hash_password(super::PASSWORD);
    let user_of = people::write_accounts(
        tx,
        ctx,
        &agencies,
        &units,
        &folks,
        (base.members, base.person_ids),
        &base.world.units,
        &hash,
    )
    .await?;
    lap("accounts");

    // History.
    let first_initiative = history::first_initiative_id(tx).await?;
    let h = history::plan(&units, &folks, first_initiative, &mut rng);
    history::write(tx, ctx, &agencies, &units, &folks, &h).await?;
    summary.ratings = h.ratings.len();
    summary.titles = h.titles.len();
    let mut initiatives: Initiatives = HashMap::new();
    for i in h.initiatives.iter().filter(|i| i.year == history::YEAR) {
        let kind = if i.st_task { "st_task" } else { "initiative" };
        initiatives.entry(folks[i.person].id).or_default().push((
            i.code(&folks),
            i.title.clone(),
            kind,
            i.recognition.date(),
        ));
    }
    drop(h);
    lap("history");

    // The 2024 movement.
    let people = People {
        folks: &folks,
        user_of: &user_of,
        initiatives: &initiatives,
    };
    movement_2024(
        tx,
        ctx,
        base,
        &agencies,
        &units,
        &people,
        &mut rng,
        &mut summary,
    )
    .await?;
    lap("movement");

    bulk::create_indexes(tx, &dropped).await?;
    bulk::finish_ids(tx, NUMBERED).await?;
    bulk::analyze(tx).await?;
    bulk::sqlite_cache_size(tx, -20_000).await?;
    lap("indexes");
    Ok(summary)
}

const OFFICER: &str = "Chuyên viên phụ trách thi đua, khen thưởng";

/// 2024 initiatives by person id: (code, title, kind, recognised on).
type Initiatives = HashMap<i64, Vec<(String, String, &'static str, time::Date)>>;

/// The generated people and what the movement needs about them.
struct People<'a> {
    folks: &'a [people::Gen],
    user_of: &'a people::Users,
    initiatives: &'a Initiatives,
}

/// The name of a unit of the agency demo.
fn demo_unit_name(code: &str) -> String {
    super::org::KHCN_UNITS
        .iter()
        .find(|u| u.0 == code)
        .map(|u| u.1)
        .unwrap_or(match code {
            "VP" => "Văn phòng",
            "TTRA" => "Thanh tra",
            other => other,
        })
        .to_owned()
}

/// The units of the movement, agency by agency: the generated ones, and the agency demo's when
/// `with_demo` says the agency demo has not registered them itself.
fn movement_units(
    base: &Base<'_>,
    agencies: &[org::Agency],
    units: &[org::UnitSpec],
    p: &People<'_>,
    with_demo: &[bool],
) -> Vec<MUnit> {
    let mut out: Vec<MUnit> = units
        .iter()
        .map(|u| MUnit {
            id: u.id,
            agency: u.agency,
            parent: u.parent,
            name: u.name.clone(),
            members: Vec::new(),
            head: None,
        })
        .collect();
    for g in p.folks {
        let mu = &mut out[g.unit];
        if g.post == people::Post::Head {
            mu.head = Some(mu.members.len());
        }
        mu.members.push(MPerson {
            id: g.id,
            user: p.user_of.get(&g.id).copied(),
            name: g.draft.full_name.clone(),
            started: g.started(),
        });
    }
    let index: HashMap<&str, usize> = agencies
        .iter()
        .enumerate()
        .map(|(i, a)| (a.def.symbol, i))
        .collect();
    let mut demo_units: Vec<(&(&str, &str), &i64)> = base.world.units.iter().collect();
    demo_units.sort_by_key(|(_, id)| **id);
    for ((agency, code), id) in demo_units {
        let Some(&ai) = index.get(agency) else {
            continue;
        };
        if !with_demo[ai] {
            continue;
        }
        let parent = super::org::KHCN_UNITS
            .iter()
            .find(|u| *agency == "KHCN" && u.0 == *code)
            .and_then(|u| u.2)
            .and_then(|pc| base.world.units.get(&(*agency, pc)).copied());
        let mut mu = MUnit {
            id: *id,
            agency: ai,
            parent,
            name: demo_unit_name(code),
            members: Vec::new(),
            head: None,
        };
        for (m, pid) in base.members.iter().zip(base.person_ids) {
            if m.agency != *agency || m.unit != *code {
                continue;
            }
            let position = m.draft.position.as_deref().unwrap_or("");
            if mu.head.is_none()
                && ["Trưởng", "Chánh", "Chi cục trưởng", "Giám đốc"]
                    .iter()
                    .any(|h| position.starts_with(h))
            {
                mu.head = Some(mu.members.len());
            }
            mu.members.push(MPerson {
                id: *pid,
                user: p.user_of.get(pid).copied(),
                name: m.draft.full_name.clone(),
                started: m.started(),
            });
        }
        out.push(mu);
    }
    out
}

/// An agency's officer for emulation work: user id and username.
type Office = Option<(i64, String)>;

/// Each agency's Office (its officer for emulation work: user id and username) and head.
fn offices_and_heads(
    base: &Base<'_>,
    agencies: &[org::Agency],
    units: &[org::UnitSpec],
    p: &People<'_>,
) -> (Vec<Office>, Vec<Option<String>>) {
    let mut office: Vec<Office> = vec![None; agencies.len()];
    let index: HashMap<&str, usize> = agencies
        .iter()
        .enumerate()
        .map(|(i, a)| (a.def.symbol, i))
        .collect();
    if let (Some(&u), Some(&ai)) = (base.world.users.get("vanphong"), index.get("KHCN")) {
        office[ai] = Some((u, "vanphong".to_owned()));
    }
    for (m, pid) in base.members.iter().zip(base.person_ids) {
        if let Some(&ai) = index.get(m.agency)
            && office[ai].is_none()
            && m.draft.position.as_deref() == Some(OFFICER)
            && let Some(u) = p.user_of.get(pid)
        {
            office[ai] = Some((*u, m.draft.code.to_lowercase()));
        }
    }
    let mut director: Vec<Option<String>> = vec![None; agencies.len()];
    for g in p.folks {
        if office[g.agency].is_none() && g.draft.position.as_deref() == Some(OFFICER) {
            office[g.agency] = p
                .user_of
                .get(&g.id)
                .map(|uid| (*uid, g.draft.code.to_lowercase()));
        }
        if units[g.unit].role == org::Role::Leadership && g.post == people::Post::Head {
            director[g.agency].get_or_insert_with(|| g.draft.full_name.clone());
        }
    }
    (office, director)
}

#[allow(clippy::too_many_arguments)]
async fn movement_2024(
    tx: &mut Tx,
    ctx: &Ctx,
    base: &Base<'_>,
    agencies: &[org::Agency],
    units: &[org::UnitSpec],
    p: &People<'_>,
    rng: &mut Rng,
    summary: &mut Summary,
) -> StoreResult<()> {
    let other = |e: String| tdkt_store::StoreError::Other(e);
    let seed = tdkt_docs::plan::seed_plan_khcn_2024().map_err(|e| other(e.to_string()))?;
    let seed_json = serde_json::to_string(&seed).map_err(|e| other(e.to_string()))?;
    let dates = Dates::of(&tdkt_web::plan_edit::derive(&seed))?;
    let (office, director) = offices_and_heads(base, agencies, units, p);
    let mut plan_of = Vec::with_capacity(agencies.len());
    let mut launched_on = Vec::with_capacity(agencies.len());
    let mut with_demo = Vec::with_capacity(agencies.len());
    for (ai, a) in agencies.iter().enumerate() {
        let launched =
            time::Date::from_calendar_date(2024, time::Month::January, 17 + (ai % 8) as u8)
                .expect("a valid day");
        let plan = match movement::existing_plan(tx, a.id).await? {
            Some(id) => id,
            None => {
                let signer = director[ai].as_deref().unwrap_or("");
                let (content, derived) = movement::agency_plan(&seed_json, a, signer)?;
                let who = match &office[ai] {
                    Some((id, name)) => Who {
                        user_id: Some(*id),
                        username: name.clone(),
                        ip: None,
                    },
                    None => ctx.who.clone(),
                };
                movement::launch(tx, who, a.id, &content, &derived, launched).await?
            }
        };
        let registered = bulk::count(tx, "registration", &[("plan_id", &Val::from(plan))]).await?;
        with_demo.push(a.existing && registered == 0);
        plan_of.push(plan);
        launched_on.push(launched);
    }
    let munits = movement_units(base, agencies, units, p, &with_demo);

    // Registrations, with their targets, versions and progress.
    let mut w = Writers::new(tx).await?;
    let mut tallies = Vec::with_capacity(munits.len());
    for mu in &munits {
        let a = &agencies[mu.agency];
        let office_user = office[mu.agency].as_ref().map(|o| o.0);
        let head = mu.head.map(|h| &mu.members[h]);
        let head_user = head.and_then(|h| h.user);
        let launched = launched_on[mu.agency];
        let mut tally = Tally::default();
        let unit_owner = Owner {
            name: &mu.name,
            plan_id: plan_of[mu.agency],
            agency_id: a.id,
            unit_id: mu.id,
            person: None,
            responsible: head.map(|h| h.id),
            author: head_user,
            reviewer: office_user,
        };
        movement::register(tx, &mut w, rng, &dates, launched, &unit_owner, &mut tally).await?;
        for (k, m) in mu.members.iter().enumerate() {
            let owner = Owner {
                name: &m.name,
                person: Some(m),
                responsible: Some(m.id),
                author: m.user,
                reviewer: match (Some(k) == mu.head, head_user) {
                    (false, Some(h)) => Some(h),
                    _ => office_user,
                },
                ..unit_owner
            };
            movement::register(tx, &mut w, rng, &dates, launched, &owner, &mut tally).await?;
        }
        tallies.push(tally);
    }
    let [registrations, targets, _, progress] = w.finish(tx).await?;

    // Reports of the units directly under their agency, counting the units nested in them.
    let mut r = Reports::new(tx).await?;
    for (k, mu) in munits.iter().enumerate() {
        if mu.parent.is_some() {
            continue;
        }
        let subtree: Vec<usize> = (0..munits.len())
            .filter(|&j| j == k || munits[j].parent == Some(mu.id))
            .collect();
        let mut tally = Tally::default();
        let mut members = 0;
        let mut inits = Vec::new();
        for &j in &subtree {
            tally.add(&tallies[j]);
            members += munits[j].members.len();
            for m in &munits[j].members {
                for (code, title, kind, on) in p.initiatives.get(&m.id).into_iter().flatten() {
                    inits.push((code.clone(), title.as_str(), *kind, m.name.as_str(), *on));
                }
            }
        }
        let exemplars: Vec<&str> = mu
            .members
            .iter()
            .skip(1 + rng.below(mu.members.len().max(1)))
            .take(2)
            .map(|m| m.name.as_str())
            .collect();
        let owner = ReportOwner {
            plan_id: plan_of[mu.agency],
            agency_id: agencies[mu.agency].id,
            unit_id: mu.id,
            author: mu.head.and_then(|h| mu.members[h].user),
            office: office[mu.agency].as_ref().map(|o| o.0),
            members,
            exemplars,
            initiatives: inits,
        };
        r.write(tx, rng, &dates, &owner, &tally).await?;
    }
    let [reports, _] = r.finish(tx).await?;
    summary.registrations = registrations;
    summary.targets = targets;
    summary.progress = progress;
    summary.reports = reports;
    Ok(())
}
