//! The authorization walk's cases for registrations, targets, progress and evidence (a child of
//! `walk`, so it uses the walk's own `Walk`, `Case`, `Caller` and `Variant`).
//!
//! In reach: the caller's own registration (submit, show, download, progress, evidence) or a
//! member's in the caller's reach (`person_in`: approve, return, reopen); out of reach: the
//! registration of `person_out`. The plan is each agency's 2024 plan with its registration
//! deadline moved to 31/12/2024, so the walk's day (16/12/2024) is in time.

use axum::http::StatusCode as S;
use serde_json::json;
use time::macros::date;

use tdkt_domain::targets::{
    NumberInput, OwnerKind, ProgressDraft, RegistrationInput, TargetInput, parse_registration,
};
use tdkt_store::registrations::{self as reg, NewEvidence, Owner, PlanRef};
use tdkt_web::RouteSpec;

use super::{Body, Caller, Case, Variant, Walk};
use crate::harness::Part;

/// The routes these cases cover.
pub const ROUTES: &[(&str, &str)] = &[
    ("GET", "/dang-ky"),
    ("POST", "/dang-ky"),
    ("GET", "/dang-ky/tong-hop"),
    ("GET", "/dang-ky/tong-hop/xuat.xlsx"),
    ("GET", "/dang-ky/don-vi/{id}"),
    ("POST", "/dang-ky/don-vi/{id}"),
    ("GET", "/dang-ky/don-vi/{id}/xuat.xlsx"),
    ("GET", "/dang-ky/{id}"),
    ("GET", "/dang-ky/{id}/tai-ve/{format}"),
    ("POST", "/dang-ky/{id}/gui"),
    ("POST", "/dang-ky/{id}/duyet"),
    ("POST", "/dang-ky/{id}/tra-lai"),
    ("POST", "/dang-ky/{id}/mo-lai"),
    ("GET", "/chi-tieu/{id}"),
    ("POST", "/chi-tieu/{id}/tien-do"),
    ("GET", "/minh-chung/{id}"),
    ("GET", "/api/v1/registrations"),
    ("POST", "/api/v1/registrations"),
    ("GET", "/api/v1/registrations/{id}"),
    ("POST", "/api/v1/registrations/{id}/submit"),
    ("POST", "/api/v1/registrations/{id}/approve"),
    ("POST", "/api/v1/registrations/{id}/return"),
    ("POST", "/api/v1/registrations/{id}/reopen"),
    ("GET", "/api/v1/registration-rates"),
    ("GET", "/api/v1/targets/{id}"),
    ("POST", "/api/v1/targets/{id}/progress"),
];

const PDF: &[u8] = b"%PDF-1.4\n%%EOF\n";

/// Is this one of the routes of registrations?
pub fn covers(method: &str, path: &str) -> bool {
    ROUTES.iter().any(|(m, p)| *m == method && *p == path)
}

/// Whether the caller has an object of the route's kind out of reach (`None`: not our route).
pub fn has_out(caller: &Caller, path: &str) -> Option<bool> {
    if path.starts_with("/dang-ky/don-vi/{id}") {
        return Some(caller.unit_out.is_some());
    }
    let names_a_registration = [
        "/dang-ky/{id}",
        "/chi-tieu/{id}",
        "/minh-chung/{id}",
        "/api/v1/registrations/{id}",
        "/api/v1/targets/{id}",
    ]
    .iter()
    .any(|p| path.starts_with(p));
    names_a_registration.then_some(caller.person_out.is_some())
}

impl Walk {
    /// The caller's own staff code (the person their account is linked to), else `person_in`.
    fn own_code(&self) -> &'static str {
        let u = self.caller.username.unwrap_or("");
        crate::harness::world::ACCOUNTS
            .iter()
            .find(|a| a.0 == u)
            .and_then(|a| a.4)
            .unwrap_or(self.caller.person_in)
    }

    /// The 2024 plan of an agency, launched with its registration deadline on 31/12/2024.
    async fn registration_plan(&mut self, agency: i64) -> PlanRef {
        if let Some(p) = reg::published_plan(&self.app.db, agency, 2024)
            .await
            .unwrap()
        {
            return p;
        }
        let mut plan = tdkt_docs::plan::seed_plan_khcn_2024().unwrap();
        for d in &mut plan.deadlines {
            if matches!(d.kind, tdkt_docs::plan::DeadlineKind::Registration) {
                d.date = date!(2024 - 12 - 31);
            }
        }
        let content = serde_json::to_string(&plan).unwrap();
        let ctx = self.app.ctx("test");
        let mut tx = self.app.db.begin().await.unwrap();
        let id = tdkt_store::plans::create_plan(
            &mut tx,
            &ctx,
            agency,
            2024,
            &content,
            &tdkt_web::plan_edit::derive(&plan),
        )
        .await
        .unwrap();
        tdkt_store::plans::publish(&mut tx, &ctx, id, None, None, &content)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        reg::plan_ref(&self.app.db, id).await.unwrap()
    }

    /// A person's (or, with `unit`, a unit's) registration in the 2024 plan with one target, put
    /// in a status (`draft`, `submitted`, `approved`): (registration id, target id).
    async fn registration_in(&mut self, code: &str, unit: Option<i64>, status: &str) -> (i64, i64) {
        let person = tdkt_store::people::person(&self.app.db, self.app.world.person(code))
            .await
            .unwrap();
        let (owner, agency, kind) = match unit {
            Some(u) => (
                Owner::Unit(u),
                tdkt_store::org::unit(&self.app.db, u)
                    .await
                    .unwrap()
                    .agency_id,
                OwnerKind::Unit,
            ),
            None => (
                Owner::Person {
                    person_id: person.id,
                    unit_id: person.unit_id.unwrap(),
                },
                person.agency_id,
                OwnerKind::Person,
            ),
        };
        let plan = self.registration_plan(agency).await;
        let id = match reg::by_owner(&self.app.db, plan.id, owner).await.unwrap() {
            Some(r) => r.id,
            None => {
                let input = RegistrationInput {
                    title_code: if unit.is_some() { "TTLDTT" } else { "LDTT" }.into(),
                    commitment: String::new(),
                    targets: vec![TargetInput {
                        name: "Bài báo khoa học".into(),
                        value: NumberInput::Number(2.0),
                        unit_of_measure: "bài báo".into(),
                        ..Default::default()
                    }],
                };
                let draft = parse_registration(&input, kind, 2024).unwrap();
                let mut tx = self.app.db.begin().await.unwrap();
                let id = reg::save(&mut tx, &self.app.ctx("test"), &plan, owner, &draft)
                    .await
                    .unwrap();
                tx.commit().await.unwrap();
                id
            }
        };
        crate::harness::dump::exec_at(
            &self.app.db,
            &format!("UPDATE registration SET status = '{status}', reopened_until = NULL, updated_at = $1 WHERE id = {id}"),
            self.app.clock.now(),
        )
        .await;
        let target = reg::targets(&self.app.db, id).await.unwrap()[0].id;
        (id, target)
    }

    /// The registration a route of the variant acts on: the caller's own (`In`) or `person_out`'s.
    async fn own_or_out(&mut self, v: Variant, status: &str) -> (i64, i64) {
        let code = match v {
            Variant::Out => self.caller.person_out.expect("an out-of-reach person"),
            _ => self.own_code(),
        };
        self.registration_in(code, None, status).await
    }

    /// A member's registration for a reviewer: `person_in`'s (`In`) or `person_out`'s.
    async fn members(&mut self, v: Variant, status: &str) -> i64 {
        let code = match v {
            Variant::Out => self.caller.person_out.expect("an out-of-reach person"),
            _ => self.caller.person_in,
        };
        self.registration_in(code, None, status).await.0
    }

    /// An evidence file on a target (stored through the store).
    async fn evidence_on(&mut self, target: i64) -> i64 {
        let mut tx = self.app.db.begin().await.unwrap();
        let p = ProgressDraft {
            reported_on: date!(2024 - 12 - 01),
            value: 1.0,
            note: None,
        };
        let files = [NewEvidence {
            filename: "minh-chung.pdf",
            content_type: "application/pdf",
            data: PDF,
        }];
        reg::add_progress(&mut tx, &self.app.ctx("test"), target, &p, &files)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        reg::progress(&self.app.db, target).await.unwrap().1[0].file_id
    }

    /// Builds the request for a registration route.
    pub(super) async fn prepare_registrations(&mut self, spec: &RouteSpec, v: Variant) -> Case {
        let agency = self.agency(Variant::In);
        self.registration_plan(agency).await;
        match (spec.method.as_str(), spec.path) {
            ("GET", "/dang-ky") => Case::new("/dang-ky", S::OK),
            ("POST", "/dang-ky") => {
                let (_, t) = self.own_or_out(v, "draft").await;
                Case::new("/dang-ky", S::SEE_OTHER).form(&[
                    ("title_code", "LDTT"),
                    ("commitment", "Hoàn thành tốt nhiệm vụ."),
                    ("t_id", &t.to_string()),
                    ("t_name", "Bài báo khoa học"),
                    ("t_value", "3"),
                    ("t_unit", "bài báo"),
                    ("t_last", ""),
                    ("t_resp", ""),
                    ("t_due", "31/12/2024"),
                    ("do", "save"),
                ])
            }
            ("GET", "/dang-ky/tong-hop") => Case::new("/dang-ky/tong-hop", S::OK),
            ("GET", "/dang-ky/tong-hop/xuat.xlsx") => {
                Case::new("/dang-ky/tong-hop/xuat.xlsx", S::OK)
            }
            ("GET", "/dang-ky/don-vi/{id}") => {
                Case::new(format!("/dang-ky/don-vi/{}", self.unit(v)), S::OK)
            }
            ("GET", "/dang-ky/don-vi/{id}/xuat.xlsx") => {
                let unit = self.unit(v);
                let a = tdkt_store::org::unit(&self.app.db, unit)
                    .await
                    .unwrap()
                    .agency_id;
                self.registration_plan(a).await;
                Case::new(format!("/dang-ky/don-vi/{unit}/xuat.xlsx"), S::OK)
            }
            ("POST", "/dang-ky/don-vi/{id}") => {
                let unit = self.unit(v);
                let a = tdkt_store::org::unit(&self.app.db, unit)
                    .await
                    .unwrap()
                    .agency_id;
                self.registration_plan(a).await;
                // The unit's registration, as a draft its head may change.
                self.registration_in(self.caller.person_in, Some(unit), "draft")
                    .await;
                Case::new(format!("/dang-ky/don-vi/{unit}"), S::SEE_OTHER).form(&[
                    ("title_code", "TTLDTT"),
                    ("t_id", ""),
                    ("t_name", "Tỷ lệ hồ sơ đúng hạn"),
                    ("t_value", "100"),
                    ("t_unit", "%"),
                    ("t_last", ""),
                    ("t_resp", ""),
                    ("t_due", ""),
                    ("do", "save"),
                ])
            }
            ("GET", "/dang-ky/{id}") => {
                let (id, _) = self.own_or_out(v, "submitted").await;
                Case::new(format!("/dang-ky/{id}"), S::OK)
            }
            ("GET", "/dang-ky/{id}/tai-ve/{format}") => {
                let (id, _) = self.own_or_out(v, "approved").await;
                Case::new(format!("/dang-ky/{id}/tai-ve/docx"), S::OK)
            }
            ("POST", "/dang-ky/{id}/gui") => {
                let (id, _) = self.own_or_out(v, "draft").await;
                Case::new(format!("/dang-ky/{id}/gui"), S::SEE_OTHER).form(&[])
            }
            ("POST", "/dang-ky/{id}/duyet") => {
                let id = self.members(v, "submitted").await;
                Case::new(format!("/dang-ky/{id}/duyet"), S::SEE_OTHER).form(&[])
            }
            ("POST", "/dang-ky/{id}/tra-lai") => {
                let id = self.members(v, "submitted").await;
                Case::new(format!("/dang-ky/{id}/tra-lai"), S::SEE_OTHER)
                    .form(&[("reason", "Bổ sung chỉ tiêu đo được.")])
            }
            ("POST", "/dang-ky/{id}/mo-lai") => {
                let id = self.members(v, "approved").await;
                Case::new(format!("/dang-ky/{id}/mo-lai"), S::SEE_OTHER)
                    .form(&[("reopened_until", "31/12/2024")])
            }
            ("GET", "/chi-tieu/{id}") => {
                let (_, t) = self.own_or_out(v, "approved").await;
                Case::new(format!("/chi-tieu/{t}"), S::OK)
            }
            ("POST", "/chi-tieu/{id}/tien-do") => {
                let (_, t) = self.own_or_out(v, "approved").await;
                let mut c = Case::new(format!("/chi-tieu/{t}/tien-do"), S::SEE_OTHER);
                c.body = Body::Multipart(vec![
                    Part::text("reported_on", "10/12/2024"),
                    Part::text("value", "1"),
                    Part {
                        content_type: Some("application/pdf".into()),
                        ..Part::file("files", "minh-chung.pdf", PDF.to_vec())
                    },
                ]);
                c
            }
            ("GET", "/minh-chung/{id}") => {
                let (_, t) = self.own_or_out(v, "approved").await;
                let file = self.evidence_on(t).await;
                Case::new(format!("/minh-chung/{file}"), S::OK)
            }
            ("GET", "/api/v1/registrations") => Case::new("/api/v1/registrations", S::OK),
            ("POST", "/api/v1/registrations") => {
                let (_, t) = self.own_or_out(v, "draft").await;
                Case::new("/api/v1/registrations", S::OK).json(json!({
                    "title_code": "LDTT",
                    "targets": [{ "id": t, "name": "Bài báo khoa học", "value": 4, "unit_of_measure": "bài báo" }],
                }))
            }
            ("GET", "/api/v1/registrations/{id}") => {
                let (id, _) = self.own_or_out(v, "submitted").await;
                Case::new(format!("/api/v1/registrations/{id}"), S::OK)
            }
            ("POST", "/api/v1/registrations/{id}/submit") => {
                let (id, _) = self.own_or_out(v, "draft").await;
                Case::new(format!("/api/v1/registrations/{id}/submit"), S::OK).json(json!({}))
            }
            ("POST", "/api/v1/registrations/{id}/approve") => {
                let id = self.members(v, "submitted").await;
                Case::new(format!("/api/v1/registrations/{id}/approve"), S::OK).json(json!({}))
            }
            ("POST", "/api/v1/registrations/{id}/return") => {
                let id = self.members(v, "submitted").await;
                Case::new(format!("/api/v1/registrations/{id}/return"), S::OK)
                    .json(json!({ "reason": "Bổ sung chỉ tiêu." }))
            }
            ("POST", "/api/v1/registrations/{id}/reopen") => {
                let id = self.members(v, "approved").await;
                Case::new(format!("/api/v1/registrations/{id}/reopen"), S::OK)
                    .json(json!({ "reopened_until": "2024-12-31" }))
            }
            ("GET", "/api/v1/registration-rates") => Case::new("/api/v1/registration-rates", S::OK),
            ("GET", "/api/v1/targets/{id}") => {
                let (_, t) = self.own_or_out(v, "approved").await;
                Case::new(format!("/api/v1/targets/{t}"), S::OK)
            }
            ("POST", "/api/v1/targets/{id}/progress") => {
                let (_, t) = self.own_or_out(v, "approved").await;
                Case::new(format!("/api/v1/targets/{t}/progress"), S::OK)
                    .json(json!({ "value": 1, "reported_on": "2024-12-10" }))
            }
            (m, p) => panic!("no registration case for {m} {p}"),
        }
    }
}
