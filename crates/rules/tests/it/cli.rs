//! The command's contract: inputs, exit codes, the reasons filter.

use std::io::Cursor;

use serde_json::Value;
use tdkt_rules::cli::evaluate_command;

fn spec_path() -> String {
    format!(
        "{}/tests/golden/spec_example.json",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn parse(stdout: &str) -> Value {
    serde_json::from_str(stdout).expect("JSON on stdout")
}

#[test]
fn reads_a_file_or_stdin_alike() {
    let from_file = evaluate_command(&spec_path(), None, &mut Cursor::new(Vec::new()));
    let bytes = std::fs::read(spec_path()).unwrap();
    let from_stdin = evaluate_command("-", None, &mut Cursor::new(bytes));
    assert_eq!(from_file.exit_code, 0);
    assert_eq!(from_file, from_stdin);
}

#[test]
fn reasons_default_to_all() {
    let default = evaluate_command(&spec_path(), None, &mut Cursor::new(Vec::new()));
    let all = evaluate_command(&spec_path(), Some("all"), &mut Cursor::new(Vec::new()));
    assert_eq!(default, all);
}

#[test]
fn reasons_failed_and_none() {
    let failed =
        parse(&evaluate_command(&spec_path(), Some("failed"), &mut Cursor::new(Vec::new())).stdout);
    let none =
        parse(&evaluate_command(&spec_path(), Some("none"), &mut Cursor::new(Vec::new())).stdout);
    let all =
        parse(&evaluate_command(&spec_path(), Some("all"), &mut Cursor::new(Vec::new())).stdout);
    for ((f, n), a) in failed["results"]
        .as_array()
        .unwrap()
        .iter()
        .zip(none["results"].as_array().unwrap())
        .zip(all["results"].as_array().unwrap())
    {
        assert_eq!(n["reasons"], Value::Array(vec![]));
        let kept: Vec<&Value> = a["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["passed"] == false)
            .collect();
        assert_eq!(
            f["reasons"].as_array().unwrap().iter().collect::<Vec<_>>(),
            kept
        );
        if a["verdict"] == "not_eligible" {
            assert!(!kept.is_empty(), "{a}");
        }
        // Everything but the reasons is the same whatever the filter.
        let strip = |v: &Value| {
            let mut v = v.clone();
            v.as_object_mut().unwrap().remove("reasons");
            v
        };
        assert_eq!(strip(f), strip(a));
        assert_eq!(strip(n), strip(a));
    }
}

#[test]
fn unknown_reasons_value_is_bad_usage() {
    let out = evaluate_command(&spec_path(), Some("some"), &mut Cursor::new(Vec::new()));
    assert_eq!(out.exit_code, 2);
    assert!(out.stdout.is_empty());
    assert!(out.stderr.starts_with("--reasons: "));
}

#[test]
fn unreadable_file_exits_1() {
    let out = evaluate_command("/nonexistent/case.json", None, &mut Cursor::new(Vec::new()));
    assert_eq!(out.exit_code, 1);
    assert!(out.stdout.is_empty());
    assert!(out.stderr.contains("/nonexistent/case.json"));
}

#[test]
fn refused_case_prints_nothing_on_stdout() {
    let out = evaluate_command(
        "-",
        None,
        &mut Cursor::new(b"{\"evaluation_year\": 2024}".to_vec()),
    );
    assert_eq!(out.exit_code, 2);
    assert_eq!(out.stdout, "");
    assert_eq!(
        out.stderr,
        "units: thiếu trường bắt buộc\npeople: thiếu trường bắt buộc\n"
    );
}

#[test]
fn empty_case_is_fine() {
    let out = evaluate_command(
        "-",
        None,
        &mut Cursor::new(b"{\"evaluation_year\": 2030, \"units\": [], \"people\": []}".to_vec()),
    );
    assert_eq!(out.exit_code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "{\"evaluation_year\":2030,\"rule_set\":\"2025\",\"results\":[],\"warnings\":[]}\n"
    );
}

#[test]
fn null_means_left_out_for_optional_fields() {
    let case = r#"{
        "evaluation_year": 2024, "review_date": null, "decision_date": null, "settings": null,
        "units": [ { "id": "U", "name": "Đơn vị", "ratings": null } ],
        "people": [ { "id": "p1", "name": "A", "unit": "U", "recruited_on": null, "pending": null,
                      "ratings": { "2023": null, "2024": "HTTNV" }, "titles": null, "awards": null,
                      "initiatives": null, "discipline": null, "absences": null } ]
    }"#;
    let out = evaluate_command(
        "-",
        Some("none"),
        &mut Cursor::new(case.as_bytes().to_vec()),
    );
    assert_eq!(out.exit_code, 0, "{}", out.stderr);
    let v = parse(&out.stdout);
    let ldtt = v["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == "LDTT")
        .unwrap();
    assert_eq!(ldtt["verdict"], "eligible");
    assert!(ldtt.get("reward_vnd").is_none());
}

#[test]
fn a_byte_order_mark_is_not_content() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(&std::fs::read(spec_path()).unwrap());
    let with_bom = evaluate_command("-", None, &mut Cursor::new(bytes));
    let plain = evaluate_command(&spec_path(), None, &mut Cursor::new(Vec::new()));
    assert_eq!(with_bom, plain);
}
