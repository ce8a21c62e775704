//! One row per rule of DOMAIN.md §4, each naming its article: the case, the verdict expected, and
//! the article that must appear among the verdict's citations.

use serde_json::{Value, json};

use crate::support::{case, person, ratings, reason, result, run, set};

struct Row {
    name: &'static str,
    /// Must appear in the citation of one of the verdict's reasons.
    article: &'static str,
    case: Value,
    subject: &'static str,
    code: &'static str,
    verdict: &'static str,
    /// Further checks on (whole output, this result).
    check: fn(&Value, &Value),
}

fn none(_: &Value, _: &Value) {}

fn p1() -> Value {
    person("p1", "U")
}

fn with(mut v: Value, f: impl FnOnce(&mut Value)) -> Value {
    f(&mut v);
    v
}

fn failed(r: &Value, rule: &str) {
    assert_eq!(
        reason(r, rule)["passed"],
        false,
        "{rule} should fail in {r}"
    );
}

/// `n` members of `U` with the given 2024 ratings.
fn members(list: &[&str]) -> Vec<Value> {
    list.iter()
        .enumerate()
        .map(|(i, r)| {
            with(person(&format!("m{i:02}"), "U"), |p| {
                ratings(p, &[(2024, r)])
            })
        })
        .collect()
}

fn rows() -> Vec<Row> {
    vec![
        Row {
            name: "LĐTT: rated HTTNV",
            article: "Luật Thi đua, khen thưởng 2022, Điều 24",
            case: case(2024, vec![p1()]),
            subject: "p1",
            code: "LDTT",
            verdict: "eligible",
            check: |_, r| {
                assert_eq!(r["reward_vnd"], 710_000);
                assert_eq!(r["decided_by"], "giam_doc_so");
            },
        },
        Row {
            name: "LĐTT: HTNV is not enough",
            article: "Điều 24",
            case: case(2024, vec![with(p1(), |p| ratings(p, &[(2024, "HTNV")]))]),
            subject: "p1",
            code: "LDTT",
            verdict: "not_eligible",
            check: |_, r| {
                failed(r, "ldtt.rating");
                assert_eq!(r["next_possible_year"], 2025);
                assert!(r.get("reward_vnd").is_none());
            },
        },
        Row {
            name: "LĐTT: recruited less than 6 months before the review",
            article: "Thông tư 01/2024/TT-BNV",
            case: case(2024, vec![with(p1(), |p| set(p, "recruited_on", json!("2024-06-16")))]),
            subject: "p1",
            code: "LDTT",
            verdict: "not_eligible",
            check: |_, r| {
                failed(r, "ldtt.new_hire");
                assert_eq!(reason(r, "ldtt.worked_days")["passed"], true);
            },
        },
        Row {
            name: "LĐTT, 2017 set: recruited less than 10 months before the review",
            article: "Nghị định 91/2017/NĐ-CP",
            case: case(2023, vec![with(p1(), |p| set(p, "recruited_on", json!("2023-03-01")))]),
            subject: "p1",
            code: "LDTT",
            verdict: "not_eligible",
            check: |out, r| {
                assert_eq!(out["rule_set"], "2017");
                failed(r, "ldtt.new_hire");
            },
        },
        Row {
            name: "LĐTT, 2024 set: the same nine months are enough",
            article: "Thông tư 01/2024/TT-BNV",
            case: case(2024, vec![with(p1(), |p| set(p, "recruited_on", json!("2024-03-01")))]),
            subject: "p1",
            code: "LDTT",
            verdict: "eligible",
            check: none,
        },
        Row {
            name: "Fewer than 180 worked days: not rated",
            article: "Nghị định 90/2020/NĐ-CP, Điều 2 khoản 3",
            case: with(case(2024, vec![p1()]), |c| set(c, "review_date", json!("2024-06-27"))),
            subject: "p1",
            code: "LDTT",
            verdict: "not_eligible",
            check: |_, r| failed(r, "ldtt.worked_days"),
        },
        Row {
            name: "Non-counting absence of 90–179 days caps the rating at HTNV",
            article: "Nghị định 90/2020/NĐ-CP, Điều 2 khoản 3",
            case: case(
                2024,
                vec![with(p1(), |p| set(p, "absences", json!([{ "from": "2024-01-01", "to": "2024-03-31", "kind": "sick" }])))],
            ),
            subject: "p1",
            code: "LDTT",
            verdict: "not_eligible",
            check: |_, r| failed(r, "ldtt.absence"),
        },
        Row {
            name: "Maternity leave counts as working time",
            article: "Nghị định 98/2023/NĐ-CP, Điều 4 khoản 5",
            case: case(
                2024,
                vec![with(p1(), |p| {
                    set(p, "absences", json!([{ "from": "2024-01-01", "to": "2024-07-31", "kind": "maternity" }]))
                })],
            ),
            subject: "p1",
            code: "LDTT",
            verdict: "eligible",
            check: |_, r| assert_eq!(reason(r, "ldtt.counted_leave")["passed"], true),
        },
        Row {
            name: "Treatment after duty injury and training count as working time",
            article: "Thông tư 01/2024/TT-BNV, Điều 1 khoản 5",
            case: case(
                2024,
                vec![with(p1(), |p| {
                    set(
                        p,
                        "absences",
                        json!([
                            { "from": "2024-01-01", "to": "2024-04-30", "kind": "duty_injury" },
                            { "from": "2024-05-01", "to": "2024-06-30", "kind": "training" }
                        ]),
                    )
                })],
            ),
            subject: "p1",
            code: "LDTT",
            verdict: "eligible",
            check: none,
        },
        Row {
            name: "Discipline taking effect in the year makes it KHTNV",
            article: "Nghị định 48/2023/NĐ-CP",
            case: case(
                2024,
                vec![with(p1(), |p| set(p, "discipline", json!([{ "effective_on": "2024-03-01", "level": "khien_trach" }])))],
            ),
            subject: "p1",
            code: "LDTT",
            verdict: "not_eligible",
            check: |_, r| {
                failed(r, "ldtt.discipline");
                failed(r, "ldtt.rating");
            },
        },
        Row {
            name: "Under review: deferred, not rejected",
            article: "Nghị định 98/2023/NĐ-CP, Điều 4 khoản 4",
            case: case(2024, vec![with(p1(), |p| set(p, "pending", json!(true)))]),
            subject: "p1",
            code: "LDTT",
            verdict: "deferred",
            check: |_, r| {
                failed(r, "ldtt.pending");
                assert!(r.get("reward_vnd").is_none() && r.get("next_possible_year").is_none());
            },
        },
        Row {
            name: "CSTĐCS on the HTXSNV ground",
            article: "Luật Thi đua, khen thưởng 2022, Điều 23",
            case: case(2024, vec![with(p1(), |p| ratings(p, &[(2024, "HTXSNV")]))]),
            subject: "p1",
            code: "CSTDCS",
            verdict: "eligible",
            check: |_, r| {
                assert_eq!(r["ground"], "HTXSNV");
                assert_eq!(r["reward_vnd"], 2_340_000);
            },
        },
        Row {
            name: "CSTĐCS on an initiative: the first of the year by id",
            article: "Điều 23",
            case: case(
                2024,
                vec![with(p1(), |p| {
                    set(
                        p,
                        "initiatives",
                        json!([
                            { "id": "sk-b", "year": 2024, "kind": "initiative", "scope": "co_so" },
                            { "id": "sk-a", "year": 2024, "kind": "initiative", "scope": "tinh" }
                        ]),
                    )
                })],
            ),
            subject: "p1",
            code: "CSTDCS",
            verdict: "eligible",
            check: |_, r| {
                assert_eq!(r["ground"], "initiative");
                assert!(reason(r, "cstdcs.ground")["message"].as_str().unwrap().contains("sk-a"));
            },
        },
        Row {
            name: "CSTĐCS on an accepted S&T task",
            article: "Điều 23",
            case: case(
                2024,
                vec![with(p1(), |p| {
                    set(p, "initiatives", json!([{ "id": "dt-1", "year": 2024, "kind": "st_task", "scope": "co_so" }]))
                })],
            ),
            subject: "p1",
            code: "CSTDCS",
            verdict: "eligible",
            check: |_, r| assert_eq!(r["ground"], "st_task"),
        },
        Row {
            name: "CSTĐCS, 2017 set: HTXSNV alone is no ground",
            article: "Luật Thi đua, khen thưởng 2003 (sửa đổi 2013), Điều 23",
            case: case(2023, vec![with(p1(), |p| ratings(p, &[(2023, "HTXSNV")]))]),
            subject: "p1",
            code: "CSTDCS",
            verdict: "not_eligible",
            check: |_, r| {
                failed(r, "cstdcs.ground");
                assert!(r.get("ground").is_none());
            },
        },
        Row {
            name: "CSTĐCS, 2017 set: an initiative is a ground",
            article: "Luật Thi đua, khen thưởng 2003 (sửa đổi 2013), Điều 23",
            case: case(
                2023,
                vec![with(p1(), |p| {
                    set(p, "initiatives", json!([{ "id": "sk", "year": 2023, "kind": "initiative", "scope": "co_so" }]))
                })],
            ),
            subject: "p1",
            code: "CSTDCS",
            verdict: "eligible",
            check: |_, r| {
                assert_eq!(r["ground"], "initiative");
                assert_eq!(r["reward_vnd"], 1_800_000);
            },
        },
        Row {
            name: "CSTĐCS needs LĐTT first",
            article: "Điều 23",
            case: case(
                2024,
                vec![with(p1(), |p| {
                    ratings(p, &[(2024, "HTXSNV")]);
                    set(p, "recruited_on", json!("2024-06-16"));
                })],
            ),
            subject: "p1",
            code: "CSTDCS",
            verdict: "not_eligible",
            check: |_, r| failed(r, "cstdcs.ldtt"),
        },
        Row {
            name: "CSTĐ cấp tỉnh: three consecutive CSTĐCS and a provincial initiative",
            article: "Luật Thi đua, khen thưởng 2022, Điều 22",
            case: case(2024, vec![cstd_tinh_candidate(&[2022, 2023], 2023)]),
            subject: "p1",
            code: "CSTD_TINH",
            verdict: "eligible",
            check: |_, r| {
                assert_eq!(r["decided_by"], "chu_tich_ubnd_tinh");
                assert_eq!(r["reward_vnd"], 7_020_000);
            },
        },
        Row {
            name: "CSTĐ cấp tỉnh: two years of CSTĐCS are not enough",
            article: "Điều 22",
            case: case(2024, vec![cstd_tinh_candidate(&[2023], 2024)]),
            subject: "p1",
            code: "CSTD_TINH",
            verdict: "not_eligible",
            check: |_, r| {
                assert_eq!(r["next_possible_year"], 2025);
                let m = reason(r, "cstd_tinh.cstdcs_3_years")["message"].as_str().unwrap().to_string();
                assert!(m.contains("cần thêm 1 năm liên tục đạt Chiến sĩ thi đua cơ sở — sớm nhất năm 2025"), "{m}");
            },
        },
        Row {
            name: "CSTĐ cấp tỉnh: a fresh run after the previous one",
            article: "Điều 22",
            case: case(
                2024,
                vec![with(cstd_tinh_candidate(&[2021, 2022, 2023], 2024), |p| {
                    p["titles"].as_array_mut().unwrap().push(json!({ "code": "CSTD_TINH", "year": 2023 }));
                })],
            ),
            subject: "p1",
            code: "CSTD_TINH",
            verdict: "not_eligible",
            check: |_, r| {
                failed(r, "cstd_tinh.cstdcs_3_years");
                assert_eq!(r["next_possible_year"], 2026);
            },
        },
        Row {
            name: "TTLĐTT: more than half of the members LĐTT (2 of 4 is not)",
            article: "Luật Thi đua, khen thưởng 2022, Điều 28",
            case: case(2024, members(&["HTTNV", "HTTNV", "HTNV", "HTNV"])),
            subject: "U",
            code: "TTLDTT",
            verdict: "not_eligible",
            check: |_, r| failed(r, "ttldtt.ldtt_share"),
        },
        Row {
            name: "TTLĐTT: \"at least half\" when the setting says so",
            article: "Điều 28",
            case: with(case(2024, members(&["HTTNV", "HTTNV", "HTNV", "HTNV"])), |c| {
                set(c, "settings", json!({ "ttldtt_more_than_half": false }))
            }),
            subject: "U",
            code: "TTLDTT",
            verdict: "eligible",
            check: |_, r| {
                assert_eq!(r["reward_vnd"], 1_880_000);
                assert_eq!(r["decided_by"], "giam_doc_so");
            },
        },
        Row {
            name: "TTLĐTT: the unit must complete its tasks well",
            article: "Điều 28",
            case: with(case(2024, members(&["HTTNV"])), |c| c["units"][0]["ratings"] = json!({ "2024": "HTNV" })),
            subject: "U",
            code: "TTLDTT",
            verdict: "not_eligible",
            check: |_, r| failed(r, "ttldtt.rating"),
        },
        Row {
            name: "TTLĐTT: a deferred member counts as neither LĐTT nor CSTĐCS",
            article: "Điều 28",
            case: case(2024, vec![p1(), with(person("p2", "U"), |p| set(p, "pending", json!(true)))]),
            subject: "U",
            code: "TTLDTT",
            verdict: "not_eligible",
            check: |_, r| {
                let m = reason(r, "ttldtt.ldtt_share")["message"].as_str().unwrap().to_string();
                assert!(m.starts_with("1/2"), "{m}");
            },
        },
        Row {
            name: "TTLĐTT: a unit with no members is not eligible",
            article: "Điều 28",
            case: with(case(2024, vec![person("p1", "V")]), |c| {
                c["units"].as_array_mut().unwrap().push(json!({ "id": "V", "name": "Khác" }))
            }),
            subject: "U",
            code: "TTLDTT",
            verdict: "not_eligible",
            check: none,
        },
        Row {
            name: "TTLĐTT, 2017 set: no member disciplined at cảnh cáo or above",
            article: "Luật Thi đua, khen thưởng 2003 (sửa đổi 2013), Điều 28",
            case: case(
                2023,
                vec![
                    person("p1", "U"),
                    person("p2", "U"),
                    with(person("p3", "U"), |p| {
                        set(p, "discipline", json!([{ "effective_on": "2023-05-01", "level": "canh_cao" }]))
                    }),
                ],
            ),
            subject: "U",
            code: "TTLDTT",
            verdict: "not_eligible",
            check: |_, r| {
                failed(r, "ttldtt.discipline");
                assert_eq!(reason(r, "ttldtt.ldtt_share")["passed"], true);
            },
        },
        Row {
            name: "TTLĐXS: HTXSNV, all complete, 7 of 10 LĐTT, one CSTĐCS",
            article: "Luật Thi đua, khen thưởng 2022, Điều 27",
            case: case(
                2024,
                members(&["HTXSNV", "HTTNV", "HTTNV", "HTTNV", "HTTNV", "HTTNV", "HTTNV", "HTNV", "HTNV", "HTNV"]),
            ),
            subject: "U",
            code: "TTLDXS",
            verdict: "eligible",
            check: |_, r| {
                assert_eq!(r["decided_by"], "chu_tich_ubnd_tinh");
                assert_eq!(r["reward_vnd"], 3_510_000);
            },
        },
        Row {
            name: "TTLĐXS: 6 of 10 LĐTT is not enough",
            article: "Điều 27",
            case: case(
                2024,
                members(&["HTXSNV", "HTTNV", "HTTNV", "HTTNV", "HTTNV", "HTTNV", "HTNV", "HTNV", "HTNV", "HTNV"]),
            ),
            subject: "U",
            code: "TTLDXS",
            verdict: "not_eligible",
            check: |_, r| failed(r, "ttldxs.ldtt_share"),
        },
        Row {
            name: "TTLĐXS: every member must complete the tasks",
            article: "Điều 27",
            case: case(2024, members(&["HTXSNV", "HTTNV", "HTTNV", "KHTNV"])),
            subject: "U",
            code: "TTLDXS",
            verdict: "not_eligible",
            check: |_, r| failed(r, "ttldxs.members_complete"),
        },
        Row {
            name: "Bằng khen tỉnh (d): two CSTĐCS and two initiatives",
            article: "Luật Thi đua, khen thưởng 2022, Điều 74 khoản 1 điểm d",
            case: case(2024, vec![bk_candidate(&["a", "b"])]),
            subject: "p1",
            code: "BK_TINH",
            verdict: "eligible",
            check: |_, r| {
                assert_eq!(r["reward_vnd"], 2_340_000);
                assert_eq!(r["decided_by"], "chu_tich_ubnd_tinh");
            },
        },
        Row {
            name: "Bằng khen tỉnh (d): an initiative used for a CSTĐCS does not count again",
            article: "Điều 74 khoản 1 điểm d",
            case: case(
                2024,
                vec![with(bk_candidate(&["b", "c"]), |p| {
                    p["titles"] = json!([{ "code": "CSTDCS", "year": 2023, "ground": "initiative", "initiative_id": "b" }]);
                    ratings(p, &[(2023, "HTTNV"), (2024, "HTTNV")]);
                })],
            ),
            subject: "p1",
            code: "BK_TINH",
            verdict: "not_eligible",
            check: |_, r| {
                // 2024's CSTĐCS rests on "c" (first by id of 2024), 2023's on "b": none left.
                failed(r, "bk_tinh.cstdcs_initiatives");
                assert_eq!(r["next_possible_year"], 2025);
            },
        },
        Row {
            name: "Bằng khen tỉnh (d): initiatives on the CSTĐCS branch only by default",
            article: "Điều 74 khoản 1 điểm d",
            case: with(case(2024, vec![bk_candidate(&[])]), |c| {
                set(c, "settings", json!({ "bk_path_d_initiatives_on_both_branches": false }))
            }),
            subject: "p1",
            code: "BK_TINH",
            verdict: "eligible",
            check: |_, r| assert!(r["reasons"].as_array().unwrap().iter().all(|x| x["rule"] != "bk_tinh.cstdcs_initiatives")),
        },
        Row {
            name: "Bằng khen tỉnh (d): by default the CSTĐCS branch needs initiatives too",
            article: "Điều 74 khoản 1 điểm d",
            case: case(2024, vec![bk_candidate(&[])]),
            subject: "p1",
            code: "BK_TINH",
            verdict: "not_eligible",
            check: |_, r| failed(r, "bk_tinh.cstdcs_initiatives"),
        },
        Row {
            name: "Bằng khen tỉnh (d): HTXSNV two years and two accepted S&T tasks",
            article: "Điều 74 khoản 1 điểm d",
            case: case(
                2024,
                vec![with(p1(), |p| {
                    ratings(p, &[(2023, "HTXSNV"), (2024, "HTXSNV")]);
                    set(
                        p,
                        "initiatives",
                        json!([
                            { "id": "dt-1", "year": 2023, "kind": "st_task", "scope": "co_so" },
                            { "id": "dt-2", "year": 2024, "kind": "st_task", "scope": "co_so" }
                        ]),
                    );
                })],
            ),
            subject: "p1",
            code: "BK_TINH",
            verdict: "eligible",
            check: |_, r| assert_eq!(reason(r, "bk_tinh.htxsnv_initiatives")["passed"], true),
        },
        Row {
            name: "Bằng khen Thủ tướng (b): Bằng khen tỉnh, then 5 years HTTNV with 3 CSTĐCS",
            article: "Luật Thi đua, khen thưởng 2022, Điều 73 khoản 1 điểm b",
            case: case(2024, vec![bk_ttg_candidate("cong_trang")]),
            subject: "p1",
            code: "BK_TTG",
            verdict: "eligible",
            check: |_, r| {
                assert_eq!(r["decided_by"], "thu_tuong");
                assert_eq!(r["reward_vnd"], 8_190_000);
            },
        },
        Row {
            name: "Bằng khen Thủ tướng: an ad-hoc Bằng khen tỉnh does not count",
            article: "Điều 73 khoản 1 điểm b",
            case: case(2024, vec![bk_ttg_candidate("dot_xuat")]),
            subject: "p1",
            code: "BK_TTG",
            verdict: "not_eligible",
            check: |_, r| {
                failed(r, "bk_ttg.prerequisite");
                let m = reason(r, "bk_ttg.prerequisite")["message"].as_str().unwrap().to_string();
                assert!(m.contains("Điều 4 khoản 3"), "{m}");
                assert!(r.get("next_possible_year").is_none());
            },
        },
        Row {
            name: "2025 set (Decree 152/2025): Bằng khen tỉnh pays 1.5 × base salary",
            article: "Điều 74 khoản 1 điểm d",
            case: case(2025, vec![with(bk_candidate(&["a", "b"]), |p| shift_years(p, 1))]),
            subject: "p1",
            code: "BK_TINH",
            verdict: "eligible",
            check: |out, r| {
                assert_eq!(out["rule_set"], "2025");
                assert_eq!(r["reward_vnd"], 3_510_000);
            },
        },
        Row {
            name: "Quota: HTXSNV above 20% of those rated HTTNV or above warns, changes nothing",
            article: "Điều 23",
            case: case(2024, members(&["HTXSNV", "HTXSNV", "HTTNV", "HTTNV", "HTTNV"])),
            subject: "m00",
            code: "CSTDCS",
            verdict: "eligible",
            check: |out, _| {
                assert_eq!(out["warnings"].as_array().unwrap().len(), 1);
                let w = &out["warnings"][0];
                assert_eq!((&w["kind"], &w["unit"], &w["code"]), (&json!("quota"), &json!("U"), &json!("HTXSNV")));
                assert_eq!((&w["limit"], &w["actual"]), (&json!(1), &json!(2)));
                assert_eq!(crate::support::verdict(out, "m01", "CSTDCS"), "eligible");
            },
        },
        Row {
            name: "Quota, 2017 set: CSTĐCS above 15% of LĐTT warns (Decree 91/2017)",
            article: "Luật Thi đua, khen thưởng 2003 (sửa đổi 2013), Điều 23",
            case: case(
                2023,
                (0..4)
                    .map(|i| {
                        with(person(&format!("m{i}"), "U"), |p| {
                            set(p, "initiatives", json!([{ "id": format!("sk{i}"), "year": 2023, "kind": "initiative", "scope": "co_so" }]))
                        })
                    })
                    .collect(),
            ),
            subject: "m0",
            code: "CSTDCS",
            verdict: "eligible",
            check: |out, _| {
                let w = &out["warnings"][0];
                assert_eq!((&w["code"], &w["limit"], &w["actual"]), (&json!("CSTDCS"), &json!(0), &json!(4)));
                assert!(w["message"].as_str().unwrap().contains("Nghị định 91/2017/NĐ-CP"));
            },
        },
    ]
}

/// CSTĐCS titles in `years`, HTXSNV in 2024, a provincial initiative in `initiative_year`.
fn cstd_tinh_candidate(years: &[i32], initiative_year: i32) -> Value {
    with(p1(), |p| {
        ratings(
            p,
            &[
                (2020, "HTXSNV"),
                (2021, "HTXSNV"),
                (2022, "HTXSNV"),
                (2023, "HTXSNV"),
                (2024, "HTXSNV"),
            ],
        );
        let titles: Vec<Value> = years
            .iter()
            .map(|y| json!({ "code": "CSTDCS", "year": y, "ground": "HTXSNV" }))
            .collect();
        set(p, "titles", json!(titles));
        set(
            p,
            "initiatives",
            json!([{ "id": "sk-tinh", "year": initiative_year, "kind": "initiative", "scope": "tinh" }]),
        );
    })
}

/// CSTĐCS 2023 (on HTXSNV) and 2024 (HTXSNV), plus initiatives with `ids` in 2023–2024.
fn bk_candidate(ids: &[&str]) -> Value {
    with(p1(), |p| {
        ratings(p, &[(2022, "HTTNV"), (2023, "HTXSNV"), (2024, "HTXSNV")]);
        set(
            p,
            "titles",
            json!([{ "code": "CSTDCS", "year": 2023, "ground": "HTXSNV" }]),
        );
        let items: Vec<Value> = ids
            .iter()
            .enumerate()
            .map(|(i, id)| json!({ "id": id, "year": 2023 + (i as i32 % 2), "kind": "initiative", "scope": "co_so" }))
            .collect();
        set(p, "initiatives", json!(items));
    })
}

/// Bằng khen tỉnh of `kind` decided 2019 for the period to 2018, then HTTNV 2019–2024 with
/// CSTĐCS 2020, 2022 and 2024.
fn bk_ttg_candidate(kind: &str) -> Value {
    with(p1(), |p| {
        ratings(
            p,
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
            p,
            "titles",
            json!([{ "code": "CSTDCS", "year": 2020, "ground": "HTXSNV" }, { "code": "CSTDCS", "year": 2022, "ground": "HTXSNV" }]),
        );
        set(
            p,
            "awards",
            json!([{ "code": "BK_TINH", "decided_on": "2019-03-01", "period_to_year": 2018, "type": kind }]),
        );
    })
}

/// Moves every year of a person's history `by` years later.
fn shift_years(p: &mut Value, by: i64) {
    let old = p["ratings"].as_object().unwrap().clone();
    let shifted: serde_json::Map<String, Value> = old
        .into_iter()
        .map(|(y, r)| ((y.parse::<i64>().unwrap() + by).to_string(), r))
        .collect();
    p["ratings"] = Value::Object(shifted);
    for list in ["titles", "initiatives"] {
        if let Some(items) = p[list].as_array_mut() {
            for t in items {
                t["year"] = json!(t["year"].as_i64().unwrap() + by);
            }
        }
    }
}

#[test]
fn every_rule_of_domain_section_4() {
    let mut failures = Vec::new();
    for row in rows() {
        let out = run(&row.case);
        let r = result(&out, row.subject, row.code);
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            assert_eq!(r["verdict"], row.verdict, "verdict");
            let cited = r["reasons"]
                .as_array()
                .unwrap()
                .iter()
                .any(|x| x["citation"].as_str().unwrap().contains(row.article));
            assert!(cited, "no reason cites {:?}", row.article);
            if row.verdict == "not_eligible" {
                assert!(
                    r["reasons"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .any(|x| x["passed"] == false),
                    "no failed reason"
                );
            }
            (row.check)(&out, r);
        }));
        if outcome.is_err() {
            failures.push(format!(
                "{} — {}",
                row.name,
                serde_json::to_string_pretty(r).unwrap()
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "failed rows:\n{}",
        failures.join("\n\n")
    );
}

#[test]
fn decided_by_per_code() {
    let out = run(&case(2024, vec![p1()]));
    for (subject, code, who) in [
        ("p1", "LDTT", "giam_doc_so"),
        ("p1", "CSTDCS", "giam_doc_so"),
        ("p1", "CSTD_TINH", "chu_tich_ubnd_tinh"),
        ("p1", "BK_TINH", "chu_tich_ubnd_tinh"),
        ("p1", "BK_TTG", "thu_tuong"),
        ("U", "TTLDTT", "giam_doc_so"),
        ("U", "TTLDXS", "chu_tich_ubnd_tinh"),
    ] {
        assert_eq!(result(&out, subject, code)["decided_by"], who, "{code}");
    }
}
