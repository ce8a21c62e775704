//! Building cases as JSON and reading the command's output.

use serde_json::{Value, json};
use tdkt_rules::ReasonFilter;
use tdkt_rules::cli::evaluate_json;

/// A person with a clean record: recruited long ago, rated HTTNV in 2020–2024.
pub fn person(id: &str, unit: &str) -> Value {
    json!({
        "id": id,
        "name": format!("Người {id}"),
        "unit": unit,
        "recruited_on": "2010-01-01",
        "ratings": { "2020": "HTTNV", "2021": "HTTNV", "2022": "HTTNV", "2023": "HTTNV", "2024": "HTTNV" }
    })
}

/// A case for `year` with one unit `U` rated HTXSNV and the given people (their ratings after
/// `year` dropped, so that [`person`] serves every year).
pub fn case(year: i32, mut people: Vec<Value>) -> Value {
    for p in &mut people {
        if let Some(r) = p.get_mut("ratings").and_then(Value::as_object_mut) {
            r.retain(|y, _| y.parse::<i32>().is_ok_and(|y| y <= year));
        }
    }
    json!({
        "evaluation_year": year,
        "decision_date": format!("{year}-12-20"),
        "units": [ { "id": "U", "name": "Đơn vị", "ratings": { year.to_string(): "HTXSNV" } } ],
        "people": people
    })
}

/// Runs the command on `case` (all reasons) and returns the parsed output; panics on refusal.
pub fn run(case: &Value) -> Value {
    let out = evaluate_json(case.to_string().as_bytes(), ReasonFilter::All);
    assert_eq!(out.exit_code, 0, "refused: {}", out.stderr);
    serde_json::from_str(&out.stdout).expect("output is JSON")
}

/// The result for `subject` and `code`.
pub fn result<'a>(out: &'a Value, subject: &str, code: &str) -> &'a Value {
    out["results"]
        .as_array()
        .expect("results")
        .iter()
        .find(|r| r["subject"] == subject && r["code"] == code)
        .unwrap_or_else(|| panic!("no result for {subject} {code}"))
}

/// The verdict string for `subject` and `code`.
pub fn verdict<'a>(out: &'a Value, subject: &str, code: &str) -> &'a str {
    result(out, subject, code)["verdict"]
        .as_str()
        .expect("verdict")
}

/// The reason `rule` of a result.
pub fn reason<'a>(r: &'a Value, rule: &str) -> &'a Value {
    r["reasons"]
        .as_array()
        .expect("reasons")
        .iter()
        .find(|x| x["rule"] == rule)
        .unwrap_or_else(|| panic!("no reason {rule} in {r}"))
}

/// Sets `value` at `key` of a JSON object.
pub fn set(v: &mut Value, key: &str, value: Value) {
    v.as_object_mut()
        .expect("object")
        .insert(key.to_string(), value);
}

/// Sets the ratings of a person or unit from `(year, rating)` pairs, replacing any.
pub fn ratings(v: &mut Value, list: &[(i32, &str)]) {
    let map: serde_json::Map<String, Value> = list
        .iter()
        .map(|(y, r)| (y.to_string(), json!(r)))
        .collect();
    set(v, "ratings", Value::Object(map));
}
