//! The edges of the spec's time rules, and of the money.

use serde_json::{Value, json};
use tdkt_rules::{add_months, parse_date};

use crate::support::{case, person, ratings, reason, result, run, set, verdict};

fn with(mut v: Value, f: impl FnOnce(&mut Value)) -> Value {
    f(&mut v);
    v
}

fn ldtt_with(year: i32, f: impl FnOnce(&mut Value), review: Option<&str>) -> String {
    let mut c = case(year, vec![with(person("p1", "U"), f)]);
    if let Some(r) = review {
        set(&mut c, "review_date", json!(r));
    }
    verdict(&run(&c), "p1", "LDTT").to_string()
}

#[test]
fn exactly_six_calendar_months_before_the_review() {
    let hired = |d: &str| ldtt_with(2024, |p| set(p, "recruited_on", json!(d)), None);
    assert_eq!(hired("2024-06-15"), "eligible");
    assert_eq!(hired("2024-06-16"), "not_eligible");
}

#[test]
fn month_end_clamping() {
    assert_eq!(
        add_months(parse_date("2024-08-31").unwrap(), 6),
        parse_date("2025-02-28").unwrap()
    );
    assert_eq!(
        add_months(parse_date("2023-08-31").unwrap(), 6),
        parse_date("2024-02-29").unwrap()
    );
    // 31/05 + 6 months = 30/11: a review on 30/11 is exactly on time.
    let hired = |d: &str| {
        ldtt_with(
            2024,
            |p| set(p, "recruited_on", json!(d)),
            Some("2024-11-30"),
        )
    };
    assert_eq!(hired("2024-05-31"), "eligible");
    assert_eq!(hired("2024-06-01"), "not_eligible");
    // 2017 set: 31/08/2022 + 10 months = 30/06/2023.
    let hired = |d: &str| {
        ldtt_with(
            2023,
            |p| set(p, "recruited_on", json!(d)),
            Some("2023-06-30"),
        )
    };
    assert_eq!(hired("2022-08-31"), "eligible");
    assert_eq!(hired("2022-09-01"), "not_eligible");
}

#[test]
fn one_hundred_seventy_nine_and_one_hundred_eighty_worked_days() {
    // 2024 is a leap year: 1 January to 28 June inclusive is 180 days.
    assert_eq!(ldtt_with(2024, |_| {}, Some("2024-06-28")), "eligible");
    assert_eq!(ldtt_with(2024, |_| {}, Some("2024-06-27")), "not_eligible");
    let out = run(&with(case(2024, vec![person("p1", "U")]), |c| {
        set(c, "review_date", json!("2024-06-27"))
    }));
    let m = reason(result(&out, "p1", "LDTT"), "ldtt.worked_days")["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(m.contains("179 ngày"), "{m}");
}

#[test]
fn eighty_nine_and_ninety_absence_days() {
    let absent = |to: &str| {
        ldtt_with(
            2024,
            |p| {
                set(
                    p,
                    "absences",
                    json!([{ "from": "2024-03-01", "to": to, "kind": "unpaid" }]),
                )
            },
            None,
        )
    };
    // 1 March to 28 May inclusive is 89 days; to 29 May, 90.
    assert_eq!(absent("2024-05-28"), "eligible");
    assert_eq!(absent("2024-05-29"), "not_eligible");
}

#[test]
fn overlapping_absences_are_merged() {
    // 60 + 44 days, but only 75 distinct days: below 90.
    let absences = json!([
        { "from": "2024-01-01", "to": "2024-02-29", "kind": "sick" },
        { "from": "2024-02-01", "to": "2024-03-15", "kind": "other" }
    ]);
    assert_eq!(
        ldtt_with(2024, |p| set(p, "absences", absences), None),
        "eligible"
    );
    // Counting leave does not hide non-counting days on the same dates.
    let absences = json!([
        { "from": "2024-01-01", "to": "2024-04-30", "kind": "maternity" },
        { "from": "2024-02-01", "to": "2024-04-30", "kind": "sick" }
    ]);
    assert_eq!(
        ldtt_with(2024, |p| set(p, "absences", absences), None),
        "not_eligible"
    );
}

#[test]
fn discipline_until_crossing_the_first_of_january() {
    let disc = |until: &str| {
        ldtt_with(
            2024,
            |p| {
                set(
                    p,
                    "discipline",
                    json!([{ "effective_on": "2023-06-01", "level": "khien_trach", "until": until }]),
                )
            },
            None,
        )
    };
    assert_eq!(disc("2024-03-01"), "not_eligible");
    assert_eq!(disc("2024-01-01"), "eligible");
    // Without `until`, only the year it took effect.
    assert_eq!(
        ldtt_with(
            2024,
            |p| set(
                p,
                "discipline",
                json!([{ "effective_on": "2023-12-31", "level": "canh_cao" }])
            ),
            None
        ),
        "eligible"
    );
}

#[test]
fn past_disciplined_years_break_the_ladders() {
    let mut p = person("p1", "U");
    ratings(
        &mut p,
        &[(2022, "HTXSNV"), (2023, "HTXSNV"), (2024, "HTXSNV")],
    );
    set(
        &mut p,
        "titles",
        json!([{ "code": "CSTDCS", "year": 2022 }, { "code": "CSTDCS", "year": 2023 }]),
    );
    set(
        &mut p,
        "initiatives",
        json!([{ "id": "x", "year": 2024, "kind": "initiative", "scope": "tinh" }]),
    );
    assert_eq!(
        verdict(&run(&case(2024, vec![p.clone()])), "p1", "CSTD_TINH"),
        "eligible"
    );
    set(
        &mut p,
        "discipline",
        json!([{ "effective_on": "2023-02-01", "level": "khien_trach" }]),
    );
    let out = run(&case(2024, vec![p]));
    let r = result(&out, "p1", "CSTD_TINH");
    assert_eq!(r["verdict"], "not_eligible");
    let m = reason(r, "cstd_tinh.cstdcs_3_years")["message"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(m.contains("năm 2023 bị kỷ luật"), "{m}");
}

/// HTTNV 2019–2024 with CSTĐCS 2020, 2022, 2024 and a Bằng khen tỉnh decided on `decided_on`.
fn bk_ttg(decided_on: &str, period_to_year: Option<i32>) -> Value {
    let mut p = person("p1", "U");
    ratings(
        &mut p,
        &[
            (2019, "HTTNV"),
            (2020, "HTXSNV"),
            (2021, "HTTNV"),
            (2022, "HTXSNV"),
            (2023, "HTTNV"),
            (2024, "HTXSNV"),
        ],
    );
    set(
        &mut p,
        "titles",
        json!([{ "code": "CSTDCS", "year": 2020 }, { "code": "CSTDCS", "year": 2022 }]),
    );
    let mut award = json!({ "code": "BK_TINH", "decided_on": decided_on, "type": "cong_trang" });
    if let Some(y) = period_to_year {
        set(&mut award, "period_to_year", json!(y));
    }
    set(&mut p, "awards", json!([award]));
    run(&case(2024, vec![p]))
}

#[test]
fn window_after_an_award_with_and_without_period() {
    // Period to 2019: the window is 2020–2024, five years.
    assert_eq!(
        verdict(&bk_ttg("2020-03-01", Some(2019)), "p1", "BK_TTG"),
        "eligible"
    );
    // Period to 2020: four years only; the earliest is 2025.
    let out = bk_ttg("2020-03-01", Some(2020));
    assert_eq!(verdict(&out, "p1", "BK_TTG"), "not_eligible");
    assert_eq!(result(&out, "p1", "BK_TTG")["next_possible_year"], 2025);
    // No period: the window starts in the year of the decision.
    assert_eq!(
        verdict(&bk_ttg("2020-03-01", None), "p1", "BK_TTG"),
        "eligible"
    );
    assert_eq!(
        verdict(&bk_ttg("2021-01-10", None), "p1", "BK_TTG"),
        "not_eligible"
    );
}

#[test]
fn base_salary_changes_on_1_july_2024() {
    let paid = |decision: &str| {
        let mut c = case(2024, vec![person("p1", "U")]);
        set(&mut c, "decision_date", json!(decision));
        run(&c)["results"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["code"] == "LDTT")
            .unwrap()["reward_vnd"]
            .clone()
    };
    // 0.3 × 1,800,000 = 540,000 on 30/06; 0.3 × 2,340,000 = 702,000 → 710,000 from 01/07.
    assert_eq!(paid("2024-06-30"), 540_000);
    assert_eq!(paid("2024-07-01"), 710_000);
}

#[test]
fn rounding_up_to_ten_thousand() {
    assert_eq!(tdkt_rules::money::reward_vnd(3, 2_340_000), 710_000);
    assert_eq!(tdkt_rules::money::reward_vnd(8, 2_340_000), 1_880_000);
    assert_eq!(tdkt_rules::money::reward_vnd(10, 2_340_000), 2_340_000);
    assert_eq!(tdkt_rules::money::reward_vnd(15, 1_390_000), 2_090_000);
    let mut p = person("p1", "U");
    ratings(&mut p, &[(2019, "HTTNV")]);
    let mut c = case(2019, vec![p]);
    set(&mut c, "decision_date", json!("2019-06-30"));
    // 0.8 × 1,390,000 = 1,112,000 → 1,120,000.
    assert_eq!(result(&run(&c), "U", "TTLDTT")["reward_vnd"], 1_120_000);
}

#[test]
fn no_money_without_a_decision_date() {
    let mut c = case(2024, vec![person("p1", "U")]);
    c.as_object_mut().unwrap().remove("decision_date");
    let out = run(&c);
    assert!(
        out["results"]
            .as_array()
            .unwrap()
            .iter()
            .all(|r| r.get("reward_vnd").is_none())
    );
    assert_eq!(verdict(&out, "p1", "LDTT"), "eligible");
}

#[test]
fn path_d_counts_initiatives_in_the_two_cstdcs_years() {
    let bk = |years: [i32; 2]| {
        let mut p = person("p1", "U");
        ratings(
            &mut p,
            &[
                (2021, "HTXSNV"),
                (2022, "HTTNV"),
                (2023, "HTXSNV"),
                (2024, "HTXSNV"),
            ],
        );
        let titles: Vec<Value> = (2021..=2023)
            .map(|y| json!({ "code": "CSTDCS", "year": y, "ground": "HTXSNV" }))
            .collect();
        set(&mut p, "titles", json!(titles));
        let items: Vec<Value> = years
            .iter()
            .enumerate()
            .map(|(i, y)| json!({ "id": format!("sk{i}"), "year": y, "kind": "initiative", "scope": "co_so" }))
            .collect();
        set(&mut p, "initiatives", json!(items));
        verdict(&run(&case(2024, vec![p])), "p1", "BK_TINH").to_string()
    };
    // Four consecutive CSTĐCS, but "02 lần liên tục … trong thời gian đó" is 2023–2024.
    assert_eq!(bk([2021, 2022]), "not_eligible");
    assert_eq!(bk([2023, 2024]), "eligible");
}
