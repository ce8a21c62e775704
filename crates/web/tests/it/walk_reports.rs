//! The authorization walk's cases for review reports, the movement dashboard and the province
//! overview (a child of `walk`, so it uses the walk's own `Walk`, `Case` and `Variant`).

use axum::http::StatusCode as S;
use serde_json::json;

use tdkt_domain::workflow::{Action, Part};
use tdkt_store::reports::{self, Kind, Sections};
use tdkt_web::RouteSpec;

use super::{Case, Variant, Walk};

/// The routes these cases cover.
pub const ROUTES: &[(&str, &str)] = &[
    ("GET", "/bao-cao"),
    ("GET", "/ke-hoach/{id}/bao-cao"),
    ("GET", "/ke-hoach/{id}/bao-cao/xuat.xlsx"),
    ("POST", "/ke-hoach/{id}/bao-cao"),
    ("GET", "/ke-hoach/{id}/bao-cao-tong-hop/{kind}/{format}"),
    ("GET", "/bao-cao/{id}"),
    ("POST", "/bao-cao/{id}"),
    ("POST", "/bao-cao/{id}/gui"),
    ("POST", "/bao-cao/{id}/tiep-nhan"),
    ("POST", "/bao-cao/{id}/tra-lai"),
    ("GET", "/theo-doi"),
    ("GET", "/ke-hoach/{id}/theo-doi"),
    ("GET", "/ke-hoach/{id}/theo-doi/xuat.xlsx"),
    ("GET", "/theo-doi-toan-tinh"),
    ("GET", "/theo-doi-toan-tinh/xuat.xlsx"),
    ("GET", "/api/v1/plans/{id}/reports"),
    ("POST", "/api/v1/plans/{id}/reports"),
    ("GET", "/api/v1/plans/{id}/dashboard"),
    ("GET", "/api/v1/reports/{id}"),
    ("PUT", "/api/v1/reports/{id}"),
    ("POST", "/api/v1/reports/{id}/submit"),
    ("POST", "/api/v1/reports/{id}/accept"),
    ("POST", "/api/v1/reports/{id}/return"),
    ("GET", "/api/v1/overview"),
];

/// Is this one of the routes of reports?
pub fn covers(method: &str, path: &str) -> bool {
    ROUTES.iter().any(|(m, p)| *m == method && *p == path)
}

/// Does the route name a report (whose reach is its unit's) rather than a plan (its agency's)?
pub fn names_a_report(path: &str) -> bool {
    path.starts_with("/bao-cao/{id}") || path.starts_with("/api/v1/reports/{id}")
}

impl Walk {
    /// The reporting unit (directly under its agency) of the variant: a nested unit reports
    /// through its parent.
    fn report_unit(&self, v: Variant) -> (i64, i64) {
        let key = match v {
            Variant::Out => self.caller.unit_out.expect("an out-of-reach unit"),
            _ => self.caller.unit_in,
        };
        let (symbol, _) = key.split_once('/').unwrap();
        let parent = crate::harness::world::UNITS
            .iter()
            .find(|u| u.0 == key)
            .and_then(|u| u.4);
        let key = match parent {
            Some(code) => format!("{symbol}/{code}"),
            None => key.to_owned(),
        };
        (
            self.app.world.agency(symbol),
            self.app.world.unit(key.as_str()),
        )
    }

    /// A report of the variant's unit in a fresh published plan: a draft, or submitted.
    async fn report(&mut self, v: Variant, submitted: bool) -> i64 {
        let (agency, unit) = self.report_unit(v);
        let plan = self.plan(agency, true).await;
        let ctx = self.app.ctx("test");
        let mut tx = self.app.db.begin().await.unwrap();
        let id = reports::start(&mut tx, &ctx, plan, unit, Kind::MidYear)
            .await
            .unwrap();
        if submitted {
            let s = Sections {
                results: "Hoàn thành các chỉ tiêu đã đăng ký.".into(),
                ..Default::default()
            };
            reports::save(&mut tx, &ctx, id, &s).await.unwrap();
            reports::act(&mut tx, &ctx, id, Action::Submit, Part::Owner, None, None)
                .await
                .unwrap();
        }
        tx.commit().await.unwrap();
        id
    }

    /// The cases of the report routes.
    pub(super) async fn prepare_reports(&mut self, spec: &RouteSpec, v: Variant) -> Case {
        let results = [("results", "Hoàn thành tốt các chỉ tiêu.")];
        match (spec.method.as_str(), spec.path) {
            ("GET", "/bao-cao") => Case::new("/bao-cao", S::SEE_OTHER),
            ("GET", "/theo-doi") => Case::new("/theo-doi", S::SEE_OTHER),
            ("GET", "/theo-doi-toan-tinh") => Case::new("/theo-doi-toan-tinh?nam=2024", S::OK),
            ("GET", "/theo-doi-toan-tinh/xuat.xlsx") => {
                Case::new("/theo-doi-toan-tinh/xuat.xlsx?nam=2024", S::OK)
            }
            ("GET", "/api/v1/overview") => Case::new("/api/v1/overview?year=2024", S::OK),
            ("GET", p) if p.starts_with("/ke-hoach/{id}/") || p.starts_with("/api/v1/plans/") => {
                let plan = self.plan(self.agency(v), true).await;
                let path = match p {
                    "/ke-hoach/{id}/bao-cao-tong-hop/{kind}/{format}" => {
                        format!("/ke-hoach/{plan}/bao-cao-tong-hop/mid_year/docx")
                    }
                    p => p.replace("{id}", &plan.to_string()),
                };
                Case::new(path, S::OK)
            }
            ("POST", "/ke-hoach/{id}/bao-cao") => {
                let (agency, unit) = self.report_unit(Variant::In);
                let plan_agency = if v == Variant::Out {
                    self.agency(Variant::Out)
                } else {
                    agency
                };
                let plan = self.plan(plan_agency, true).await;
                Case::new(format!("/ke-hoach/{plan}/bao-cao"), S::SEE_OTHER)
                    .form(&[("unit_id", &unit.to_string()), ("kind", "year_end")])
            }
            ("POST", "/api/v1/plans/{id}/reports") => {
                let (agency, unit) = self.report_unit(Variant::In);
                let plan_agency = if v == Variant::Out {
                    self.agency(Variant::Out)
                } else {
                    agency
                };
                let plan = self.plan(plan_agency, true).await;
                Case::new(format!("/api/v1/plans/{plan}/reports"), S::OK)
                    .json(json!({ "unit_id": unit, "kind": "year_end" }))
            }
            ("GET", "/bao-cao/{id}") | ("GET", "/api/v1/reports/{id}") => {
                let id = self.report(v, false).await;
                Case::new(spec.path.replace("{id}", &id.to_string()), S::OK)
            }
            ("POST", "/bao-cao/{id}") | ("POST", "/bao-cao/{id}/gui") => {
                let id = self.report(v, false).await;
                Case::new(spec.path.replace("{id}", &id.to_string()), S::SEE_OTHER).form(&results)
            }
            ("PUT", "/api/v1/reports/{id}") => {
                let id = self.report(v, false).await;
                Case::new(format!("/api/v1/reports/{id}"), S::OK)
                    .json(json!({ "results": "Hoàn thành tốt các chỉ tiêu." }))
            }
            ("POST", "/api/v1/reports/{id}/submit") => {
                let id = self.report(v, false).await;
                Case::new(format!("/api/v1/reports/{id}/submit"), S::OK)
                    .json(json!({ "sections": { "results": "Hoàn thành tốt các chỉ tiêu." } }))
            }
            ("POST", "/bao-cao/{id}/tiep-nhan") => {
                let id = self.report(v, true).await;
                Case::new(format!("/bao-cao/{id}/tiep-nhan"), S::SEE_OTHER).form(&[])
            }
            ("POST", "/bao-cao/{id}/tra-lai") => {
                let id = self.report(v, true).await;
                Case::new(format!("/bao-cao/{id}/tra-lai"), S::SEE_OTHER)
                    .form(&[("reason", "Bổ sung số liệu.")])
            }
            ("POST", "/api/v1/reports/{id}/accept") => {
                let id = self.report(v, true).await;
                Case::new(format!("/api/v1/reports/{id}/accept"), S::OK).json(json!({}))
            }
            ("POST", "/api/v1/reports/{id}/return") => {
                let id = self.report(v, true).await;
                Case::new(format!("/api/v1/reports/{id}/return"), S::OK)
                    .json(json!({ "reason": "Bổ sung số liệu." }))
            }
            (m, p) => panic!("no report case for {m} {p}"),
        }
    }
}
