//! Tests of the demo world: the plan (pure, checked against the rules the cast is meant to show)
//! and the database `demo::ensure` writes.

use std::collections::{BTreeMap, HashSet};
use std::time::Instant;

use time::macros::date;

use tdkt_domain::policy::Scope;
use tdkt_domain::vn;
use tdkt_store::people::{PersonFilter, list_people, person_by_code};
use tdkt_store::records::{count_unrated, person_records};
use tdkt_store::{Clock, Db, DbConfig, audit, org};

use super::featured::FEATURED;
use super::history::{self, FIRST_YEAR, Plan, YEAR, ratable};
use super::org::KHCN_UNITS;
use super::staff::{Member, members};
use crate::{Failure, Scale};

fn world() -> (Vec<Member>, Plan) {
    let m = members();
    let p = history::plan(&m);
    (m, p)
}

fn index(m: &[Member], code: &str) -> usize {
    m.iter()
        .position(|x| x.draft.code == code)
        .unwrap_or_else(|| panic!("{code} is in the demo"))
}

fn rating(p: &Plan, i: usize, year: i32) -> Option<&'static str> {
    p.ratings.get(&(i, year)).copied()
}

fn good(r: Option<&str>) -> bool {
    matches!(r, Some("HTTNV" | "HTXSNV"))
}

/// A small reading of the 2024 rules (DOMAIN.md §4.1), enough to check the cast's design.
fn ldtt_2024(m: &[Member], p: &Plan, i: usize) -> bool {
    let f = m[i].featured();
    let pending = f.is_some_and(|f| f.pending.is_some());
    let disciplined = f.is_some_and(|f| f.discipline.is_some_and(|d| d.1.year() == YEAR));
    let absent = f
        .and_then(|f| f.absence)
        .filter(|a| a.2 != "maternity")
        .map_or(0, |a| (a.1 - a.0).whole_days() + 1);
    !pending
        && !disciplined
        && absent < 90
        && good(rating(p, i, YEAR))
        && history::tenure_ok(m[i].started(), YEAR)
}

fn cstdcs_2024(m: &[Member], p: &Plan, i: usize) -> bool {
    ldtt_2024(m, p, i) && (rating(p, i, YEAR) == Some("HTXSNV") || p.has_initiative(i, YEAR))
}

/// CSTĐCS years (earlier titles plus this year's eligibility).
fn cstdcs(m: &[Member], p: &Plan, i: usize, year: i32) -> bool {
    if year == YEAR {
        cstdcs_2024(m, p, i)
    } else {
        p.has_title(i, year, "CSTDCS")
    }
}

/// The last year of the achievement period of the latest ladder award of these codes.
fn window_start(p: &Plan, i: usize, codes: &[&str]) -> i32 {
    p.awards
        .iter()
        .filter(|a| a.member == i && a.kind == "cong_trang" && codes.contains(&a.code))
        .map(|a| a.period.map_or(a.decided_on.year(), |p| p.1 + 1))
        .max()
        .unwrap_or(i32::MIN)
}

fn cstd_tinh(m: &[Member], p: &Plan, i: usize) -> bool {
    (YEAR - 2..=YEAR).all(|y| cstdcs(m, p, i, y))
        && p.initiatives
            .iter()
            .any(|x| x.member == i && x.scope == "tinh" && x.year >= YEAR - 2)
}

fn bk_tinh_d(m: &[Member], p: &Plan, i: usize) -> bool {
    if window_start(p, i, &["BK_TINH"]) > YEAR - 1 {
        return false;
    }
    let on_cstdcs = cstdcs(m, p, i, YEAR - 1) && cstdcs(m, p, i, YEAR);
    let on_htxsnv = (YEAR - 1..=YEAR).all(|y| rating(p, i, y) == Some("HTXSNV"));
    if !on_cstdcs && !on_htxsnv {
        return false;
    }
    let mut used: HashSet<String> = p
        .titles
        .iter()
        .filter(|t| t.member == Some(i))
        .filter_map(|t| t.initiative.clone())
        .collect();
    if cstdcs_2024(m, p, i) && rating(p, i, YEAR) != Some("HTXSNV") {
        let mut this_year: Vec<&str> = p
            .initiatives
            .iter()
            .filter(|x| x.member == i && x.year == YEAR)
            .map(|x| x.code.as_str())
            .collect();
        this_year.sort();
        used.insert(this_year[0].to_owned());
    }
    p.initiatives
        .iter()
        .filter(|x| x.member == i && x.year >= YEAR - 1 && !used.contains(&x.code))
        .count()
        >= 2
}

fn bk_ttg(m: &[Member], p: &Plan, i: usize) -> bool {
    let start = window_start(p, i, &["BK_TINH", "BK_BO", "BK_TTG"]);
    start != i32::MIN
        && start <= YEAR - 4
        && (YEAR - 4..=YEAR).all(|y| good(rating(p, i, y)))
        && (start..=YEAR).filter(|&y| cstdcs(m, p, i, y)).count() >= 3
}

#[test]
fn about_120_people_in_every_unit_and_a_few_elsewhere() {
    let m = members();
    let khcn: Vec<&Member> = m.iter().filter(|x| x.agency == "KHCN").collect();
    assert!((115..=125).contains(&khcn.len()), "{}", khcn.len());
    for (unit, _, _) in KHCN_UNITS {
        assert!(khcn.iter().any(|x| x.unit == *unit), "{unit} has members");
    }
    for a in ["TTTT", "GDDT", "SYT", "VHTTDL"] {
        let n = m.iter().filter(|x| x.agency == a).count();
        assert!((3..=5).contains(&n), "{a}: {n}");
    }
    let codes: HashSet<&str> = m.iter().map(|x| x.draft.code.as_str()).collect();
    assert_eq!(codes.len(), m.len(), "staff codes are unique");
    let names: HashSet<&str> = m.iter().map(|x| x.draft.full_name.as_str()).collect();
    assert_eq!(names.len(), m.len(), "names are unique");
    for x in &m {
        let d = &x.draft;
        assert_eq!(vn::clean(&d.full_name), d.full_name, "NFC, single-spaced");
        assert!(tdkt_domain::person::valid_code(&d.code));
        let born = d.birth_date.unwrap();
        assert!((1966..=2002).contains(&born.year()), "{}", d.full_name);
        assert!(x.started().year() - born.year() >= 18, "{}", d.full_name);
        if let Some(a) = d.appointed_on {
            assert!(a >= x.started(), "{}: appointed after starting", d.code);
        }
    }
    let minorities = m
        .iter()
        .filter(|x| x.draft.ethnicity.as_deref() != Some("Kinh"))
        .count();
    assert!((3..=20).contains(&minorities), "{minorities}");
    let contract_first = m
        .iter()
        .filter(|x| x.draft.appointed_on.is_some_and(|a| a > x.started()))
        .count();
    assert!(contract_first >= 5, "{contract_first}");
}

#[test]
fn the_demo_is_the_same_every_time() {
    let (m1, p1) = world();
    let (m2, p2) = world();
    assert_eq!(format!("{m1:?}"), format!("{m2:?}"));
    assert_eq!(format!("{p1:?}"), format!("{p2:?}"));
}

#[test]
fn ratings_follow_employment_and_quotas() {
    let (m, p) = world();
    for (i, x) in m.iter().enumerate() {
        for y in FIRST_YEAR..=YEAR {
            let r = rating(&p, i, y);
            let skipped = matches!(x.draft.code.as_str(), "KHCN054" | "KHCN055") && y == YEAR;
            assert_eq!(
                r.is_some(),
                ratable(x.started(), y) && !skipped,
                "{} {y}",
                x.draft.code
            );
        }
    }
    let unrated: Vec<&str> = (0..m.len())
        .filter(|&i| rating(&p, i, YEAR).is_none())
        .map(|i| m[i].draft.code.as_str())
        .collect();
    assert_eq!(unrated, ["KHCN053", "KHCN054", "KHCN055"]);
    for (unit, _, _) in KHCN_UNITS {
        let in_unit: Vec<usize> = (0..m.len())
            .filter(|&i| m[i].agency == "KHCN" && m[i].unit == *unit)
            .collect();
        for y in FIRST_YEAR..=YEAR {
            let count = |r: &str| {
                in_unit
                    .iter()
                    .filter(|&&i| rating(&p, i, y) == Some(r))
                    .count()
            };
            let base = count("HTTNV") + count("HTXSNV");
            assert!(count("HTXSNV") <= base / 5, "HTXSNV quota, {unit} {y}");
            if y < YEAR {
                let title = |c: &str| in_unit.iter().filter(|&&i| p.has_title(i, y, c)).count();
                assert!(
                    title("CSTDCS") <= title("LDTT") * 15 / 100,
                    "CSTĐCS within 15% of LĐTT, {unit} {y}"
                );
            }
        }
    }
}

#[test]
fn titles_of_history_follow_the_2017_rules() {
    let (m, p) = world();
    for t in &p.titles {
        let Some(i) = t.member else { continue };
        let code = &m[i].draft.code;
        assert!(t.year < YEAR, "no title for the evaluation year");
        assert!(good(rating(&p, i, t.year)), "{code} {} {}", t.code, t.year);
        assert!(history::tenure_ok(m[i].started(), t.year), "{code}");
        if t.code == "CSTDCS" {
            assert!(p.has_title(i, t.year, "LDTT"), "{code} {}", t.year);
            let init = t
                .initiative
                .as_deref()
                .expect("CSTĐCS rests on an initiative");
            let x = p.initiatives.iter().find(|x| x.code == init).unwrap();
            assert_eq!((x.member, x.year), (i, t.year), "{code}");
            assert_eq!(t.ground, Some(x.kind));
        }
    }
    let codes: HashSet<&str> = p.initiatives.iter().map(|x| x.code.as_str()).collect();
    assert_eq!(
        codes.len(),
        p.initiatives.len(),
        "initiative codes are unique"
    );
    let titles: HashSet<&str> = p.initiatives.iter().map(|x| x.title.as_str()).collect();
    assert_eq!(
        titles.len(),
        p.initiatives.len(),
        "initiative titles are unique"
    );
    for y in FIRST_YEAR..YEAR {
        let gk = p
            .awards
            .iter()
            .filter(|a| a.code == "GK" && a.decided_on.year() >= y && a.period == Some((y, y)))
            .count();
        assert!(gk >= 3, "Giấy khen in {y}");
        assert!(
            p.titles
                .iter()
                .any(|t| t.unit.is_some() && t.year == y && t.code == "TTLDTT")
        );
        assert!(
            p.titles
                .iter()
                .any(|t| t.unit.is_some() && t.year == y && t.code == "TTLDXS")
        );
    }
}

#[test]
fn the_cast_shows_every_ladder_of_2024() {
    let (m, p) = world();
    let khcn: Vec<usize> = (0..m.len()).filter(|&i| m[i].agency == "KHCN").collect();
    let who = |f: &dyn Fn(usize) -> bool| -> Vec<&str> {
        khcn.iter()
            .copied()
            .filter(|&i| f(i))
            .map(|i| m[i].draft.code.as_str())
            .collect()
    };
    assert_eq!(who(&|i| cstd_tinh(&m, &p, i)), ["KHCN040"]);
    assert_eq!(who(&|i| bk_tinh_d(&m, &p, i)), ["KHCN042"]);
    assert_eq!(who(&|i| bk_ttg(&m, &p, i)), ["KHCN044", "KHCN046"]);
    let i = |c| index(&m, c);
    // One year short of CSTĐ tỉnh: CSTĐCS 2023 and 2024, a province-scope initiative.
    assert!(
        !p.has_title(i("KHCN041"), 2022, "CSTDCS") && p.has_title(i("KHCN041"), 2023, "CSTDCS")
    );
    assert!(cstdcs_2024(&m, &p, i("KHCN041")));
    // Short by one initiative: HTXSNV 2023–2024, one initiative.
    assert_eq!(rating(&p, i("KHCN043"), 2023), Some("HTXSNV"));
    assert_eq!(
        p.initiatives
            .iter()
            .filter(|x| x.member == i("KHCN043"))
            .count(),
        1
    );
    // BK_TTG one year short: 3 CSTĐCS in a 4-year window.
    let f = i("KHCN045");
    assert_eq!(window_start(&p, f, &["BK_TINH"]), 2021);
    assert_eq!((2021..=YEAR).filter(|&y| cstdcs(&m, &p, f, y)).count(), 3);
    // HCLD3 path (e): BK_TTG, then 5 years HTTNV+, one HTXSNV, 3 CSTĐCS.
    let g = i("KHCN046");
    assert!(p.awards.iter().any(|a| a.member == g && a.code == "BK_TTG"));
    assert!((YEAR - 4..=YEAR).any(|y| rating(&p, g, y) == Some("HTXSNV")));
    // The special cases.
    assert!(!ldtt_2024(&m, &p, i("KHCN047")) && good(rating(&p, i("KHCN047"), YEAR)));
    assert!(ldtt_2024(&m, &p, i("KHCN048")));
    assert!(ldtt_2024(&m, &p, i("KHCN049")));
    assert!(!ldtt_2024(&m, &p, i("KHCN050")) && rating(&p, i("KHCN050"), YEAR) == Some("HTNV"));
    assert_eq!(rating(&p, i("KHCN051"), YEAR), Some("KHTNV"));
    assert!(!ldtt_2024(&m, &p, i("KHCN052")));
    // Most people are LĐTT this year.
    let ldtt = khcn.iter().filter(|&&i| ldtt_2024(&m, &p, i)).count();
    assert!(ldtt * 100 >= khcn.len() * 80, "{ldtt}/{}", khcn.len());
}

#[test]
fn units_reach_ttldxs_or_only_ttldtt_in_2024() {
    let (m, p) = world();
    let unit_rating = |u: &str| {
        p.unit_ratings
            .iter()
            .find(|(k, y, _)| *k == ("KHCN", u) && *y == YEAR)
            .map(|x| x.2)
    };
    let verdicts = |u: &str| {
        let members: Vec<usize> = (0..m.len())
            .filter(|&i| m[i].agency == "KHCN" && m[i].unit == u)
            .collect();
        let n = members.len();
        let ldtt = members.iter().filter(|&&i| ldtt_2024(&m, &p, i)).count();
        let cs = members.iter().filter(|&&i| cstdcs_2024(&m, &p, i)).count();
        let all_done = members
            .iter()
            .all(|&i| matches!(rating(&p, i, YEAR), Some("HTNV" | "HTTNV" | "HTXSNV")));
        let r = unit_rating(u);
        let xs = r == Some("HTXSNV") && all_done && ldtt * 10 >= n * 7 && cs >= 1;
        let tt = good(r) && ldtt * 2 > n;
        (xs, tt)
    };
    assert_eq!(verdicts("VP"), (true, true));
    assert_eq!(verdicts("QLKH"), (true, true));
    assert_eq!(verdicts("CCTDC-DL"), (false, true));
    assert_eq!(verdicts("TTRA"), (false, true));
    for (u, _, _) in KHCN_UNITS.iter().filter(|u| u.0 != "LD") {
        assert!(verdicts(u).1, "{u} is TTLĐTT");
    }
    assert_eq!(
        unit_rating("LD"),
        None,
        "the leadership is not a collective"
    );
}

#[test]
fn trieu_ngoc_trung_has_a_neutral_record() {
    let (m, p) = world();
    let i = index(&m, "KHCN002");
    for y in FIRST_YEAR..=YEAR {
        assert_eq!(rating(&p, i, y), Some("HTTNV"));
    }
    assert!(
        p.titles
            .iter()
            .filter(|t| t.member == Some(i))
            .all(|t| t.code == "LDTT")
    );
    assert!(!p.awards.iter().any(|a| a.member == i));
    assert!(!p.initiatives.iter().any(|x| x.member == i));
    assert!(m[i].featured().is_none());
}

fn ok(r: Result<(), Failure>) {
    match r {
        Ok(()) => {}
        Err(Failure::Usage(e)) => panic!("{e}"),
        Err(Failure::Runtime(e)) => panic!("{e:#}"),
    }
}

/// What the database holds, counted through the store's API.
async fn census(db: &Db) -> BTreeMap<String, usize> {
    let all = Scope {
        all: true,
        ..Default::default()
    };
    let (people, total) = list_people(db, &all, &PersonFilter::default(), 0, 1000)
        .await
        .unwrap();
    let mut c = BTreeMap::new();
    c.insert("people".to_owned(), total as usize);
    for p in &people {
        *c.entry(format!("agency {}", p.agency_symbol)).or_default() += 1;
        let r = person_records(db, p.id).await.unwrap();
        for x in &r.ratings {
            *c.entry(format!("ratings {}", x.year)).or_default() += 1;
        }
        *c.entry("titles".to_owned()).or_default() += r.titles.len();
        *c.entry("awards".to_owned()).or_default() += r.awards.len();
        *c.entry("initiatives".to_owned()).or_default() += r.initiatives.len();
        *c.entry("absences".to_owned()).or_default() += r.absences.len();
        *c.entry("discipline".to_owned()).or_default() += r.discipline.len();
        *c.entry("pending".to_owned()).or_default() += r.pending.len();
    }
    for u in org::list_units(db, &all, &Default::default())
        .await
        .unwrap()
    {
        c.insert(
            format!("unit {} {}", u.agency_symbol, u.code),
            u.members as usize,
        );
    }
    c.insert(
        "audit".to_owned(),
        audit::list(db, None, None, 100_000).await.unwrap().len(),
    );
    c
}

#[tokio::test]
async fn ensure_writes_the_world_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = Db::connect(&DbConfig::Sqlite(dir.path().join("demo.db")))
        .await
        .unwrap();
    let clock = Clock::new(Some(date!(2024 - 12 - 16)), "Asia/Ho_Chi_Minh").unwrap();
    let t = Instant::now();
    ok(super::ensure(&db, &clock, false, Scale::Agency).await);
    let elapsed = t.elapsed();
    eprintln!("demo created in {elapsed:?}");
    assert!(elapsed.as_secs() < 20, "{elapsed:?}");

    let c = census(&db).await;
    assert_eq!(c["agency KHCN"], 120);
    for (unit, _, _) in KHCN_UNITS {
        assert!(c[&format!("unit KHCN {unit}")] > 0, "{unit}");
    }
    for y in FIRST_YEAR..=YEAR {
        assert!(c[&format!("ratings {y}")] > 100, "{y}");
    }
    assert_eq!((c["absences"], c["discipline"], c["pending"]), (2, 1, 1));
    let all = Scope {
        all: true,
        ..Default::default()
    };
    assert_eq!(count_unrated(&db, &all, YEAR).await.unwrap(), 3);
    // Generated history writes no audit rows: only the organisation, the cast and the accounts,
    // on the demo's day; the year's movement writes the app's, each on the day of its action.
    let rows = audit::list(&db, None, None, 100_000).await.unwrap();
    assert!(rows.iter().all(|r| !matches!(
        r.entity.as_str(),
        "person_rating" | "title" | "award" | "initiative" | "absence" | "discipline"
    )));
    let today = clock.today();
    let world_rows = rows
        .iter()
        .filter(|r| clock.local(r.at).date() == today)
        .count();
    assert!(world_rows < 100, "{world_rows}");
    assert!(rows.iter().all(|r| clock.local(r.at).date() <= today));
    assert_eq!(audit::verify_chain(&db).await.unwrap(), None);

    for f in FEATURED {
        let p = person_by_code(&db, f.code).await.unwrap().expect(f.code);
        assert_eq!(p.full_name, f.name);
        let r = person_records(&db, p.id).await.unwrap();
        let years: Vec<i64> = r.ratings.iter().map(|x| x.year).collect();
        let expected: Vec<i64> = (FIRST_YEAR..=YEAR)
            .filter(|y| f.ratings[(y - FIRST_YEAR) as usize].is_some())
            .map(i64::from)
            .collect();
        assert_eq!(years, expected, "{}", f.code);
        assert_eq!(r.initiatives.len(), f.initiatives.len(), "{}", f.code);
        for (year, code) in f.cstdcs {
            let t = r
                .titles
                .iter()
                .find(|t| t.code == "CSTDCS" && t.year == i64::from(*year))
                .unwrap_or_else(|| panic!("{} CSTĐCS {year}", f.code));
            let init = r.initiatives.iter().find(|x| x.code == *code).unwrap();
            assert_eq!(t.initiative_id, Some(init.id));
            assert!(t.decision_no.as_deref().unwrap().ends_with("/QĐ-KHCN"));
        }
        for a in f.awards {
            assert!(
                r.awards.iter().any(|x| x.code == a.code
                    && x.period_to_year == a.period.map(|p| i64::from(p.1))
                    && x.decision_no.as_deref() == Some(a.decision_no)),
                "{} {}",
                f.code,
                a.code
            );
        }
    }
    let khai = person_by_code(&db, "KHCN040").await.unwrap().unwrap();
    let r = person_records(&db, khai.id).await.unwrap();
    assert!(
        r.initiatives
            .iter()
            .any(|x| x.scope == "tinh" && x.year == 2024)
    );

    // Again: nothing changes; with --reset: the same world again.
    ok(super::ensure(&db, &clock, false, Scale::Agency).await);
    assert_eq!(census(&db).await, c);
    ok(super::ensure(&db, &clock, true, Scale::Agency).await);
    let again = census(&db).await;
    assert_eq!(again.len(), c.len());
    for (k, v) in &c {
        if k != "audit" {
            assert_eq!(again[k], *v, "{k}");
        }
    }
}

/// The case of spec/rules-evaluate.md for Sở KH&CN in `year`, built from the plan as the web
/// application builds it from the database.
fn case_json(m: &[Member], p: &Plan, year: i32) -> serde_json::Value {
    use serde_json::{Map, Value, json};
    let ratings = |pairs: Vec<(i32, &str)>| -> Value {
        Value::Object(
            pairs
                .into_iter()
                .map(|(y, r)| (y.to_string(), json!(r)))
                .collect::<Map<_, _>>(),
        )
    };
    let units: Vec<Value> = KHCN_UNITS
        .iter()
        .map(|(code, name, _)| {
            let r = p
                .unit_ratings
                .iter()
                .filter(|(k, y, _)| *k == ("KHCN", *code) && *y <= year)
                .map(|(_, y, r)| (*y, *r))
                .collect();
            json!({ "id": code, "name": name, "ratings": ratings(r) })
        })
        .collect();
    let mut people = Vec::new();
    for (i, x) in m.iter().enumerate() {
        if x.agency != "KHCN" || x.started() > history::review_date(year) {
            continue;
        }
        let f = x.featured();
        let r = (FIRST_YEAR..=year)
            .filter_map(|y| rating(p, i, y).map(|r| (y, r)))
            .collect();
        let titles: Vec<Value> = p
            .titles
            .iter()
            .filter(|t| t.member == Some(i) && t.year < year)
            .map(|t| {
                let mut v = json!({ "code": t.code, "year": t.year });
                if let Some(g) = t.ground {
                    v["ground"] = json!(g);
                }
                if let Some(c) = &t.initiative {
                    v["initiative_id"] = json!(c);
                }
                v
            })
            .collect();
        let awards: Vec<Value> = p
            .awards
            .iter()
            .filter(|a| a.member == i && a.decided_on.year() <= year)
            .map(|a| {
                let mut v = json!({ "code": a.code, "decided_on": a.decided_on.to_string(), "type": a.kind });
                if let Some((_, to)) = a.period {
                    v["period_to_year"] = json!(to);
                }
                v
            })
            .collect();
        let initiatives: Vec<Value> = p
            .initiatives
            .iter()
            .filter(|x| x.member == i && x.year <= year)
            .map(|x| json!({ "id": x.code, "year": x.year, "kind": x.kind, "scope": x.scope }))
            .collect();
        let discipline: Vec<Value> = f
            .and_then(|f| f.discipline)
            .filter(|d| d.1.year() <= year)
            .map(|(level, on, until, _)| {
                let mut v = json!({ "level": level, "effective_on": on.to_string() });
                if let Some(u) = until {
                    v["until"] = json!(u.to_string());
                }
                v
            })
            .into_iter()
            .collect();
        let absences: Vec<Value> = f
            .and_then(|f| f.absence)
            .filter(|a| a.0.year() == year)
            .map(|(from, to, kind, _)| json!({ "from": from.to_string(), "to": to.to_string(), "kind": kind }))
            .into_iter()
            .collect();
        let pending = year == YEAR && f.is_some_and(|f| f.pending.is_some());
        people.push(json!({
            "id": x.draft.code, "name": x.draft.full_name, "unit": x.unit,
            "recruited_on": x.started().to_string(), "ratings": ratings(r), "titles": titles,
            "awards": awards, "initiatives": initiatives, "discipline": discipline,
            "absences": absences, "pending": pending,
        }));
    }
    json!({ "evaluation_year": year, "units": units, "people": people })
}

/// Runs `tdkt rules evaluate` on a case: (code, verdict) → subjects, and the warnings.
fn evaluate(case: &serde_json::Value) -> (BTreeMap<(String, String), Vec<String>>, usize) {
    let json = serde_json::to_vec(case).unwrap();
    let out = tdkt_rules::cli::evaluate_command("-", Some("none"), &mut json.as_slice());
    assert_eq!(out.exit_code, 0, "{}", out.stderr);
    let v: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let mut by = BTreeMap::new();
    for r in v["results"].as_array().unwrap() {
        let key = (
            r["code"].as_str().unwrap().to_owned(),
            r["verdict"].as_str().unwrap().to_owned(),
        );
        by.entry(key)
            .or_insert_with(Vec::new)
            .push(r["subject"].as_str().unwrap().to_owned());
    }
    (by, v["warnings"].as_array().unwrap().len())
}

#[test]
fn the_rule_engine_reads_the_demo_as_designed() {
    let (m, p) = world();
    let (v, warnings) = evaluate(&case_json(&m, &p, YEAR));
    let get = |code: &str, verdict: &str| -> Vec<String> {
        v.get(&(code.to_owned(), verdict.to_owned()))
            .cloned()
            .unwrap_or_default()
    };
    assert_eq!(warnings, 0);
    assert_eq!(get("CSTD_TINH", "eligible"), ["KHCN040"]);
    assert_eq!(get("BK_TINH", "eligible"), ["KHCN042"]);
    assert_eq!(get("BK_TTG", "eligible"), ["KHCN044", "KHCN046"]);
    assert_eq!(get("LDTT", "deferred"), ["KHCN052"]);
    let not_ldtt = get("LDTT", "not_eligible");
    for c in [
        "KHCN047", "KHCN050", "KHCN051", "KHCN053", "KHCN054", "KHCN055",
    ] {
        assert!(not_ldtt.contains(&c.to_owned()), "{c} is not LĐTT");
    }
    let ldtt = get("LDTT", "eligible");
    for c in ["KHCN002", "KHCN048", "KHCN049"] {
        assert!(ldtt.contains(&c.to_owned()), "{c} is LĐTT");
    }
    assert_eq!(get("TTLDXS", "eligible"), ["QLKH", "VP"]);
    assert_eq!(get("TTLDTT", "not_eligible"), ["LD"]);
    for c in [
        "KHCN040", "KHCN041", "KHCN042", "KHCN043", "KHCN044", "KHCN045", "KHCN046",
    ] {
        assert!(
            get("CSTDCS", "eligible").contains(&c.to_owned()),
            "{c} is CSTĐCS"
        );
    }
}

#[test]
fn the_rule_engine_confirms_the_titles_of_history() {
    let (m, p) = world();
    for year in FIRST_YEAR..YEAR {
        let (v, warnings) = evaluate(&case_json(&m, &p, year));
        assert_eq!(warnings, 0, "{year}");
        let eligible = |code: &str| -> HashSet<String> {
            v.get(&(code.to_owned(), "eligible".to_owned()))
                .map(|s| s.iter().cloned().collect())
                .unwrap_or_default()
        };
        let recorded = |code: &str| -> HashSet<String> {
            p.titles
                .iter()
                .filter(|t| t.year == year && t.code == code)
                .filter_map(|t| match (t.member, t.unit) {
                    (Some(i), _) if m[i].agency == "KHCN" => Some(m[i].draft.code.clone()),
                    (_, Some(("KHCN", u))) => Some(u.to_owned()),
                    _ => None,
                })
                .collect()
        };
        assert_eq!(recorded("LDTT"), eligible("LDTT"), "LĐTT {year}");
        assert_eq!(recorded("CSTDCS"), eligible("CSTDCS"), "CSTĐCS {year}");
        assert_eq!(recorded("TTLDXS"), eligible("TTLDXS"), "TTLĐXS {year}");
        // A unit that reached TTLĐXS is recorded with that title only.
        let tt: HashSet<String> = eligible("TTLDTT")
            .difference(&recorded("TTLDXS"))
            .cloned()
            .collect();
        assert_eq!(recorded("TTLDTT"), tt, "TTLĐTT {year}");
    }
}
