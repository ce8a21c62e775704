//! THE AUTHORIZATION WALK: every route of `tdkt_web::route_table()` × every role (plus the head
//! of another unit, the office and the administrator of another agency, and anonymous), with
//! path parameters filled with objects inside and outside the caller's reach.
//!
//! The expected status is derived from the policy, not from the handlers:
//! - `Access::Public`: what the route answers anyone (its case says);
//! - anonymous on a signed route: 303 to `/dang-nhap` (HTML) or 401 (`/api/`);
//! - a role without the route's permission (`Role::allows`): 403, whatever the object;
//! - an object outside the caller's reach (hand-written per caller below, from DOMAIN.md §2): 404;
//! - otherwise the route's success status.
//!
//! Every refused attempt (and every GET) must leave the business data exactly as it was: a digest
//! of all tables but audit_log, audit_head, session and login_failure is compared before and after.
//!
//! A route added to the table without a case here fails `the_walk_covers_every_route`: add its
//! case to [`prepare`] and its line to [`KNOWN`].

use std::collections::BTreeSet;

use axum::http::{Method, StatusCode};
use serde_json::{Value, json};

use tdkt_domain::policy::Role;
use tdkt_web::{Access, RouteSpec, route_table};

use crate::harness::sheets::{people_xlsx, row};
use crate::harness::{Client, Part, Resp, TestApp};

// The cases of registrations, targets and evidence (tests/it/walk_registrations.rs).
#[path = "walk_registrations.rs"]
mod walk_registrations;

// The cases of review reports and the movement dashboard (tests/it/walk_reports.rs).
#[path = "walk_reports.rs"]
mod walk_reports;

/// Every route the walk knows how to call.
const KNOWN: &[(&str, &str)] = &[
    ("GET", "/healthz"),
    ("GET", "/static/{*path}"),
    ("GET", "/api/openapi.json"),
    ("GET", "/dang-nhap"),
    ("POST", "/dang-nhap"),
    ("POST", "/dang-xuat"),
    ("GET", "/"),
    ("GET", "/tai-khoan"),
    ("POST", "/tai-khoan/mat-khau"),
    ("POST", "/tai-khoan/token"),
    ("POST", "/tai-khoan/token/{id}/thu-hoi"),
    ("GET", "/don-vi"),
    ("GET", "/don-vi/xuat.xlsx"),
    ("GET", "/don-vi/moi"),
    ("POST", "/don-vi"),
    ("GET", "/don-vi/{id}"),
    ("GET", "/don-vi/{id}/sua"),
    ("POST", "/don-vi/{id}"),
    ("POST", "/don-vi/{id}/sap-nhap"),
    ("GET", "/can-bo"),
    ("GET", "/can-bo/xuat.xlsx"),
    ("GET", "/can-bo/moi"),
    ("POST", "/can-bo"),
    ("GET", "/can-bo/nhap"),
    ("GET", "/can-bo/nhap/mau.xlsx"),
    ("POST", "/can-bo/nhap"),
    ("POST", "/can-bo/nhap/xac-nhan"),
    ("GET", "/can-bo/{id}"),
    ("GET", "/can-bo/{id}/sua"),
    ("POST", "/can-bo/{id}"),
    ("POST", "/can-bo/{id}/chuyen"),
    ("POST", "/can-bo/{id}/ho-so/{kind}"),
    ("POST", "/can-bo/{id}/xep-loai/{year}/xoa"),
    ("POST", "/don-vi/{id}/ho-so/{kind}"),
    ("POST", "/ho-so/{kind}/{id}/xoa"),
    ("POST", "/ho-so/vu-viec/{id}/ket-thuc"),
    ("GET", "/ho-so-thi-dua/nhap"),
    ("GET", "/ho-so-thi-dua/nhap/mau.xlsx"),
    ("POST", "/ho-so-thi-dua/nhap"),
    ("POST", "/ho-so-thi-dua/nhap/xac-nhan"),
    ("GET", "/xet-khen-thuong"),
    ("GET", "/xet-khen-thuong/xuat.xlsx"),
    ("GET", "/co-quan"),
    ("GET", "/co-quan/{id}"),
    ("POST", "/co-quan/{id}/doi-ten"),
    ("POST", "/co-quan/{id}/sap-nhap"),
    ("GET", "/api/v1/agencies"),
    ("GET", "/api/v1/agencies/{id}"),
    ("POST", "/api/v1/agencies/{id}/rename"),
    ("POST", "/api/v1/agencies/{id}/merge"),
    ("GET", "/quan-tri/tai-khoan"),
    ("POST", "/quan-tri/tai-khoan"),
    ("POST", "/quan-tri/tai-khoan/{id}/khoa"),
    ("POST", "/quan-tri/tai-khoan/{id}/vai-tro"),
    ("GET", "/nhat-ky"),
    ("GET", "/api/v1/me"),
    ("GET", "/api/v1/units"),
    ("POST", "/api/v1/units"),
    ("GET", "/api/v1/units/{id}"),
    ("PUT", "/api/v1/units/{id}"),
    ("GET", "/api/v1/people"),
    ("POST", "/api/v1/people"),
    ("POST", "/api/v1/people/import"),
    ("GET", "/api/v1/people/{id}"),
    ("PUT", "/api/v1/people/{id}"),
    ("GET", "/giay-khen/hieu-chinh"),
    ("POST", "/giay-khen/hieu-chinh"),
    ("GET", "/giay-khen/hieu-chinh/trang-thu.pdf"),
    ("GET", "/ho-so/khen-thuong/{id}/giay-khen/{mode}"),
    ("GET", "/ke-hoach"),
    ("POST", "/ke-hoach"),
    ("GET", "/ke-hoach/{id}"),
    ("GET", "/ke-hoach/{id}/sua"),
    ("POST", "/ke-hoach/{id}"),
    ("POST", "/ke-hoach/{id}/phat-dong"),
    ("GET", "/ke-hoach/{id}/tai-ve/{format}"),
    ("GET", "/can-bo/{id}/bao-cao-thanh-tich"),
    ("POST", "/can-bo/{id}/bao-cao-thanh-tich"),
    ("GET", "/can-bo/{id}/bao-cao-thanh-tich/tai-ve/{format}"),
    ("GET", "/don-vi/{id}/bao-cao-thanh-tich"),
    ("POST", "/don-vi/{id}/bao-cao-thanh-tich"),
    ("GET", "/don-vi/{id}/bao-cao-thanh-tich/tai-ve/{format}"),
    ("GET", "/api/v1/people/{id}/verdicts"),
    ("GET", "/api/v1/verdicts"),
    ("GET", "/phong-trao"),
    ("GET", "/thong-bao"),
    ("GET", "/thong-bao/dem"),
    ("POST", "/thong-bao/da-doc-het"),
    ("POST", "/thong-bao/{id}/da-doc"),
    ("POST", "/tai-khoan/email"),
    ("POST", "/tai-khoan/lich"),
    ("GET", "/lich/{file}"),
    ("GET", "/quan-tri/thu-dien-tu"),
    ("POST", "/quan-tri/thu-dien-tu/{id}/gui-lai"),
];

#[test]
fn the_walk_covers_every_route() {
    let table: BTreeSet<(String, String)> = route_table()
        .iter()
        .map(|s| (s.method.to_string(), s.path.to_owned()))
        .collect();
    let known: BTreeSet<(String, String)> = KNOWN
        .iter()
        .chain(walk_registrations::ROUTES)
        .chain(walk_reports::ROUTES)
        .map(|(m, p)| ((*m).to_owned(), (*p).to_owned()))
        .collect();
    let missing: Vec<_> = table.difference(&known).collect();
    let stale: Vec<_> = known.difference(&table).collect();
    assert!(
        missing.is_empty() && stale.is_empty(),
        "routes without a case in the authorization walk: {missing:?}; cases for routes that are gone: {stale:?}"
    );
}

/// A caller of the walk, with what is inside and outside its reach.
struct Caller {
    /// None: anonymous.
    username: Option<&'static str>,
    role: Option<Role>,
    agency_in: &'static str,
    agency_out: Option<&'static str>,
    /// Two units in reach (the second is a transfer target) and one outside, if any.
    unit_in: &'static str,
    unit_in2: &'static str,
    unit_out: Option<&'static str>,
    person_in: &'static str,
    person_out: Option<&'static str>,
}

const KHCN_STAFF: Caller = Caller {
    username: None,
    role: None,
    agency_in: "KHCN",
    agency_out: Some("TTTT"),
    unit_in: "KHCN/QLKH",
    unit_in2: "KHCN/VP",
    unit_out: Some("TTTT/VP"),
    person_in: "KHCN032",
    person_out: Some("TTTT001"),
};

const TTTT_STAFF: Caller = Caller {
    username: None,
    role: None,
    agency_in: "TTTT",
    agency_out: Some("KHCN"),
    unit_in: "TTTT/VP",
    unit_in2: "TTTT/KHTC",
    unit_out: Some("KHCN/VP"),
    person_in: "TTTT002",
    person_out: Some("KHCN032"),
};

fn caller(name: &str) -> Caller {
    match name {
        "anonymous" => KHCN_STAFF,
        "admin" => Caller {
            username: Some("admin"),
            role: Some(Role::Admin),
            // A province-wide administrator: nothing is outside its reach.
            agency_out: None,
            unit_out: None,
            person_out: None,
            ..KHCN_STAFF
        },
        "lanhdao" => Caller {
            username: Some("lanhdao"),
            role: Some(Role::LanhDao),
            ..KHCN_STAFF
        },
        "vanphong" => Caller {
            username: Some("vanphong"),
            role: Some(Role::VanPhong),
            ..KHCN_STAFF
        },
        "hoidong" => Caller {
            username: Some("hoidong"),
            role: Some(Role::HoiDong),
            ..KHCN_STAFF
        },
        // Head of the Chi cục: the Chi cục and the unit nested in it, not the other units.
        "truongphong" => Caller {
            username: Some("truongphong"),
            role: Some(Role::TruongDonVi),
            unit_in: "KHCN/CCTDC-DL",
            unit_in2: "KHCN/CCTDC",
            unit_out: Some("KHCN/QLKH"),
            person_in: "KHCN041",
            person_out: Some("KHCN032"),
            ..KHCN_STAFF
        },
        // Another unit's head: QLKH, not the Chi cục.
        "truongphong.qlkh" => Caller {
            username: Some("truongphong.qlkh"),
            role: Some(Role::TruongDonVi),
            unit_in: "KHCN/QLKH",
            unit_in2: "KHCN/QLKH",
            unit_out: Some("KHCN/CCTDC-DL"),
            person_in: "KHCN032",
            person_out: Some("KHCN041"),
            ..KHCN_STAFF
        },
        // Staff: their own record only; a colleague of the same unit is out of reach.
        "canbo" => Caller {
            username: Some("canbo"),
            role: Some(Role::CanBo),
            person_in: "KHCN031",
            person_out: Some("KHCN032"),
            ..KHCN_STAFF
        },
        "vanphong.tttt" => Caller {
            username: Some("vanphong.tttt"),
            role: Some(Role::VanPhong),
            ..TTTT_STAFF
        },
        "admin.tttt" => Caller {
            username: Some("admin.tttt"),
            role: Some(Role::Admin),
            ..TTTT_STAFF
        },
        n => panic!("no caller {n}"),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Variant {
    /// The route has no object to choose.
    Only,
    /// An object inside the caller's reach.
    In,
    /// An object outside it.
    Out,
    /// The object in reach, but the body names a second one outside it (a transfer to another
    /// agency's unit, a merger into it, a role in another agency, an import into it).
    OutTarget,
}

enum Body {
    None,
    Form(Vec<(String, String)>),
    Json(Value),
    Multipart(Vec<Part>),
    Xlsx(Vec<u8>),
}

/// One request of the walk, with the status it gets when allowed.
struct Case {
    path: String,
    body: Body,
    success: StatusCode,
    /// Send with this session (cookie token, CSRF token) instead of the caller's own.
    session: Option<(String, String)>,
}

impl Case {
    fn new(path: impl Into<String>, success: StatusCode) -> Case {
        Case {
            path: path.into(),
            body: Body::None,
            success,
            session: None,
        }
    }

    fn form(mut self, fields: &[(&str, &str)]) -> Case {
        self.body = Body::Form(
            fields
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
        );
        self
    }

    fn json(mut self, v: Value) -> Case {
        self.body = Body::Json(v);
        self
    }
}

/// Does the route name an object (or take one in its body) that may be in or out of reach?
fn variants(spec: &RouteSpec) -> &'static [Variant] {
    const BOTH: &[Variant] = &[Variant::In, Variant::Out];
    const THREE: &[Variant] = &[Variant::In, Variant::Out, Variant::OutTarget];
    const ONLY: &[Variant] = &[Variant::Only];
    let m = spec.method.as_str();
    if matches!(
        (m, spec.path),
        ("POST", "/can-bo/{id}/chuyen")
            | ("POST", "/don-vi/{id}/sap-nhap")
            | ("POST", "/co-quan/{id}/sap-nhap")
            | ("POST", "/api/v1/agencies/{id}/merge")
            | ("POST", "/quan-tri/tai-khoan/{id}/vai-tro")
            | ("POST", "/can-bo/nhap/xac-nhan")
            | ("POST", "/ho-so-thi-dua/nhap/xac-nhan")
    ) {
        return THREE;
    }
    if spec.path.contains("{id}") {
        return BOTH;
    }
    match (m, spec.path) {
        ("GET", "/don-vi/moi")
        | ("POST", "/don-vi")
        | ("POST", "/can-bo")
        | ("POST", "/can-bo/nhap")
        | ("POST", "/can-bo/nhap/xac-nhan")
        | ("POST", "/ho-so-thi-dua/nhap")
        | ("POST", "/ho-so-thi-dua/nhap/xac-nhan")
        | ("POST", "/quan-tri/tai-khoan")
        | ("POST", "/api/v1/units")
        | ("POST", "/api/v1/people")
        | ("POST", "/api/v1/people/import")
        | ("POST", "/ke-hoach") => BOTH,
        _ => ONLY,
    }
}

/// The walk's state: the app, the caller, a counter for fresh codes.
struct Walk {
    app: TestApp,
    caller: Caller,
    client: Client,
    seq: u32,
}

impl Walk {
    fn fresh(&mut self, prefix: &str) -> String {
        self.seq += 1;
        format!("{prefix}{}", self.seq)
    }

    fn unit(&self, v: Variant) -> i64 {
        let key = match v {
            Variant::Out => self.caller.unit_out.expect("an out-of-reach unit"),
            _ => self.caller.unit_in,
        };
        self.app.world.unit(key)
    }

    fn person(&self, v: Variant) -> i64 {
        let code = match v {
            Variant::Out => self.caller.person_out.expect("an out-of-reach person"),
            _ => self.caller.person_in,
        };
        self.app.world.person(code)
    }

    fn agency(&self, v: Variant) -> i64 {
        let symbol = match v {
            Variant::Out => self.caller.agency_out.expect("an out-of-reach agency"),
            _ => self.caller.agency_in,
        };
        self.app.world.agency(symbol)
    }

    /// Is there an object of the kind this route needs outside the caller's reach?
    fn has_out(&self, spec: &RouteSpec, v: Variant) -> bool {
        let p = spec.path;
        if v == Variant::OutTarget {
            return if p.contains("tai-khoan")
                || p.ends_with("xac-nhan")
                || p.starts_with("/co-quan/")
                || p.starts_with("/api/v1/agencies/")
            {
                self.caller.agency_out.is_some()
            } else {
                self.caller.unit_out.is_some()
            };
        }
        if p.contains("/token/") || p.starts_with("/thong-bao/{id}") {
            // Someone else's token or notification.
            return true;
        }
        if walk_reports::names_a_report(p) {
            return self.caller.unit_out.is_some();
        }
        if let Some(out) = walk_registrations::has_out(&self.caller, p) {
            return out;
        }
        if p.starts_with("/can-bo/{id}")
            || p.starts_with("/api/v1/people/{id}")
            || p.starts_with("/ho-so/")
        {
            return self.caller.person_out.is_some();
        }
        if p.starts_with("/don-vi/{id}") || p.starts_with("/api/v1/units/{id}") {
            return self.caller.unit_out.is_some();
        }
        if p.ends_with("/xac-nhan") {
            // Another account's upload is always out of reach.
            return true;
        }
        if p == "/can-bo" || p == "/api/v1/people" {
            return self.caller.unit_out.is_some();
        }
        self.caller.agency_out.is_some()
    }

    fn unit_code(&self, key: &str) -> String {
        key.split('/').nth(1).unwrap().to_owned()
    }

    /// The agency symbol and code of a unit key, and its parent's code.
    fn unit_parent_code(&self, key: &str) -> &'static str {
        crate::harness::world::UNITS
            .iter()
            .find(|u| u.0 == key)
            .and_then(|u| u.4)
            .unwrap_or("")
    }

    fn unit_key(&self, v: Variant) -> &'static str {
        match v {
            Variant::Out => self.caller.unit_out.unwrap(),
            _ => self.caller.unit_in,
        }
    }

    /// A one-person import file for the caller's agency.
    fn import_file(&mut self) -> Vec<u8> {
        let code = self.fresh("NHAP");
        let unit = self.unit_code(self.caller.unit_in);
        people_xlsx(&[row(&code, "Nguyễn Thị Mai", "05/03/1990", "Nữ", &unit)])
    }

    /// A records workbook (one rating) for a person of the caller's agency.
    fn records_file(&self) -> Vec<u8> {
        use tdkt_sheets::{Cell, Column, write_table};
        let cols = [
            Column::new("Mã cán bộ", 12.0),
            Column::new("Năm", 8.0),
            Column::new("Xếp loại", 10.0),
        ];
        let rows = vec![vec![
            Cell::from(self.caller.person_in),
            Cell::from("2022"),
            Cell::from("HTTNV"),
        ]];
        write_table("Xếp loại", None, &cols, &rows).unwrap()
    }

    /// A person's record of a kind, set up through the store: (kind in the URL, id).
    async fn record_of(&self, person: i64, kind: &str) -> i64 {
        use tdkt_store::records::{self as rec, Audit};
        let ctx = self.app.ctx("test");
        let mut tx = self.app.db.begin().await.unwrap();
        let d = time::macros::date!(2024 - 03 - 01);
        let id = match kind {
            "vu-viec" => rec::add_pending(
                &mut tx,
                &ctx,
                Audit::Yes,
                person,
                "discipline_review",
                d,
                None,
            )
            .await
            .unwrap(),
            _ => rec::add_absence(&mut tx, &ctx, Audit::Yes, person, d, d, "unpaid", None)
                .await
                .unwrap(),
        };
        tx.commit().await.unwrap();
        id
    }

    /// A plan of an agency for a fresh year (the seed's text): published, or a draft.
    async fn plan(&mut self, agency: i64, published: bool) -> i64 {
        let year = 2050 + self.fresh("").parse::<i32>().unwrap();
        let mut plan = tdkt_docs::plan::seed_plan_khcn_2024().unwrap();
        plan = tdkt_web::plan_edit::next_year(&plan, year);
        let content = serde_json::to_string(&plan).unwrap();
        let ctx = self.app.ctx("test");
        let mut tx = self.app.db.begin().await.unwrap();
        let id = tdkt_store::plans::create_plan(
            &mut tx,
            &ctx,
            agency,
            year,
            &content,
            &tdkt_web::plan_edit::derive(&plan),
        )
        .await
        .unwrap();
        if published {
            tdkt_store::plans::publish(&mut tx, &ctx, id, None, None, &content)
                .await
                .unwrap();
        }
        tx.commit().await.unwrap();
        id
    }

    /// The two agencies of a merger: in reach, a fresh agency into the caller's own; out of reach,
    /// the other agency into the caller's; out-target, the caller's into the other.
    async fn agency_merge(&mut self, v: Variant) -> (i64, i64) {
        match v {
            Variant::Out => (self.agency(Variant::Out), self.agency(Variant::In)),
            Variant::OutTarget => (self.agency(Variant::In), self.agency(Variant::Out)),
            _ => {
                let symbol = self.fresh("GOPCQ");
                let from = self.app.fresh_agency(&symbol).await;
                (from, self.agency(Variant::In))
            }
        }
    }

    /// A notification of an account (set up through the store).
    async fn notification_for(&mut self, username: &str) -> i64 {
        let key = self.fresh("walk-note-");
        let mut tx = self.app.db.begin().await.unwrap();
        tdkt_store::notify::create(
            &mut tx,
            &tdkt_store::notify::NewNotification {
                user_id: self.app.world.user(username),
                kind: "reminder_before",
                title: "Còn 3 ngày: Đăng ký thi đua",
                body: "Việc còn phải làm",
                link: Some("/"),
                due_on: None,
                dedupe_key: Some(&key),
            },
            self.app.clock.now(),
        )
        .await
        .unwrap();
        tx.commit().await.unwrap();
        let rows = tdkt_store::notify::for_user(&self.app.db, self.app.world.user(username), 1)
            .await
            .unwrap();
        rows[0].id
    }

    /// An e-mail job of an agency that has used up its attempts.
    async fn failed_email(&mut self, agency: i64) -> i64 {
        let key = self.fresh("walk-email-");
        let payload = serde_json::json!({
            "to": "nguoi.nhan@khcn.bacgiang.gov.vn", "subject": "[tdkt] Nhắc hạn", "body": "…",
            "user_id": self.app.world.user("canbo"), "agency_id": agency, "key": key, "stale_after": null,
        });
        let now = self.app.clock.now();
        let mut tx = self.app.db.begin().await.unwrap();
        tdkt_store::jobs::enqueue(&mut tx, "email", Some(&key), &payload, now, now)
            .await
            .unwrap();
        tx.commit().await.unwrap();
        crate::harness::dump::exec_at(
            &self.app.db,
            &format!(
                "UPDATE job SET status = 'failed', attempts = max_attempts, last_error = 'thử', finished_at = $1 WHERE dedupe_key = '{key}'"
            ),
            now,
        )
        .await;
        tdkt_store::jobs::with_status(&self.app.db, "email", "failed", 1000)
            .await
            .unwrap()
            .into_iter()
            .find(|j| j.dedupe_key.as_deref() == Some(key.as_str()))
            .unwrap()
            .id
    }

    /// Builds the request for a route, creating what it needs (fresh objects in reach) first.
    async fn prepare(&mut self, spec: &RouteSpec, v: Variant) -> Case {
        use StatusCode as S;
        let signed = self.caller.username.is_some();
        match (spec.method.as_str(), spec.path) {
            ("GET", "/healthz") => Case::new("/healthz", S::OK),
            ("GET", "/static/{*path}") => Case::new("/static/app.css", S::OK),
            ("GET", "/api/openapi.json") => Case::new("/api/openapi.json", S::OK),
            // Signed in already: the login page sends the caller on.
            ("GET", "/dang-nhap") => {
                Case::new("/dang-nhap", if signed { S::SEE_OTHER } else { S::OK })
            }
            ("POST", "/dang-nhap") => Case::new("/dang-nhap", S::UNAUTHORIZED)
                .form(&[("username", "khong.co.ai"), ("password", "sai-mat-khau")]),
            // Logging out ends a session: use a second session of the caller, not the walk's.
            ("POST", "/dang-xuat") => {
                let mut c = Case::new("/dang-xuat", S::SEE_OTHER).form(&[]);
                if let Some(u) = self.caller.username {
                    let ctx = self.app.ctx(u);
                    let (token, csrf) = tdkt_store::users::create_session(
                        &self.app.db,
                        &ctx,
                        self.app.world.user(u),
                        time::Duration::hours(1),
                        None,
                    )
                    .await
                    .unwrap();
                    c.session = Some((token, csrf));
                }
                c
            }
            ("GET", "/") => Case::new("/", S::OK),
            ("GET", "/tai-khoan") => Case::new("/tai-khoan", S::OK),
            // A wrong current password: the route is reached, nothing changes.
            ("POST", "/tai-khoan/mat-khau") => {
                Case::new("/tai-khoan/mat-khau", S::UNPROCESSABLE_ENTITY).form(&[
                    ("current", "sai"),
                    ("new", "mat-khau-moi-123"),
                    ("confirm", "mat-khau-moi-123"),
                ])
            }
            ("POST", "/tai-khoan/token") => {
                Case::new("/tai-khoan/token", S::OK).form(&[("name", "thử nghiệm")])
            }
            ("POST", "/tai-khoan/token/{id}/thu-hoi") => {
                let owner = match (v, self.caller.username) {
                    (Variant::In, Some(u)) => u,
                    // Someone else's token.
                    (_, Some("lanhdao")) => "vanphong",
                    _ => "lanhdao",
                };
                let (id, _) = self.app.api_token(owner).await;
                Case::new(format!("/tai-khoan/token/{id}/thu-hoi"), S::SEE_OTHER).form(&[])
            }
            ("GET", "/don-vi") => Case::new("/don-vi", S::OK),
            ("GET", "/don-vi/xuat.xlsx") => Case::new("/don-vi/xuat.xlsx", S::OK),
            ("GET", "/don-vi/moi") => {
                Case::new(format!("/don-vi/moi?agency={}", self.agency(v)), S::OK)
            }
            ("POST", "/don-vi") => {
                let code = self.fresh("DV");
                let agency = self.agency(v).to_string();
                Case::new("/don-vi", S::SEE_OTHER).form(&[
                    ("code", &code),
                    ("name", "Phòng mới"),
                    ("agency_id", &agency),
                ])
            }
            ("GET", "/don-vi/{id}") => Case::new(format!("/don-vi/{}", self.unit(v)), S::OK),
            ("GET", "/don-vi/{id}/sua") => {
                Case::new(format!("/don-vi/{}/sua", self.unit(v)), S::OK)
            }
            ("POST", "/don-vi/{id}") => {
                let key = self.unit_key(v);
                let code = self.unit_code(key);
                let parent = self.unit_parent_code(key);
                Case::new(format!("/don-vi/{}", self.unit(v)), S::SEE_OTHER).form(&[
                    ("code", &code),
                    ("name", "Tên mới của đơn vị"),
                    ("parent_code", parent),
                    ("effective_on", "01/01/2025"),
                ])
            }
            ("POST", "/don-vi/{id}/sap-nhap") => {
                // In reach: a fresh, empty unit merged into another unit in reach.
                let id = match v {
                    Variant::Out => self.unit(v),
                    _ => {
                        let code = self.fresh("GOP");
                        let agency = self.agency(Variant::In);
                        self.app.fresh_unit(agency, &code, None).await
                    }
                };
                let into = match v {
                    Variant::OutTarget => self.unit(Variant::Out),
                    _ => self.unit(Variant::In),
                }
                .to_string();
                Case::new(format!("/don-vi/{id}/sap-nhap"), S::SEE_OTHER)
                    .form(&[("into", &into), ("on", "01/01/2025")])
            }
            ("GET", "/can-bo") => Case::new("/can-bo", S::OK),
            ("GET", "/can-bo/xuat.xlsx") => Case::new("/can-bo/xuat.xlsx", S::OK),
            ("GET", "/can-bo/moi") => Case::new("/can-bo/moi", S::OK),
            ("POST", "/can-bo") => {
                let code = self.fresh("CB");
                let unit = self.unit(v).to_string();
                Case::new("/can-bo", S::SEE_OTHER).form(&[
                    ("code", &code),
                    ("full_name", "Lê Thị Hồng"),
                    ("birth_date", "02/09/1991"),
                    ("gender", "nu"),
                    ("category", "cong_chuc"),
                    ("unit_id", &unit),
                ])
            }
            ("GET", "/can-bo/nhap") => Case::new("/can-bo/nhap", S::OK),
            ("GET", "/can-bo/nhap/mau.xlsx") => Case::new("/can-bo/nhap/mau.xlsx", S::OK),
            ("POST", "/can-bo/nhap") => {
                let file = self.import_file();
                let mut c = Case::new("/can-bo/nhap", S::OK);
                c.body = Body::Multipart(vec![
                    Part::text("agency_id", &self.agency(v).to_string()),
                    Part::file("file", "nhap.xlsx", file),
                ]);
                c
            }
            ("POST", "/can-bo/nhap/xac-nhan") => {
                let file = self.import_file();
                // In reach: the caller's own checked upload; out: another account's.
                let owner = match (v, self.caller.username) {
                    (Variant::In | Variant::OutTarget, u) => u,
                    (_, Some("vanphong")) => Some("lanhdao"),
                    _ => Some("vanphong"),
                };
                let id = self
                    .app
                    .put_file(owner, "nhap.xlsx", &file)
                    .await
                    .to_string();
                let agency = self
                    .agency(if v == Variant::OutTarget {
                        Variant::Out
                    } else {
                        Variant::In
                    })
                    .to_string();
                Case::new("/can-bo/nhap/xac-nhan", S::SEE_OTHER)
                    .form(&[("file_id", &id), ("agency_id", &agency)])
            }
            ("GET", "/can-bo/{id}") => Case::new(format!("/can-bo/{}", self.person(v)), S::OK),
            ("GET", "/can-bo/{id}/sua") => {
                Case::new(format!("/can-bo/{}/sua", self.person(v)), S::OK)
            }
            ("POST", "/can-bo/{id}") => {
                let id = self.person(v);
                let p = tdkt_store::people::person(&self.app.db, id).await.unwrap();
                let born = p
                    .birth_date
                    .map(tdkt_domain::vn::format_date)
                    .unwrap_or_default();
                Case::new(format!("/can-bo/{id}"), S::SEE_OTHER).form(&[
                    ("code", &p.code),
                    ("full_name", &p.full_name),
                    ("birth_date", &born),
                    ("gender", p.gender.as_deref().unwrap_or("")),
                    ("category", &p.category),
                    ("position", "Phó Trưởng phòng"),
                ])
            }
            ("POST", "/can-bo/{id}/chuyen") => {
                let id = match v {
                    Variant::Out => self.person(v),
                    _ => {
                        let code = self.fresh("CHUYEN");
                        let unit = self.unit(Variant::In);
                        self.app.fresh_person(unit, &code, "Đinh Thị Thu").await
                    }
                };
                let to = match v {
                    Variant::OutTarget => self.unit(Variant::Out),
                    _ => self.app.world.unit(self.caller.unit_in2),
                }
                .to_string();
                Case::new(format!("/can-bo/{id}/chuyen"), S::SEE_OTHER).form(&[
                    ("unit_id", &to),
                    ("on", "01/01/2025"),
                    ("reason", "Điều động"),
                ])
            }
            ("POST", "/can-bo/{id}/ho-so/{kind}") => Case::new(
                format!("/can-bo/{}/ho-so/xep-loai", self.person(v)),
                S::SEE_OTHER,
            )
            .form(&[("year", "2023"), ("rating", "HTTNV")]),
            ("POST", "/can-bo/{id}/xep-loai/{year}/xoa") => {
                let id = self.person(v);
                let mut tx = self.app.db.begin().await.unwrap();
                tdkt_store::records::set_rating(
                    &mut tx,
                    &self.app.ctx("test"),
                    tdkt_store::records::Audit::Yes,
                    id,
                    2021,
                    "HTNV",
                    None,
                )
                .await
                .unwrap();
                tx.commit().await.unwrap();
                Case::new(format!("/can-bo/{id}/xep-loai/2021/xoa"), S::SEE_OTHER).form(&[])
            }
            ("POST", "/don-vi/{id}/ho-so/{kind}") => Case::new(
                format!("/don-vi/{}/ho-so/xep-loai", self.unit(v)),
                S::SEE_OTHER,
            )
            .form(&[("year", "2023"), ("rating", "HTTNV")]),
            ("POST", "/ho-so/{kind}/{id}/xoa") => {
                let id = self.record_of(self.person(v), "nghi").await;
                Case::new(format!("/ho-so/nghi/{id}/xoa"), S::SEE_OTHER).form(&[])
            }
            ("POST", "/ho-so/vu-viec/{id}/ket-thuc") => {
                let id = self.record_of(self.person(v), "vu-viec").await;
                Case::new(format!("/ho-so/vu-viec/{id}/ket-thuc"), S::SEE_OTHER)
                    .form(&[("on", "01/12/2024")])
            }
            ("GET", "/ho-so-thi-dua/nhap") => Case::new("/ho-so-thi-dua/nhap", S::OK),
            ("GET", "/ho-so-thi-dua/nhap/mau.xlsx") => {
                Case::new("/ho-so-thi-dua/nhap/mau.xlsx", S::OK)
            }
            ("POST", "/ho-so-thi-dua/nhap") => {
                let mut c = Case::new("/ho-so-thi-dua/nhap", S::OK);
                c.body = Body::Multipart(vec![
                    Part::text("agency_id", &self.agency(v).to_string()),
                    Part::file("file", "ho-so.xlsx", self.records_file()),
                ]);
                c
            }
            ("POST", "/ho-so-thi-dua/nhap/xac-nhan") => {
                let owner = match (v, self.caller.username) {
                    (Variant::In | Variant::OutTarget, u) => u,
                    (_, Some("vanphong")) => Some("lanhdao"),
                    _ => Some("vanphong"),
                };
                let id = self
                    .app
                    .put_file(owner, "ho-so.xlsx", &self.records_file())
                    .await
                    .to_string();
                let agency = self
                    .agency(if v == Variant::OutTarget {
                        Variant::Out
                    } else {
                        Variant::In
                    })
                    .to_string();
                Case::new("/ho-so-thi-dua/nhap/xac-nhan", S::SEE_OTHER)
                    .form(&[("file_id", &id), ("agency_id", &agency)])
            }
            ("GET", "/xet-khen-thuong") => Case::new("/xet-khen-thuong", S::OK),
            ("GET", "/xet-khen-thuong/xuat.xlsx") => Case::new("/xet-khen-thuong/xuat.xlsx", S::OK),
            ("GET", "/co-quan") => Case::new("/co-quan", S::OK),
            ("GET", "/co-quan/{id}") => Case::new(format!("/co-quan/{}", self.agency(v)), S::OK),
            ("POST", "/co-quan/{id}/doi-ten") => {
                // A later day each time: a name's history only grows forward.
                let n = self.fresh("").parse::<i32>().unwrap();
                let (on, name) = (
                    format!("01/01/{}", 2030 + n),
                    format!("Sở Khoa học và Truyền thông {n}"),
                );
                Case::new(format!("/co-quan/{}/doi-ten", self.agency(v)), S::SEE_OTHER).form(&[
                    ("name", &name),
                    ("header_name", "SỞ KHOA HỌC, CÔNG NGHỆ VÀ TRUYỀN THÔNG"),
                    ("effective_on", &on),
                ])
            }
            ("POST", "/co-quan/{id}/sap-nhap") => {
                let (from, into) = self.agency_merge(v).await;
                Case::new(format!("/co-quan/{from}/sap-nhap"), S::SEE_OTHER)
                    .form(&[("into", &into.to_string()), ("on", "01/12/2024")])
            }
            ("GET", "/api/v1/agencies") => Case::new("/api/v1/agencies", S::OK),
            ("GET", "/api/v1/agencies/{id}") => {
                Case::new(format!("/api/v1/agencies/{}", self.agency(v)), S::OK)
            }
            ("POST", "/api/v1/agencies/{id}/rename") => {
                let n = self.fresh("").parse::<i32>().unwrap();
                let (on, name) = (
                    format!("{}-01-01", 2030 + n),
                    format!("Sở Khoa học và Truyền thông {n}"),
                );
                Case::new(format!("/api/v1/agencies/{}/rename", self.agency(v)), S::OK).json(
                    json!({ "name": name,
                            "header_name": "SỞ KHOA HỌC, CÔNG NGHỆ VÀ TRUYỀN THÔNG", "effective_on": on }),
                )
            }
            ("POST", "/api/v1/agencies/{id}/merge") => {
                let (from, into) = self.agency_merge(v).await;
                Case::new(format!("/api/v1/agencies/{from}/merge"), S::OK)
                    .json(json!({ "into_id": into, "on": "2024-12-01" }))
            }
            ("GET", "/quan-tri/tai-khoan") => Case::new("/quan-tri/tai-khoan", S::OK),
            ("POST", "/quan-tri/tai-khoan") => {
                let username = self.fresh("taikhoan");
                let agency = self.agency(v).to_string();
                Case::new("/quan-tri/tai-khoan", S::SEE_OTHER).form(&[
                    ("username", &username),
                    ("display_name", "Tài khoản mới"),
                    ("password", "mat-khau-ban-dau"),
                    ("role", "lanh_dao"),
                    ("agency_id", &agency),
                ])
            }
            ("POST", "/quan-tri/tai-khoan/{id}/khoa")
            | ("POST", "/quan-tri/tai-khoan/{id}/vai-tro") => {
                let username = self.fresh("nguoidung");
                let agency = self.agency(if v == Variant::Out {
                    Variant::Out
                } else {
                    Variant::In
                });
                let id = self
                    .app
                    .fresh_user(&username, Role::HoiDong, Some(agency), None, None)
                    .await;
                let in_agency = self
                    .agency(if v == Variant::OutTarget {
                        Variant::Out
                    } else {
                        Variant::In
                    })
                    .to_string();
                if spec.path.ends_with("khoa") {
                    Case::new(format!("/quan-tri/tai-khoan/{id}/khoa"), S::SEE_OTHER).form(&[])
                } else {
                    Case::new(format!("/quan-tri/tai-khoan/{id}/vai-tro"), S::SEE_OTHER)
                        .form(&[("role", "lanh_dao"), ("agency_id", &in_agency)])
                }
            }
            ("GET", "/nhat-ky") => Case::new("/nhat-ky", S::OK),
            ("GET", "/api/v1/me") => Case::new("/api/v1/me", S::OK),
            ("GET", "/api/v1/units") => Case::new("/api/v1/units", S::OK),
            ("POST", "/api/v1/units") => {
                let code = self.fresh("API");
                Case::new("/api/v1/units", S::CREATED).json(
                    json!({ "code": code, "name": "Phòng qua API", "agency_id": self.agency(v) }),
                )
            }
            ("GET", "/api/v1/units/{id}") => {
                Case::new(format!("/api/v1/units/{}", self.unit(v)), S::OK)
            }
            ("PUT", "/api/v1/units/{id}") => {
                let key = self.unit_key(v);
                Case::new(format!("/api/v1/units/{}", self.unit(v)), S::OK).json(json!({
                    "code": self.unit_code(key),
                    "name": "Tên mới qua API",
                    "parent_code": self.unit_parent_code(key),
                }))
            }
            ("GET", "/api/v1/people") => Case::new("/api/v1/people", S::OK),
            ("POST", "/api/v1/people") => {
                let code = self.fresh("APICB");
                Case::new("/api/v1/people", S::CREATED).json(json!({
                    "code": code, "full_name": "Bùi Văn Khoa", "category": "vien_chuc",
                    "unit_id": self.unit(v),
                }))
            }
            ("POST", "/api/v1/people/import") => {
                let file = self.import_file();
                let mut c = Case::new(
                    format!("/api/v1/people/import?agency_id={}", self.agency(v)),
                    S::OK,
                );
                c.body = Body::Xlsx(file);
                c
            }
            ("GET", "/api/v1/people/{id}") => {
                Case::new(format!("/api/v1/people/{}", self.person(v)), S::OK)
            }
            ("PUT", "/api/v1/people/{id}") => {
                let id = self.person(v);
                let p = tdkt_store::people::person(&self.app.db, id).await.unwrap();
                Case::new(format!("/api/v1/people/{id}"), S::OK).json(json!({
                    "code": p.code, "full_name": p.full_name, "category": p.category,
                    "position": "Chuyên viên chính",
                }))
            }
            ("GET", "/giay-khen/hieu-chinh") => Case::new("/giay-khen/hieu-chinh", S::OK),
            ("POST", "/giay-khen/hieu-chinh") => Case::new("/giay-khen/hieu-chinh", S::SEE_OTHER)
                .form(&[("offset_x_mm", "1,5"), ("offset_y_mm", "-2")]),
            ("GET", "/giay-khen/hieu-chinh/trang-thu.pdf") => {
                Case::new("/giay-khen/hieu-chinh/trang-thu.pdf", S::OK)
            }
            ("GET", "/ho-so/khen-thuong/{id}/giay-khen/{mode}") => {
                let person = self.person(v);
                let ctx = self.app.ctx("test");
                let mut tx = self.app.db.begin().await.unwrap();
                let award = tdkt_store::records::NewAward {
                    person_id: Some(person),
                    code: "GK",
                    kind: "cong_trang",
                    decided_on: Some(time::macros::date!(2024 - 12 - 20)),
                    decision_no: Some("120/QĐ-KHCN"),
                    ..Default::default()
                };
                let id = tdkt_store::records::add_award(
                    &mut tx,
                    &ctx,
                    tdkt_store::records::Audit::Yes,
                    &award,
                )
                .await
                .unwrap();
                tx.commit().await.unwrap();
                // A Giấy khen is signed by the agency's director: make the recipient one.
                crate::harness::dump::exec_at(
                    &self.app.db,
                    &format!("UPDATE person SET position = 'Giám đốc Sở' WHERE id = {person} AND (updated_at <= $1 OR updated_at > $1)"),
                    self.app.clock.now(),
                )
                .await;
                Case::new(format!("/ho-so/khen-thuong/{id}/giay-khen/word"), S::OK)
            }
            ("GET", "/ke-hoach") => Case::new("/ke-hoach", S::OK),
            ("POST", "/ke-hoach") => {
                let year = (2040 + self.fresh("").parse::<i32>().unwrap()).to_string();
                let agency = self.agency(v).to_string();
                Case::new("/ke-hoach", S::SEE_OTHER)
                    .form(&[("year", &year), ("agency_id", &agency)])
            }
            ("GET", "/ke-hoach/{id}") => {
                let id = self.plan(self.agency(v), true).await;
                Case::new(format!("/ke-hoach/{id}"), S::OK)
            }
            ("GET", "/ke-hoach/{id}/sua") => {
                let id = self.plan(self.agency(v), true).await;
                Case::new(format!("/ke-hoach/{id}/sua"), S::OK)
            }
            ("POST", "/ke-hoach/{id}") => {
                let id = self.plan(self.agency(v), true).await;
                Case::new(format!("/ke-hoach/{id}"), S::SEE_OTHER).form(&[
                    ("summary", "Phát động phong trào thi đua"),
                    ("place", "Bắc Giang"),
                    ("issuing_body", "SỞ KHOA HỌC VÀ CÔNG NGHỆ"),
                    ("signer_position", "GIÁM ĐỐC"),
                    ("signer_name", "Nguyễn Văn Thành"),
                    ("block_kind", "h1"),
                    ("block_number", "I."),
                    ("block_text", "MỤC ĐÍCH, YÊU CẦU"),
                ])
            }
            ("POST", "/ke-hoach/{id}/phat-dong") => {
                let id = self.plan(self.agency(v), false).await;
                Case::new(format!("/ke-hoach/{id}/phat-dong"), S::SEE_OTHER).form(&[])
            }
            ("GET", "/ke-hoach/{id}/tai-ve/{format}") => {
                let id = self.plan(self.agency(v), true).await;
                Case::new(format!("/ke-hoach/{id}/tai-ve/docx"), S::OK)
            }
            ("GET", "/can-bo/{id}/bao-cao-thanh-tich") => Case::new(
                format!("/can-bo/{}/bao-cao-thanh-tich", self.person(v)),
                S::OK,
            ),
            ("POST", "/can-bo/{id}/bao-cao-thanh-tich") => Case::new(
                format!("/can-bo/{}/bao-cao-thanh-tich", self.person(v)),
                S::SEE_OTHER,
            )
            .form(&[
                ("year", "2024"),
                ("proposal", "danh hiệu Lao động tiên tiến năm 2024"),
                ("duties", "Chuyên viên."),
                ("achievements", "Hoàn thành tốt nhiệm vụ."),
            ]),
            ("GET", "/can-bo/{id}/bao-cao-thanh-tich/tai-ve/{format}") => {
                let id = self.person(v);
                // Mẫu 03 needs gender, ethnicity and hometown on record.
                crate::harness::dump::exec_at(
                    &self.app.db,
                    "UPDATE person SET ethnicity = COALESCE(ethnicity, 'Kinh'), gender = COALESCE(gender, 'nam'),
                        hometown = COALESCE(hometown, 'Bắc Giang') WHERE updated_at <= $1 OR updated_at > $1",
                    self.app.clock.now(),
                )
                .await;
                Case::new(
                    format!("/can-bo/{id}/bao-cao-thanh-tich/tai-ve/docx?nam=2024"),
                    S::OK,
                )
            }
            ("GET", "/don-vi/{id}/bao-cao-thanh-tich") => Case::new(
                format!("/don-vi/{}/bao-cao-thanh-tich", self.unit(v)),
                S::OK,
            ),
            ("POST", "/don-vi/{id}/bao-cao-thanh-tich") => Case::new(
                format!("/don-vi/{}/bao-cao-thanh-tich", self.unit(v)),
                S::SEE_OTHER,
            )
            .form(&[
                ("year", "2024"),
                ("proposal", "danh hiệu Tập thể lao động tiên tiến năm 2024"),
                ("functions", "Tham mưu quản lý khoa học."),
                ("achievements", "Hoàn thành tốt nhiệm vụ."),
            ]),
            ("GET", "/don-vi/{id}/bao-cao-thanh-tich/tai-ve/{format}") => Case::new(
                format!(
                    "/don-vi/{}/bao-cao-thanh-tich/tai-ve/docx?nam=2024",
                    self.unit(v)
                ),
                S::OK,
            ),
            ("GET", "/api/v1/people/{id}/verdicts") => {
                Case::new(format!("/api/v1/people/{}/verdicts", self.person(v)), S::OK)
            }
            ("GET", "/api/v1/verdicts") => Case::new("/api/v1/verdicts", S::OK),
            ("GET", "/phong-trao") => {
                let id = self.plan(self.agency(Variant::In), true).await;
                let year = tdkt_store::plans::plan(&self.app.db, id)
                    .await
                    .unwrap()
                    .year;
                Case::new(format!("/phong-trao?nam={year}"), S::OK)
            }
            ("GET", "/thong-bao") => Case::new("/thong-bao", S::OK),
            ("GET", "/thong-bao/dem") => Case::new("/thong-bao/dem", S::OK),
            ("POST", "/thong-bao/da-doc-het") => {
                Case::new("/thong-bao/da-doc-het", S::SEE_OTHER).form(&[])
            }
            ("POST", "/thong-bao/{id}/da-doc") => {
                let owner = match (v, self.caller.username) {
                    (Variant::In, Some(u)) => u,
                    (_, Some("lanhdao")) => "vanphong",
                    _ => "lanhdao",
                };
                let id = self.notification_for(owner).await;
                Case::new(format!("/thong-bao/{id}/da-doc"), S::SEE_OTHER).form(&[])
            }
            ("POST", "/tai-khoan/email") => {
                let email = format!("{}@khcn.bacgiang.gov.vn", self.fresh("hop-thu"));
                Case::new("/tai-khoan/email", S::SEE_OTHER).form(&[("email", &email)])
            }
            ("POST", "/tai-khoan/lich") => Case::new("/tai-khoan/lich", S::OK).form(&[]),
            // A public route: the secret address is the key, whoever calls.
            ("GET", "/lich/{file}") => {
                let (token, hash) = tdkt_store::users::new_token();
                let mut tx = self.app.db.begin().await.unwrap();
                tdkt_store::notify::set_calendar_token(
                    &mut tx,
                    &self.app.ctx("canbo"),
                    self.app.world.user("canbo"),
                    &hash,
                )
                .await
                .unwrap();
                tx.commit().await.unwrap();
                Case::new(format!("/lich/{token}.ics"), S::OK)
            }
            ("GET", "/quan-tri/thu-dien-tu") => Case::new("/quan-tri/thu-dien-tu", S::OK),
            ("POST", "/quan-tri/thu-dien-tu/{id}/gui-lai") => {
                let id = self.failed_email(self.agency(v)).await;
                Case::new(format!("/quan-tri/thu-dien-tu/{id}/gui-lai"), S::SEE_OTHER).form(&[])
            }
            (m, p) if walk_reports::covers(m, p) => self.prepare_reports(spec, v).await,
            (m, p) if walk_registrations::covers(m, p) => self.prepare_registrations(spec, v).await,
            (m, p) => panic!(
                "the authorization walk has no case for {m} {p}: add one to prepare() in crates/web/tests/it/walk.rs"
            ),
        }
    }

    async fn send(&mut self, method: &Method, case: Case) -> Resp {
        let mut client = match &case.session {
            Some((token, csrf)) => {
                let mut c = self.app.client();
                c.cookies
                    .insert(crate::harness::client::SESSION_COOKIE.into(), token.clone());
                c.csrf = Some(csrf.clone());
                c
            }
            None => self.client.clone(),
        };
        let req = client.request(method.clone(), &case.path);
        let req = match case.body {
            Body::None => req,
            Body::Form(f) => req.form_owned(f),
            Body::Json(v) => req.json(v),
            Body::Multipart(parts) => req.multipart(parts),
            Body::Xlsx(data) => req.raw(
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                data,
            ),
        };
        let r = req.send().await;
        if case.session.is_none() {
            self.client = client;
        }
        r
    }
}

/// What the policy says this caller gets from this route for this variant.
fn expected(spec: &RouteSpec, caller: &Caller, v: Variant, success: StatusCode) -> Expect {
    let Access::Signed(perm) = spec.access else {
        return Expect::Status(success);
    };
    let Some(role) = caller.role else {
        return if spec.path.starts_with("/api/") {
            Expect::Status(StatusCode::UNAUTHORIZED)
        } else {
            Expect::LoginRedirect
        };
    };
    if !role.allows(perm) {
        Expect::Status(StatusCode::FORBIDDEN)
    } else if v == Variant::Out || v == Variant::OutTarget {
        Expect::Status(StatusCode::NOT_FOUND)
    } else if let Some(s) = editors_only(spec, caller, role) {
        Expect::Status(s)
    } else {
        Expect::Status(success)
    }
}

/// Routes whose writers are fewer than their readers: an achievement report is written by the
/// person (or the Office), a unit's by its head (or the Office); other readers get 403.
fn editors_only(spec: &RouteSpec, caller: &Caller, role: Role) -> Option<StatusCode> {
    let writes = |p: &str| spec.method == Method::POST && spec.path == p;
    // A merger takes two agencies in reach: only a province-wide administrator has two (an
    // agency's administrator meets the other agency as out of reach).
    if writes("/co-quan/{id}/sap-nhap") || writes("/api/v1/agencies/{id}/merge") {
        return caller.agency_out.is_some().then_some(StatusCode::NOT_FOUND);
    }
    let allowed = if writes("/can-bo/{id}/bao-cao-thanh-tich") {
        role == Role::VanPhong || (role == Role::CanBo && caller.person_in == "KHCN031")
    } else if writes("/don-vi/{id}/bao-cao-thanh-tich") {
        matches!(role, Role::VanPhong | Role::TruongDonVi)
    } else {
        return None;
    };
    (!allowed).then_some(StatusCode::FORBIDDEN)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    Status(StatusCode),
    LoginRedirect,
}

impl Expect {
    fn matches(self, r: &Resp) -> bool {
        match self {
            Expect::Status(s) => r.status == s,
            Expect::LoginRedirect => r.is_login_redirect(),
        }
    }

    /// A refusal: the business data must not change.
    fn is_refusal(self) -> bool {
        match self {
            Expect::LoginRedirect => true,
            Expect::Status(s) => {
                matches!(s.as_u16(), 401 | 403 | 404)
            }
        }
    }
}

async fn walk(name: &str) {
    let app = TestApp::new().await;
    let caller = caller(name);
    let client = match caller.username {
        Some(u) => app.login(u).await,
        None => app.client(),
    };
    let mut w = Walk {
        app,
        caller,
        client,
        seq: 0,
    };
    let mut failures = Vec::new();
    let mut requests = 0;
    for spec in route_table() {
        for &v in variants(&spec) {
            if v != Variant::In && v != Variant::Only && !w.has_out(&spec, v) {
                continue;
            }
            let case = w.prepare(&spec, v).await;
            let expect = expected(&spec, &w.caller, v, case.success);
            let path = case.path.clone();
            let check_unchanged = expect.is_refusal() || spec.method == Method::GET;
            let before = if check_unchanged {
                Some(w.app.digest().await)
            } else {
                None
            };
            let r = w.send(&spec.method, case).await;
            requests += 1;
            if std::env::var_os("TDKT_WALK_LOG").is_some() {
                eprintln!(
                    "{name}: {} {path} ({v:?}) → {} (expected {expect:?})",
                    spec.method, r.status
                );
            }
            if !expect.matches(&r) {
                failures.push(format!(
                    "{name}: {} {path} ({v:?}) expected {expect:?}, got {}",
                    spec.method,
                    r.describe().chars().take(300).collect::<String>()
                ));
            }
            if let Some(before) = before
                && w.app.digest().await != before
            {
                failures.push(format!(
                    "{name}: {} {path} ({v:?}) answered {} but changed business data",
                    spec.method, r.status
                ));
            }
        }
    }
    // The walk's own session survived it.
    if w.caller.username.is_some() {
        let r = w.client.get("/").send().await;
        assert_eq!(
            r.status,
            StatusCode::OK,
            "{name}: still signed in after the walk"
        );
    }
    assert!(
        requests > route_table().len(),
        "{name}: every route was tried"
    );
    assert!(
        failures.is_empty(),
        "{} of {requests} requests did not get what the policy says:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

macro_rules! walks {
    ($($test:ident => $caller:literal),* $(,)?) => {
        $(
            #[tokio::test]
            async fn $test() {
                walk($caller).await;
            }
        )*
    };
}

walks! {
    walk_anonymous => "anonymous",
    walk_admin => "admin",
    walk_lanh_dao => "lanhdao",
    walk_van_phong => "vanphong",
    walk_hoi_dong => "hoidong",
    walk_truong_don_vi => "truongphong",
    walk_can_bo => "canbo",
    walk_another_units_head => "truongphong.qlkh",
    walk_another_agencys_office => "vanphong.tttt",
    walk_another_agencys_admin => "admin.tttt",
}
