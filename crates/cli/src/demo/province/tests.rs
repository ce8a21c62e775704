//! Tests of the province generator at a small size: its history against the rule engine (pure),
//! and the load itself on SQLite (the code path of `tdkt demo --scale province` without 100,000
//! people).

use std::collections::{BTreeMap, HashMap, HashSet};

use serde_json::{Value, json};
use time::macros::date;

use tdkt_domain::policy::{Role, Scope};
use tdkt_store::audit::{Ctx, Who};
use tdkt_store::bulk::{self, Val};
use tdkt_store::people::{PersonFilter, list_people};
use tdkt_store::{Clock, Db, DbConfig, audit, org as store_org, plans, users};

use super::history::{self, History, RATINGS};
use super::org::{Agency, UnitSpec, plan_units};
use super::people::{Gen, generate};
use super::places::AGENCIES;
use super::{Base, Size};
use crate::demo::history::review_date;
use crate::demo::rng::Rng;

const SMALL: Size = Size {
    agencies: 4,
    units: 48,
    people: 1_500,
};

struct World {
    agencies: Vec<Agency>,
    units: Vec<UnitSpec>,
    people: Vec<Gen>,
    history: History,
}

fn world() -> World {
    let mut rng = Rng::new(7);
    let agencies: Vec<Agency> = AGENCIES
        .iter()
        .take(SMALL.agencies)
        .enumerate()
        .map(|(i, d)| Agency::new(d, i as i64 + 1, false))
        .collect();
    let units = plan_units(&agencies, &SMALL, &HashMap::new(), 1, &mut rng);
    let people = generate(&agencies, &units, SMALL.people, 1, &mut rng);
    let history = history::plan(&units, &people, 1, &mut rng);
    World {
        agencies,
        units,
        people,
        history,
    }
}

#[test]
fn the_world_has_its_size_and_shape() {
    let w = world();
    assert_eq!(w.units.len(), SMALL.units);
    assert_eq!(w.people.len(), SMALL.people);
    let codes: HashSet<&str> = w.people.iter().map(|p| p.draft.code.as_str()).collect();
    assert_eq!(codes.len(), w.people.len(), "staff codes are unique");
    for (i, u) in w.units.iter().enumerate() {
        let members: Vec<&Gen> = w.people.iter().filter(|p| p.unit == i).collect();
        assert!(members.len() >= 2, "{} has {}", u.code, members.len());
        assert_eq!(
            members
                .iter()
                .filter(|p| p.post == super::people::Post::Head)
                .count(),
            1,
            "{} has one head",
            u.code
        );
        if let Some(parent) = u.parent {
            let p = w.units.iter().find(|x| x.id == parent).expect("its parent");
            assert!(u.path.starts_with(&p.path) && u.agency == p.agency);
        }
    }
    for (ai, a) in w.agencies.iter().enumerate() {
        let in_agency: Vec<&UnitSpec> = w.units.iter().filter(|u| u.agency == ai).collect();
        assert!(in_agency.iter().any(|u| u.code == "LD"), "{}", a.def.symbol);
        assert!(in_agency.iter().any(|u| u.code == "VP"), "{}", a.def.symbol);
        let officers = w
            .people
            .iter()
            .filter(|p| p.agency == ai)
            .filter(|p| p.draft.position.as_deref() == Some(super::OFFICER))
            .count();
        assert_eq!(
            officers, 1,
            "{} has one officer for emulation work",
            a.def.symbol
        );
    }
}

/// The case of spec/rules-evaluate.md for an agency's generated units in `year`, from the plan.
fn case_json(w: &World, agency: usize, year: i32) -> Value {
    let h = &w.history;
    let ratings = |pairs: Vec<(i16, u8)>| -> Value {
        pairs
            .into_iter()
            .filter(|(y, _)| i32::from(*y) <= year)
            .map(|(y, r)| (y.to_string(), json!(RATINGS[r as usize])))
            .collect::<serde_json::Map<_, _>>()
            .into()
    };
    let units: Vec<Value> = w
        .units
        .iter()
        .enumerate()
        .filter(|(_, u)| u.agency == agency)
        .map(|(i, u)| {
            let r = h
                .unit_ratings
                .iter()
                .filter(|x| x.0 as usize == i)
                .map(|x| (x.1, x.2))
                .collect();
            json!({ "id": u.code, "name": u.name, "ratings": ratings(r) })
        })
        .collect();
    let mut by_person: BTreeMap<usize, Vec<(i16, u8)>> = BTreeMap::new();
    for &(p, y, r) in &h.ratings {
        by_person.entry(p as usize).or_default().push((y, r));
    }
    let mut people = Vec::new();
    for (i, p) in w.people.iter().enumerate() {
        if p.agency != agency || p.started() > review_date(year) {
            continue;
        }
        let titles: Vec<Value> = h
            .titles
            .iter()
            .filter(|t| t.person == Some(i) && t.year < year)
            .map(|t| {
                let mut v = json!({ "code": t.code, "year": t.year });
                if let Some(g) = t.ground {
                    v["ground"] = json!(g);
                }
                if let Some(id) = t.initiative {
                    v["initiative_id"] = json!(id.to_string());
                }
                v
            })
            .collect();
        let awards: Vec<Value> = h
            .awards
            .iter()
            .filter(|a| a.person == i && a.decided_on.year() <= year)
            .map(|a| {
                let mut v = json!({ "code": a.code, "decided_on": a.decided_on.to_string(), "type": a.kind });
                if let Some((_, to)) = a.period {
                    v["period_to_year"] = json!(to);
                }
                v
            })
            .collect();
        let initiatives: Vec<Value> = h
            .initiatives
            .iter()
            .filter(|x| x.person == i && x.year <= year)
            .map(|x| {
                let kind = if x.st_task { "st_task" } else { "initiative" };
                json!({ "id": x.id.to_string(), "year": x.year, "kind": kind, "scope": "co_so" })
            })
            .collect();
        let discipline: Vec<Value> = h
            .discipline
            .iter()
            .filter(|d| d.0 == i && d.1.year() <= year)
            .map(|d| json!({ "level": "khien_trach", "effective_on": d.1.to_string(), "until": d.2.to_string() }))
            .collect();
        let absences: Vec<Value> = h
            .absences
            .iter()
            .filter(|a| a.0 == i && a.1.year() == year)
            .map(|a| json!({ "from": a.1.to_string(), "to": a.2.to_string(), "kind": "maternity" }))
            .collect();
        people.push(json!({
            "id": p.draft.code, "name": p.draft.full_name, "unit": w.units[p.unit].code,
            "recruited_on": p.started().to_string(),
            "ratings": ratings(by_person.get(&i).cloned().unwrap_or_default()),
            "titles": titles, "awards": awards, "initiatives": initiatives,
            "discipline": discipline, "absences": absences, "pending": false,
        }));
    }
    json!({ "evaluation_year": year, "units": units, "people": people })
}

/// (code, verdict) → subjects, and the number of warnings.
fn evaluate(case: &Value) -> (BTreeMap<(String, String), HashSet<String>>, usize) {
    let json = serde_json::to_vec(case).unwrap();
    let out = tdkt_rules::cli::evaluate_command("-", Some("none"), &mut json.as_slice());
    assert_eq!(out.exit_code, 0, "{}", out.stderr);
    let v: Value = serde_json::from_str(&out.stdout).unwrap();
    let mut by: BTreeMap<(String, String), HashSet<String>> = BTreeMap::new();
    for r in v["results"].as_array().unwrap() {
        let key = (
            r["code"].as_str().unwrap().to_owned(),
            r["verdict"].as_str().unwrap().to_owned(),
        );
        by.entry(key)
            .or_default()
            .insert(r["subject"].as_str().unwrap().to_owned());
    }
    (by, v["warnings"].as_array().unwrap().len())
}

#[test]
fn the_rule_engine_confirms_the_generated_history() {
    let w = world();
    let mut checked = 0;
    for agency in 0..w.agencies.len() {
        for year in 2018..history::YEAR {
            let (v, warnings) = evaluate(&case_json(&w, agency, year));
            let eligible = |code: &str| -> HashSet<String> {
                v.get(&(code.to_owned(), "eligible".to_owned()))
                    .cloned()
                    .unwrap_or_default()
            };
            let recorded = |code: &str| -> HashSet<String> {
                w.history
                    .titles
                    .iter()
                    .filter(|t| t.year == year && t.code == code)
                    .filter_map(|t| match (t.person, t.unit) {
                        (Some(p), _) if w.people[p].agency == agency => {
                            Some(w.people[p].draft.code.clone())
                        }
                        (_, Some(u)) if w.units[u].agency == agency => {
                            Some(w.units[u].code.clone())
                        }
                        _ => None,
                    })
                    .collect()
            };
            let symbol = w.agencies[agency].def.symbol;
            assert_eq!(warnings, 0, "{symbol} {year}: quotas");
            assert_eq!(recorded("LDTT"), eligible("LDTT"), "{symbol} LĐTT {year}");
            assert_eq!(
                recorded("CSTDCS"),
                eligible("CSTDCS"),
                "{symbol} CSTĐCS {year}"
            );
            assert_eq!(
                recorded("TTLDXS"),
                eligible("TTLDXS"),
                "{symbol} TTLĐXS {year}"
            );
            let tt: HashSet<String> = eligible("TTLDTT")
                .difference(&recorded("TTLDXS"))
                .cloned()
                .collect();
            assert_eq!(recorded("TTLDTT"), tt, "{symbol} TTLĐTT {year}");
            checked += recorded("LDTT").len();
        }
    }
    assert!(checked > 1_000, "{checked} LĐTT checked");
    let bk = w
        .history
        .awards
        .iter()
        .filter(|a| a.code == "BK_TINH")
        .count();
    assert!(bk > 0, "some Bằng khen of the province");
}

#[tokio::test]
async fn a_small_province_is_loaded_without_audit_rows() {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::connect(&DbConfig::Sqlite(dir.path().join("province.db")))
        .await
        .unwrap();
    let clock = Clock::new(Some(date!(2024 - 12 - 16)), "Asia/Ho_Chi_Minh").unwrap();
    db.migrate(&clock).await.unwrap();
    let ctx = Ctx {
        clock: clock.clone(),
        who: Who::system("demo"),
    };
    let size = Size {
        agencies: 7,
        units: 90,
        people: 2_500,
    };
    let mut tx = db.begin().await.unwrap();
    // The agency demo first, as `demo::ensure` writes it.
    let world = crate::demo::org::create(&mut tx, &ctx).await.unwrap();
    let members = crate::demo::staff::members();
    let plan = crate::demo::history::plan(&members);
    let person_ids = crate::demo::history::write(&mut tx, &ctx, &world, &members, &plan)
        .await
        .unwrap();
    crate::demo::launch::write(&mut tx, &ctx, &world)
        .await
        .unwrap();
    let audited = |rows: &[audit::AuditRow]| {
        rows.iter()
            .filter(|r| {
                matches!(
                    r.entity.as_str(),
                    "person" | "person_rating" | "title" | "award" | "initiative" | "unit"
                )
            })
            .count()
    };
    let before = {
        // The agency demo's transaction is still open: count its audit rows from inside it.
        let n = bulk::count(&mut tx, "audit_log", &[]).await.unwrap() as usize;
        assert!(n > 0);
        let mut k = 0;
        for e in [
            "person",
            "person_rating",
            "title",
            "award",
            "initiative",
            "unit",
        ] {
            k += bulk::count(&mut tx, "audit_log", &[("entity", &Val::from(e))])
                .await
                .unwrap() as usize;
        }
        k
    };
    let base = Base {
        world: &world,
        members: &members,
        person_ids: &person_ids,
    };
    let summary = super::write(&mut tx, &ctx, &base, &size).await.unwrap();
    let registrations = bulk::count(&mut tx, "registration", &[]).await.unwrap();
    let reports = bulk::count(&mut tx, "report", &[]).await.unwrap();
    let nested_reports = bulk::count(
        &mut tx,
        "report",
        &[("unit_id", &Val::from(world.units[&("KHCN", "CCTDC-TC")]))],
    )
    .await
    .unwrap();
    let year_end = bulk::lookup(&mut tx, "report", &[("kind", &Val::from("year_end"))])
        .await
        .unwrap()
        .expect("a year-end report");
    tx.commit().await.unwrap();

    let all = Scope {
        all: true,
        ..Default::default()
    };
    assert_eq!(store_org::agencies(&db, &all).await.unwrap().len(), 7);
    assert_eq!(
        store_org::count_units(&db, &all).await.unwrap() as usize,
        size.units
    );
    let (_, people) = list_people(&db, &all, &PersonFilter::default(), 0, 1)
        .await
        .unwrap();
    assert_eq!(people as usize, size.people);
    assert_eq!(summary.people, size.people);
    assert!(
        summary.titles > 1_000 && summary.ratings > 10_000,
        "{summary:?}"
    );
    // Everyone has an account with the demo password; the demo accounts are the agency demo's.
    let u = users::user_by_username(&db, "tttt1000")
        .await
        .unwrap()
        .expect("a generated account");
    assert!(users::verify_password(
        crate::demo::PASSWORD,
        &u.password_hash
    ));
    let vanphong = users::user_by_username(&db, "vanphong")
        .await
        .unwrap()
        .unwrap();
    let roles = users::roles(&db, Some(vanphong.id)).await.unwrap();
    assert_eq!(roles.len(), 1);
    assert_eq!(roles[0].role, Role::VanPhong.code());
    assert_eq!(roles[0].agency_symbol.as_deref(), Some("KHCN"));
    // Each agency launched its plan; the movement has registrations and reports, the latter only
    // for units directly under their agency.
    assert_eq!(plans::plans_of_year(&db, 2024).await.unwrap().len(), 7);
    assert!(
        registrations as usize > size.people * 9 / 10,
        "{registrations}"
    );
    assert!(reports > 20, "{reports}");
    assert_eq!(nested_reports, 0);
    // The movement reads back through the store as the pages read it.
    let today = clock.today();
    let report = tdkt_store::reports::report(&db, year_end).await.unwrap();
    let content = report.content().unwrap();
    let figures = content.figures.expect("figures frozen at submission");
    assert!(
        figures.members > 0 && figures.targets.registered > 0,
        "{figures:?}"
    );
    assert!(!content.sections.results.is_empty());
    assert!(report.on_time().is_some());
    let overview = tdkt_store::reports::overview(&db, &all, 2024, today)
        .await
        .unwrap();
    assert_eq!(overview.len(), 7);
    let khcn = plans::plan_for(&db, world.khcn, 2024)
        .await
        .unwrap()
        .unwrap();
    let regs = tdkt_store::registrations::list(&db, khcn.id, &all, None, today)
        .await
        .unwrap();
    assert!(regs.len() > 1_000 / 7, "{}", regs.len());
    assert!(regs.iter().any(|r| r.met > 0) && regs.iter().any(|r| r.not_higher > 0));
    // Generated history writes no audit rows: only agencies, clusters and plans are audited.
    let rows = audit::list(&db, None, None, 1_000_000).await.unwrap();
    assert_eq!(
        audited(&rows),
        before,
        "no audit rows for generated people and history"
    );
    assert!(rows.len() < 400, "{}", rows.len());
    assert!(audit::verify_chain(&db).await.unwrap().is_none());
}

/// `tdkt demo --scale province` at a small size, through `demo::ensure`: the agency demo's year
/// comes first (its movement registers Sở KH&CN's own units and people and sends their reports),
/// then the province registers the other agencies' demo units and every generated unit, and leaves
/// Sở KH&CN's year as the agency demo made it (`with_demo` is false for KHCN).
#[tokio::test]
async fn the_province_leaves_the_demo_year_of_khcn_as_it_is() {
    use tdkt_store::registrations as reg;
    use tdkt_store::reports::{self as rep, Kind, Timeliness};

    let dir = tempfile::tempdir().unwrap();
    let db = Db::connect(&DbConfig::Sqlite(dir.path().join("province.db")))
        .await
        .unwrap();
    let clock = Clock::new(Some(date!(2024 - 12 - 16)), "Asia/Ho_Chi_Minh").unwrap();
    let size = Size {
        agencies: 7,
        units: 90,
        people: 2_500,
    };
    match crate::demo::ensure_sized(&db, &clock, false, Some(&size)).await {
        Ok(()) => {}
        Err(crate::Failure::Usage(e)) => panic!("{e}"),
        Err(crate::Failure::Runtime(e)) => panic!("{e:#}"),
    }
    assert!(crate::demo::is_demo(&db).await.is_ok_and(|d| d));
    let today = clock.today();
    let all = Scope {
        all: true,
        ..Default::default()
    };
    let agencies = store_org::agencies(&db, &all).await.unwrap();
    assert_eq!(agencies.len(), 7);
    let plan_of = |symbol: &str| {
        let a = agencies.iter().find(|a| a.symbol == symbol).unwrap().id;
        let db = db.clone();
        async move { plans::plan_for(&db, a, 2024).await.unwrap().unwrap() }
    };
    let demo_units: HashSet<&str> = crate::demo::org::KHCN_UNITS.iter().map(|u| u.0).collect();

    // Sở KH&CN: the demo's 127 registrations (117 people, 10 units), one returned and fixed,
    // beside those of the generated units.
    let khcn = plan_of("KHCN").await;
    let regs = reg::list(&db, khcn.id, &all, None, today).await.unwrap();
    let (demo, generated): (Vec<_>, Vec<_>) = regs
        .iter()
        .partition(|i| demo_units.contains(i.reg.unit_code.as_str()));
    assert_eq!(demo.len(), 127);
    assert!(!generated.is_empty());
    let mut returned = Vec::new();
    for i in &demo {
        let v = reg::versions(&db, i.reg.id).await.unwrap();
        if v.iter().any(|x| x.action == "return") {
            returned.push(i.reg.person_code.clone());
        }
    }
    assert_eq!(returned, [Some(crate::demo::movement::RETURNED.to_owned())]);
    // Its reports as the agency demo sent them, and the generated units' beside them.
    let items = rep::list(&db, khcn.id, khcn.agency_id, &all, &[])
        .await
        .unwrap();
    let of = |kind: Kind, t: Timeliness| -> Vec<&str> {
        items
            .iter()
            .filter(|i| demo_units.contains(i.unit_code.as_str()))
            .filter(|i| i.kind == kind && i.timeliness(today) == t)
            .map(|i| i.unit_code.as_str())
            .collect()
    };
    assert_eq!(of(Kind::MidYear, Timeliness::Late), ["KHTC"]);
    assert_eq!(of(Kind::YearEnd, Timeliness::Missing), ["QLCNG"]);
    assert_eq!(of(Kind::YearEnd, Timeliness::Late), ["TTRA"]);
    let back: Vec<&str> = items
        .iter()
        .filter(|i| i.returned_count() > 0 && demo_units.contains(i.unit_code.as_str()))
        .map(|i| i.unit_code.as_str())
        .collect();
    assert_eq!(back, ["QLKH"]);
    assert!(
        items
            .iter()
            .any(|i| !demo_units.contains(i.unit_code.as_str()) && i.report.is_some())
    );

    // Another agency of the agency demo: the province registers its demo units.
    let tttt = plan_of("TTTT").await;
    let regs = reg::list(&db, tttt.id, &all, None, today).await.unwrap();
    assert!(regs.iter().any(|i| i.reg.unit_code == "VP"));
    assert!(audit::verify_chain(&db).await.unwrap().is_none());
}
