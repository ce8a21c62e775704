//! Properties over random cases: monotonicity in ratings, independence from input order,
//! deferral of every code, and the command's JSON equal to the library's.

use std::collections::BTreeMap;

use proptest::prelude::*;
use proptest::sample::Index;
use tdkt_rules::cli::evaluate_json;
use tdkt_rules::{
    Absence, AbsenceKind, Award, AwardCode, AwardType, Case, Discipline, DisciplineLevel,
    Evaluation, Ground, Initiative, InitiativeKind, Options, Person, Rating, ReasonFilter, Scope,
    SettingOverrides, Status, Title, TitleCode, Unit, evaluate,
};
use time::{Date, Duration};

const YEARS: [i32; 3] = [2021, 2024, 2026];

fn rating() -> impl Strategy<Value = Rating> {
    prop::sample::select(Rating::ALL.to_vec())
}

fn day_in(year: i32) -> impl Strategy<Value = Date> {
    (1u16..=365).prop_map(move |d| Date::from_ordinal_date(year, d).unwrap())
}

fn person(y: i32, i: usize, units: usize) -> impl Strategy<Value = Person> {
    let ratings = prop::collection::btree_map(y - 6..=y, rating(), 0..7);
    let recruited = prop::option::of((y - 12..=y).prop_flat_map(day_in));
    let titles = prop::collection::vec(
        (
            prop::sample::select(vec![
                TitleCode::Cstdcs,
                TitleCode::Cstdcs,
                TitleCode::CstdTinh,
                TitleCode::Ldtt,
            ]),
            y - 6..y,
            prop::option::of(prop::sample::select(Ground::ALL.to_vec())),
            prop::option::of(prop::sample::select(vec!["a", "b", "c"])),
        )
            .prop_map(|(code, year, ground, id)| Title {
                code,
                year,
                ground,
                initiative_id: id.map(str::to_string),
            }),
        0..5,
    );
    let awards = prop::collection::vec(
        (
            prop::sample::select(vec![
                AwardCode::BkTinh,
                AwardCode::BkBo,
                AwardCode::BkTtg,
                AwardCode::Gk,
            ]),
            (y - 7..=y).prop_flat_map(day_in),
            prop::option::of(0i32..3),
            prop::sample::select(AwardType::ALL.to_vec()),
        )
            .prop_map(|(code, decided_on, back, kind)| Award {
                code,
                decided_on,
                period_to_year: back.map(|b| decided_on.year() - b),
                kind,
            }),
        0..3,
    );
    let initiatives = prop::collection::vec(
        (
            prop::sample::select(vec!["a", "b", "c", "d", "e"]),
            y - 4..=y,
            prop::sample::select(InitiativeKind::ALL.to_vec()),
            prop::sample::select(Scope::ALL.to_vec()),
        )
            .prop_map(|(id, year, kind, scope)| Initiative {
                id: id.to_string(),
                year,
                kind,
                scope,
            }),
        0..4,
    );
    let discipline = prop::collection::vec(
        (
            (y - 3..=y).prop_flat_map(day_in),
            prop::sample::select(DisciplineLevel::ALL.to_vec()),
            prop::option::of(0i64..500),
        )
            .prop_map(|(effective_on, level, len)| Discipline {
                effective_on,
                level,
                until: len.map(|d| effective_on + Duration::days(d)),
            }),
        0..2,
    );
    let absences = prop::collection::vec(
        (
            day_in(y),
            0i64..200,
            prop::sample::select(AbsenceKind::ALL.to_vec()),
        )
            .prop_map(|(from, len, kind)| Absence {
                from,
                to: from + Duration::days(len),
                kind,
            }),
        0..3,
    );
    (
        0..units,
        ratings,
        recruited,
        titles,
        awards,
        initiatives,
        discipline,
        absences,
        prop::bool::weighted(0.1),
    )
        .prop_map(
            move |(
                u,
                ratings,
                recruited_on,
                titles,
                awards,
                initiatives,
                discipline,
                absences,
                pending,
            )| Person {
                id: format!("p{i}"),
                name: format!("Người {i}"),
                unit: format!("U{u}"),
                recruited_on,
                ratings,
                titles,
                awards,
                initiatives,
                discipline,
                absences,
                pending,
            },
        )
}

fn case() -> impl Strategy<Value = Case> {
    (prop::sample::select(YEARS.to_vec()), 1usize..4, 0usize..7).prop_flat_map(
        |(y, units, people)| {
            let unit_ratings = prop::collection::vec(prop::option::of(rating()), units);
            let people: Vec<_> = (0..people).map(|i| person(y, i, units)).collect();
            (unit_ratings, people, any::<bool>(), any::<bool>()).prop_map(
                move |(ratings, people, half, both)| {
                    let mut case = Case::new(y);
                    case.decision_date =
                        Date::from_calendar_date(y, time::Month::December, 20).ok();
                    case.settings = SettingOverrides {
                        ttldtt_more_than_half: Some(half),
                        bk_path_d_initiatives_on_both_branches: Some(both),
                        ..SettingOverrides::default()
                    };
                    case.units = ratings
                        .into_iter()
                        .enumerate()
                        .map(|(i, r)| Unit {
                            id: format!("U{i}"),
                            name: format!("Đơn vị {i}"),
                            ratings: r.map(|r| (y, r)).into_iter().collect::<BTreeMap<_, _>>(),
                        })
                        .collect();
                    case.people = people;
                    case
                },
            )
        },
    )
}

fn eligible(e: &Evaluation) -> Vec<(String, tdkt_rules::Code)> {
    e.results
        .iter()
        .filter(|v| v.verdict == Status::Eligible)
        .map(|v| (v.subject.to_string(), v.code))
        .collect()
}

fn raise(r: Rating) -> Rating {
    match r {
        Rating::Khtnv => Rating::Htnv,
        Rating::Htnv => Rating::Httnv,
        _ => Rating::Htxsnv,
    }
}

const ALL_CODES: Options = Options {
    reasons: ReasonFilter::All,
    extra_codes: true,
};

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn raising_a_rating_never_removes_a_title(case in case(), who in any::<Index>(), which in any::<Index>()) {
        let before = evaluate(&case, &ALL_CODES).unwrap();
        let mut raised = case.clone();
        let subjects = raised.people.len() + raised.units.len();
        let k = who.index(subjects);
        let ratings = if k < raised.people.len() { &mut raised.people[k].ratings } else { &mut raised.units[k - raised.people.len()].ratings };
        if !ratings.is_empty() {
            let year = *ratings.keys().nth(which.index(ratings.len())).unwrap();
            let r = ratings[&year];
            ratings.insert(year, raise(r));
        }
        let after = evaluate(&raised, &ALL_CODES).unwrap();
        let after = eligible(&after);
        for title in eligible(&before) {
            prop_assert!(after.contains(&title), "{:?} lost", title);
        }
    }

    #[test]
    fn results_do_not_depend_on_input_order(case in case(), seed in any::<u64>()) {
        let mut shuffled = case.clone();
        let mut s = seed | 1;
        let mut next = move |n: usize| { s ^= s << 13; s ^= s >> 7; s ^= s << 17; (s % n.max(1) as u64) as usize };
        fn shuffle<T>(v: &mut [T], next: &mut impl FnMut(usize) -> usize) {
            for i in (1..v.len()).rev() { let j = next(i + 1); v.swap(i, j); }
        }
        shuffle(&mut shuffled.units, &mut next);
        shuffle(&mut shuffled.people, &mut next);
        for p in &mut shuffled.people {
            shuffle(&mut p.titles, &mut next);
            shuffle(&mut p.awards, &mut next);
            shuffle(&mut p.initiatives, &mut next);
            shuffle(&mut p.discipline, &mut next);
            shuffle(&mut p.absences, &mut next);
        }
        let a = serde_json::to_string(&evaluate(&case, &ALL_CODES).unwrap()).unwrap();
        let b = serde_json::to_string(&evaluate(&shuffled, &ALL_CODES).unwrap()).unwrap();
        prop_assert_eq!(a, b);
    }

    #[test]
    fn a_deferred_person_is_deferred_for_every_code(mut case in case(), who in any::<Index>()) {
        prop_assume!(!case.people.is_empty());
        let k = who.index(case.people.len());
        case.people[k].pending = true;
        let e = evaluate(&case, &ALL_CODES).unwrap();
        let id = case.people[k].id.clone();
        let mine = e.verdicts_of(&id);
        prop_assert_eq!(mine.len(), 8);
        for v in mine {
            prop_assert_eq!(v.verdict, Status::Deferred);
            prop_assert!(v.reward_vnd.is_none() && v.ground.is_none() && v.next_possible_year.is_none());
            prop_assert!(v.reasons.first().is_some_and(|r| !r.passed && r.rule.ends_with(".pending")));
        }
    }

    #[test]
    fn every_not_eligible_verdict_says_what_failed(case in case()) {
        let e = evaluate(&case, &ALL_CODES).unwrap();
        for v in &e.results {
            if v.verdict == Status::NotEligible {
                prop_assert!(v.reasons.iter().any(|r| !r.passed), "{:?}", v);
            }
            if v.verdict == Status::Eligible {
                prop_assert!(v.reasons.iter().all(|r| r.passed), "{:?}", v);
            }
        }
    }

    #[test]
    fn the_command_prints_the_library_evaluation(case in case(), filter in prop::sample::select(vec![ReasonFilter::All, ReasonFilter::Failed, ReasonFilter::None])) {
        let json = serde_json::to_vec(&case).unwrap();
        let e = evaluate(&case, &Options { reasons: filter, extra_codes: false }).unwrap();
        prop_assert_eq!(serde_json::to_string(&e).unwrap() + "\n", evaluate_json(&json, filter).stdout);
    }
}
