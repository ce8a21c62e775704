//! The province's organisation: clusters with their head agency per year, fifty agencies and
//! their unit trees. Agencies and clusters go through the store's functions (a few dozen audited
//! rows, as an administrator would create them); the 3,000 units are loaded in bulk, with their
//! first name and a "created" event dated when the province's bodies were set up.

use std::collections::{HashMap, HashSet};

use time::Date;
use time::macros::date;

use tdkt_domain::person::Category;
use tdkt_store::audit::Ctx;
use tdkt_store::bulk::{Inserter, Val, lookup, next_id};
use tdkt_store::org::{self as store_org, NewAgency};
use tdkt_store::{StoreError, StoreResult, Tx};

use super::Size;
use super::places::{self, AGENCIES, AgencyDef, CLUSTERS, DISTRICTS, Kind, SCHOOL_LEVELS};
use crate::demo::org::DemoOrg;
use crate::demo::rng::Rng;

/// The day the province's bodies (and their units) were set up, as far as the demo knows.
pub const ESTABLISHED: Date = date!(2008 - 08 - 01);
/// The first year of history.
pub const FIRST_YEAR: i32 = 2015;

/// An agency of the province world.
pub struct Agency {
    pub def: &'static AgencyDef,
    pub id: i64,
    /// Created by the agency demo (its units and people are the demo's own).
    pub existing: bool,
    /// Who signs its decisions ("Giám đốc Sở Nội vụ").
    pub issuer: String,
    /// The title of its head ("Giám đốc Sở") and deputies ("Phó Giám đốc Sở").
    pub head_post: String,
}

/// What a unit is in its agency.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The agency's leadership (its head and deputies).
    Leadership,
    /// A staff office of the agency.
    Office,
    /// A subordinate body: only its own leaders sit in it, its staff are in its sections.
    Body,
    /// A section of a body, or a school of a district.
    Section,
}

/// A generated unit.
pub struct UnitSpec {
    pub id: i64,
    /// Index in the agency list.
    pub agency: usize,
    pub code: String,
    pub name: String,
    pub parent: Option<i64>,
    pub path: String,
    pub role: Role,
    pub category: Category,
    /// The posts of its staff: (position, rank).
    pub staff: &'static [(&'static str, &'static str)],
    /// How many people it holds relative to the others.
    pub weight: u32,
}

impl Agency {
    pub fn new(def: &'static AgencyDef, id: i64, existing: bool) -> Agency {
        Agency {
            def,
            id,
            existing,
            issuer: issuer(def),
            head_post: head_post(def),
        }
    }
}

fn head_post(def: &AgencyDef) -> String {
    match def.head {
        "Giám đốc" if def.short.starts_with("Sở ") => "Giám đốc Sở".to_owned(),
        "Chủ tịch" if def.kind == Kind::District => "Chủ tịch UBND".to_owned(),
        h => h.to_owned(),
    }
}

fn issuer(def: &AgencyDef) -> String {
    match def.head {
        "Trưởng ban" => format!("Trưởng {}", def.short),
        "Chánh Văn phòng" | "Chánh Thanh tra" => format!("Chánh {}", def.short),
        h => format!("{h} {}", def.short),
    }
}

/// The full name of an agency ("Sở Nội vụ tỉnh Bắc Giang").
pub fn full_name(def: &AgencyDef) -> String {
    if def.short.ends_with(" tỉnh") {
        format!("{} Bắc Giang", def.short)
    } else if def.kind == Kind::District {
        def.short.replacen("UBND", "Ủy ban nhân dân", 1)
    } else {
        format!("{} tỉnh Bắc Giang", def.short)
    }
}

/// Creates the clusters, their heads and the agencies the agency demo did not.
pub async fn create(
    tx: &mut Tx,
    ctx: &Ctx,
    world: &DemoOrg,
    size: &Size,
) -> StoreResult<(Vec<Agency>, Vec<i64>)> {
    let missing = |what: &str| StoreError::Other(format!("the agency demo has no {what}"));
    let gb = lookup(tx, "governing_body", &[("code", &Val::from("UBND-BG"))])
        .await?
        .ok_or_else(|| missing("governing body"))?;
    let mut clusters = Vec::new();
    for (i, (code, name)) in CLUSTERS.iter().enumerate() {
        let id = match lookup(tx, "cluster", &[("code", &Val::from(*code))]).await? {
            Some(id) => id,
            None if i == 0 => return Err(missing("cluster")),
            None => store_org::create_cluster(tx, ctx, gb, code, name).await?,
        };
        clusters.push(id);
    }
    let mut agencies = Vec::new();
    for def in AGENCIES.iter().take(size.agencies) {
        let existing = if def.symbol == "KHCN" {
            Some(world.khcn)
        } else {
            world.others.get(def.symbol).copied()
        };
        let id = match existing {
            Some(id) => id,
            None => {
                store_org::create_agency(
                    tx,
                    ctx,
                    &NewAgency {
                        governing_body_id: gb,
                        cluster_id: Some(clusters[def.cluster]),
                        symbol: def.symbol,
                        name: &full_name(def),
                        short_name: def.short,
                        header_name: def.header,
                        place: "Bắc Giang",
                        established_on: Some(ESTABLISHED),
                    },
                )
                .await?
            }
        };
        agencies.push(Agency::new(def, id, existing.is_some()));
    }
    // The head of each cluster rotates among its agencies; the agency demo has set its own
    // cluster's 2024 and 2025 heads.
    for (c, cluster_id) in clusters.iter().enumerate() {
        let members: Vec<i64> = agencies
            .iter()
            .filter(|a| a.def.cluster == c)
            .map(|a| a.id)
            .collect();
        if members.is_empty() {
            continue;
        }
        for year in FIRST_YEAR..=2025 {
            if c == 0 && year >= 2024 {
                continue;
            }
            let head = members[(year as usize + c) % members.len()];
            store_org::set_cluster_head(tx, ctx, *cluster_id, year, head).await?;
        }
    }
    Ok((agencies, clusters))
}

/// Splits `total` in proportion to `weights` (largest remainders), each part at least `min`.
pub fn apportion(total: usize, weights: &[u64], min: usize) -> Vec<usize> {
    let n = weights.len();
    if n == 0 {
        return Vec::new();
    }
    let floor = min.min(total / n);
    let rest = total - floor * n;
    let sum: u64 = weights.iter().sum::<u64>().max(1);
    let exact: Vec<u128> = weights
        .iter()
        .map(|w| u128::from(*w) * rest as u128)
        .collect();
    let mut parts: Vec<usize> = exact
        .iter()
        .map(|e| (e / u128::from(sum)) as usize)
        .collect();
    let mut left = rest - parts.iter().sum::<usize>();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(exact[i] % u128::from(sum)));
    for &i in order.iter().cycle() {
        if left == 0 {
            break;
        }
        parts[i] += 1;
        left -= 1;
    }
    parts.iter().map(|p| p + floor).collect()
}

fn leadership_name(def: &AgencyDef) -> String {
    if def.short.starts_with("Sở ") {
        "Lãnh đạo Sở".to_owned()
    } else if def.kind == Kind::District {
        "Thường trực UBND".to_owned()
    } else {
        places::offices(def.kind)[0].1.to_owned()
    }
}

fn office_category(kind: Kind) -> Category {
    match kind {
        Kind::Dept | Kind::District | Kind::Org => Category::CongChuc,
        Kind::Company => Category::NguoiLaoDong,
        _ => Category::VienChuc,
    }
}

const OFFICE_STAFF: &[(&str, &str)] = &[
    ("Chuyên viên", "Chuyên viên"),
    ("Chuyên viên", "Chuyên viên"),
    ("Chuyên viên", "Chuyên viên"),
    ("Chuyên viên chính", "Chuyên viên chính"),
    ("Cán sự", "Cán sự"),
];

/// Lays out the units each agency still needs, numbering them from `first_id`.
/// `existing` holds the unit codes the agency demo already made, by agency symbol.
pub fn plan_units(
    agencies: &[Agency],
    size: &Size,
    existing: &HashMap<&str, HashSet<String>>,
    first_id: i64,
    rng: &mut Rng,
) -> Vec<UnitSpec> {
    let weights: Vec<u64> = agencies
        .iter()
        .map(|a| places::unit_weight(a.def.kind) as u64 * u64::from(rng.range(85, 115) as u32))
        .collect();
    let targets = apportion(size.units, &weights, 2);
    let mut out: Vec<UnitSpec> = Vec::new();
    let mut next = first_id;
    for (ai, a) in agencies.iter().enumerate() {
        let have = existing.get(a.def.symbol);
        let taken = |code: &str| have.is_some_and(|h| h.contains(code));
        let want = targets[ai].saturating_sub(have.map_or(0, HashSet::len));
        let start = out.len();
        let cat = office_category(a.def.kind);
        for (code, name) in places::offices(a.def.kind) {
            if out.len() - start >= want {
                break;
            }
            if taken(code) {
                continue;
            }
            let (role, name, staff, weight) = if *code == "LD" {
                (Role::Leadership, leadership_name(a.def), OFFICE_STAFF, 0)
            } else {
                (Role::Office, (*name).to_owned(), OFFICE_STAFF, 8)
            };
            out.push(UnitSpec {
                id: next,
                agency: ai,
                code: (*code).to_owned(),
                name,
                parent: None,
                path: format!("/{next}/"),
                role,
                category: cat,
                staff,
                weight,
            });
            next += 1;
        }
        if let Some(d) = a.def.district {
            let (_, communes) = DISTRICTS[d];
            'schools: for (ci, commune) in communes.iter().enumerate() {
                for (prefix, code, staff) in SCHOOL_LEVELS {
                    if out.len() - start >= want {
                        break 'schools;
                    }
                    out.push(UnitSpec {
                        id: next,
                        agency: ai,
                        code: format!("{code}{:02}", ci + 1),
                        name: format!("{prefix} {commune}"),
                        parent: None,
                        path: format!("/{next}/"),
                        role: Role::Section,
                        category: Category::VienChuc,
                        staff,
                        weight: 34,
                    });
                    next += 1;
                }
            }
        }
        let bodies = places::bodies(a.def);
        let mut b = 0;
        while out.len() - start < want {
            let base = bodies.names[b % bodies.names.len()];
            let name = match b / bodies.names.len() {
                0 => base.to_owned(),
                k => format!("{base} số {}", k + 1),
            };
            let code = format!("DV{:02}", b + 1);
            let body_id = next;
            let category = if a.def.kind == Kind::Company {
                Category::NguoiLaoDong
            } else {
                Category::VienChuc
            };
            out.push(UnitSpec {
                id: body_id,
                agency: ai,
                code: code.clone(),
                name,
                parent: None,
                path: format!("/{body_id}/"),
                role: Role::Body,
                category,
                staff: bodies.staff,
                weight: 3,
            });
            next += 1;
            let sections = rng.range(2, bodies.sections.len().max(2) as i32) as usize;
            for (j, s) in bodies.sections.iter().take(sections).enumerate() {
                if out.len() - start >= want {
                    break;
                }
                out.push(UnitSpec {
                    id: next,
                    agency: ai,
                    code: format!("{code}-{:02}", j + 1),
                    name: (*s).to_owned(),
                    parent: Some(body_id),
                    path: format!("/{body_id}/{next}/"),
                    role: Role::Section,
                    category,
                    staff: bodies.staff,
                    weight: 30,
                });
                next += 1;
            }
            b += 1;
        }
    }
    out
}

/// Writes the generated units with their first name and a "created" event, without audit rows.
pub async fn write_units(
    tx: &mut Tx,
    ctx: &Ctx,
    agencies: &[Agency],
    units: &[UnitSpec],
) -> StoreResult<()> {
    let now = ctx.clock.now();
    let mut unit = Inserter::new(
        "unit",
        &[
            "id",
            "agency_id",
            "code",
            "name",
            "short_name",
            "parent_id",
            "path",
            "sort_order",
            "name_sort",
            "name_search",
            "established_on",
            "created_at",
            "updated_at",
        ],
    );
    let mut names = Inserter::new("unit_name", &["unit_id", "valid_from", "name"]);
    let mut events = Inserter::new(
        "org_event",
        &[
            "happened_on",
            "kind",
            "agency_id",
            "unit_id",
            "detail",
            "created_at",
        ],
    );
    for (i, u) in units.iter().enumerate() {
        let agency_id = agencies[u.agency].id;
        unit.push(
            tx,
            [
                u.id.into(),
                agency_id.into(),
                u.code.as_str().into(),
                u.name.as_str().into(),
                Val::Text(None),
                u.parent.into(),
                u.path.as_str().into(),
                (100 + i as i64).into(),
                tdkt_domain::vn::text_sort_key(&u.name).into(),
                store_org::unit_search_text(&u.name, &u.code).into(),
                ESTABLISHED.into(),
                now.into(),
                now.into(),
            ],
        )
        .await?;
        names
            .push_after(
                tx,
                [u.id.into(), ESTABLISHED.into(), u.name.as_str().into()],
                &mut [&mut unit],
            )
            .await?;
        let detail = serde_json::json!({ "code": u.code, "name": u.name }).to_string();
        events
            .push_after(
                tx,
                [
                    ESTABLISHED.into(),
                    "unit_created".into(),
                    agency_id.into(),
                    u.id.into(),
                    detail.into(),
                    now.into(),
                ],
                &mut [&mut unit],
            )
            .await?;
    }
    unit.finish(tx).await?;
    names.finish(tx).await?;
    events.finish(tx).await?;
    Ok(())
}

/// The first id for new units.
pub async fn first_unit_id(tx: &mut Tx) -> StoreResult<i64> {
    next_id(tx, "unit").await
}
