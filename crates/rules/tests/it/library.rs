//! The library API the web application calls: cases built from rows, extra codes, settings.

use std::collections::BTreeMap;

use tdkt_rules::cli::evaluate_json;
use tdkt_rules::{
    Authority, Award, AwardCode, AwardType, Case, Code, CouncilVoting, Denominator, Initiative,
    InitiativeKind, Options, Person, Rating, ReasonFilter, Scope, Settings, Status, Title,
    TitleCode, Unit, evaluate, parse_case, parse_date,
};

fn unit() -> Unit {
    Unit {
        id: "U".into(),
        name: "Đơn vị".into(),
        ratings: BTreeMap::from([(2024, Rating::Htxsnv)]),
    }
}

/// HTXSNV 2015–2024, CSTĐCS 2019–2023, CSTĐ cấp tỉnh 2021, a national initiative in 2024, and a
/// Bằng khen Thủ tướng decided in 2019 for the period to 2018.
fn veteran() -> Person {
    Person {
        id: "p1".into(),
        name: "Trần Văn Bình".into(),
        unit: "U".into(),
        recruited_on: parse_date("2005-09-01"),
        ratings: (2015..=2024).map(|y| (y, Rating::Htxsnv)).collect(),
        titles: (2019..=2023)
            .map(|y| Title {
                code: TitleCode::Cstdcs,
                year: y,
                ground: None,
                initiative_id: None,
            })
            .chain([Title {
                code: TitleCode::CstdTinh,
                year: 2021,
                ground: None,
                initiative_id: None,
            }])
            .collect(),
        awards: vec![Award {
            code: AwardCode::BkTtg,
            decided_on: parse_date("2019-04-01").unwrap(),
            period_to_year: Some(2018),
            kind: AwardType::CongTrang,
        }],
        initiatives: vec![Initiative {
            id: "sk-qg".into(),
            year: 2024,
            kind: InitiativeKind::Initiative,
            scope: Scope::ToanQuoc,
        }],
        ..Person::default()
    }
}

fn case_of(people: Vec<Person>) -> Case {
    let mut case = Case::new(2024);
    case.decision_date = parse_date("2024-12-20");
    case.units.push(unit());
    case.people = people;
    case
}

#[test]
fn extra_codes_only_on_request() {
    let case = case_of(vec![veteran()]);
    let plain = evaluate(&case, &Options::default()).unwrap();
    assert_eq!(plain.verdicts_of("p1").len(), 5);
    assert!(plain.verdict("p1", Code::Hcld3).is_none());
    let extra = evaluate(
        &case,
        &Options {
            extra_codes: true,
            ..Options::default()
        },
    )
    .unwrap();
    let codes: Vec<Code> = extra.verdicts_of("p1").iter().map(|v| v.code).collect();
    assert_eq!(
        codes,
        [
            Code::BkTinh,
            Code::BkTtg,
            Code::Cstdcs,
            Code::CstdTinh,
            Code::CstdTq,
            Code::Gk,
            Code::Hcld3,
            Code::Ldtt
        ]
    );
}

#[test]
fn huan_chuong_and_cstd_toan_quoc_and_giay_khen() {
    let case = case_of(vec![veteran()]);
    let e = evaluate(
        &case,
        &Options {
            extra_codes: true,
            ..Options::default()
        },
    )
    .unwrap();
    // HCLĐ hạng Ba (Law 2022 Art 44.1(e)): BK TTg, then 2019–2024 HTTNV+ with HTXSNV and CSTĐCS.
    let h = e.verdict("p1", Code::Hcld3).unwrap();
    assert_eq!(
        (h.verdict, h.decided_by),
        (Status::Eligible, Authority::ChuTichNuoc)
    );
    assert!(
        h.reasons.iter().all(|r| r.passed)
            && h.reasons.iter().any(|r| r.citation.contains("Điều 44"))
    );
    // CSTĐ cấp tỉnh (Art 22) again after 2021: CSTĐCS 2022–2024, and the national initiative has
    // province-wide effect too. CSTĐ toàn quốc (Art 21): CSTĐ tỉnh 2021 and 2024, national initiative.
    assert_eq!(
        e.verdict("p1", Code::CstdTinh).unwrap().verdict,
        Status::Eligible
    );
    let tq = e.verdict("p1", Code::CstdTq).unwrap();
    assert_eq!(
        (tq.verdict, tq.decided_by, tq.reward_vnd),
        (Status::Eligible, Authority::ThuTuong, Some(10_530_000))
    );
    let mut p = veteran();
    p.initiatives[0].scope = Scope::Tinh;
    let case = case_of(vec![p]);
    let e = evaluate(
        &case,
        &Options {
            extra_codes: true,
            ..Options::default()
        },
    )
    .unwrap();
    assert_eq!(
        e.verdict("p1", Code::CstdTinh).unwrap().verdict,
        Status::Eligible
    );
    assert_eq!(
        e.verdict("p1", Code::CstdTq).unwrap().verdict,
        Status::NotEligible
    );
    // Giấy khen: LĐTT and an achievement the council confirms.
    let gk = e.verdict("p1", Code::Gk).unwrap();
    assert_eq!(
        (gk.verdict, gk.reward_vnd),
        (Status::Eligible, Some(710_000))
    );
}

#[test]
fn validate_catches_what_the_parser_catches() {
    let mut case = case_of(vec![
        veteran(),
        Person {
            id: "U".into(),
            name: "X".into(),
            unit: "Z".into(),
            ..Person::default()
        },
    ]);
    case.people[0].titles.push(Title {
        code: TitleCode::Ldtt,
        year: 2024,
        ground: None,
        initiative_id: None,
    });
    case.review_date = parse_date("2025-01-02").unwrap();
    let problems: Vec<String> = evaluate(&case, &Options::default())
        .unwrap_err()
        .iter()
        .map(|p| p.to_string())
        .collect();
    assert_eq!(problems.len(), 4, "{problems:#?}");
    assert!(problems[0].starts_with("review_date: "));
    assert!(problems[1].starts_with("people[0].titles[6].year: "));
    assert!(problems[2].starts_with("people[1].id: "));
    assert!(problems[3].starts_with("people[1].unit: "));
}

#[test]
fn a_case_serialises_to_the_case_file_format() {
    let mut case = case_of(vec![veteran()]);
    case.settings.ttldtt_more_than_half = Some(false);
    case.settings.cstdcs_of_ldtt = Some(tdkt_rules::Quota::Uncapped);
    let json = serde_json::to_vec(&case).unwrap();
    assert_eq!(parse_case(&json).unwrap(), case);
}

#[test]
fn library_json_is_the_command_json() {
    let json = std::fs::read(format!(
        "{}/tests/golden/spec_example.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let case = parse_case(&json).unwrap();
    for filter in [ReasonFilter::All, ReasonFilter::Failed, ReasonFilter::None] {
        let e = evaluate(
            &case,
            &Options {
                reasons: filter,
                extra_codes: false,
            },
        )
        .unwrap();
        assert_eq!(
            serde_json::to_string(&e).unwrap() + "\n",
            evaluate_json(&json, filter).stdout
        );
    }
}

#[test]
fn council_voting_defaults() {
    let s = Settings::defaults(tdkt_rules::RuleSetId::Set2024);
    let c: CouncilVoting = s.council;
    assert_eq!(c.denominator, Denominator::AllMembers);
    assert!(c.quorum.reached_by(2, 3) && !c.quorum.reached_by(1, 2));
    assert!(c.threshold_for(Authority::GiamDocSo).reached_by(7, 10));
    assert!(
        !c.threshold_for(Authority::ChuTichUbndTinh)
            .reached_by(8, 10)
    );
    assert!(c.threshold_for(Authority::ThuTuong).reached_by(9, 10));
}
