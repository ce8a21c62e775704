//! Every route of the application and what it requires: the one policy table.
//!
//! The router is built from [`table`], and each route's [`Access`] is enforced by a layer before
//! the handler runs (anonymous: 303 to the login page, or 401 under `/api/`; a role without the
//! permission: 403). Object reach is each handler's duty (404). The authorization walk test reads
//! [`route_table`] and tries every route with every role.

use axum::Router;
use axum::extract::{Request, State};
use axum::handler::Handler;
use axum::http::{Method, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{MethodRouter, delete, get, post, put};
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;

use tdkt_domain::policy::Perm;

use crate::auth::{CurrentUser, csrf, session};
use crate::error::{ApiError, AppError};
use crate::state::AppState;
use crate::{api, assets, pages};

/// What a route requires.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone, signed in or not.
    Public,
    /// A signed-in caller whose role has this permission.
    Signed(Perm),
}

/// A route as the policy table lists it.
#[derive(Debug, Clone)]
pub struct RouteSpec {
    pub method: Method,
    pub path: &'static str,
    pub access: Access,
}

type Route = (RouteSpec, MethodRouter<AppState>);

fn r<H, T>(method: Method, path: &'static str, access: Access, handler: H) -> Route
where
    H: Handler<T, AppState>,
    T: 'static,
{
    let mr = match method {
        Method::GET => get(handler),
        Method::POST => post(handler),
        Method::PUT => put(handler),
        Method::DELETE => delete(handler),
        _ => unreachable!("the table uses GET, POST, PUT and DELETE"),
    };
    (
        RouteSpec {
            method,
            path,
            access,
        },
        mr,
    )
}

#[rustfmt::skip]
/// The table. Paths are Vietnamese for pages (what users see in the address bar), English under `/api/v1`.
fn table() -> Vec<Route> {
    use Access::{Public, Signed};
    use Method as M;
    use Perm::*;
    vec![
        r(M::GET, "/healthz", Public, pages::system::healthz),
        r(M::GET, "/static/{*path}", Public, assets::serve),
        r(M::GET, "/api/openapi.json", Public, api::openapi_json),
        r(M::GET, "/dang-nhap", Public, pages::login::form),
        r(M::POST, "/dang-nhap", Public, pages::login::submit),
        r(M::POST, "/dang-xuat", Public, pages::login::logout),
        r(M::GET, "/", Signed(ViewDashboard), pages::dashboard::show),
        // Account
        r(M::GET, "/tai-khoan", Signed(ViewDashboard), pages::account::show),
        r(M::POST, "/tai-khoan/mat-khau", Signed(ViewDashboard), pages::account::change_password),
        r(M::POST, "/tai-khoan/token", Signed(ViewDashboard), pages::account::create_token),
        r(M::POST, "/tai-khoan/token/{id}/thu-hoi", Signed(ViewDashboard), pages::account::revoke_token),
        // Units
        r(M::GET, "/don-vi", Signed(ViewUnits), pages::units::list),
        r(M::GET, "/don-vi/xuat.xlsx", Signed(ViewUnits), pages::units::export),
        r(M::GET, "/don-vi/moi", Signed(ManageUnits), pages::units::new_form),
        r(M::POST, "/don-vi", Signed(ManageUnits), pages::units::create),
        r(M::GET, "/don-vi/{id}", Signed(ViewUnits), pages::units::show),
        r(M::GET, "/don-vi/{id}/sua", Signed(ManageUnits), pages::units::edit_form),
        r(M::POST, "/don-vi/{id}", Signed(ManageUnits), pages::units::update),
        r(M::POST, "/don-vi/{id}/sap-nhap", Signed(ManageUnits), pages::units::merge),
        // People
        r(M::GET, "/can-bo", Signed(ViewPeople), pages::people::list),
        r(M::GET, "/can-bo/xuat.xlsx", Signed(ViewPeople), pages::people::export),
        r(M::GET, "/can-bo/moi", Signed(ManagePeople), pages::people::new_form),
        r(M::POST, "/can-bo", Signed(ManagePeople), pages::people::create),
        r(M::GET, "/can-bo/nhap", Signed(ImportPeople), pages::import::form),
        r(M::GET, "/can-bo/nhap/mau.xlsx", Signed(ImportPeople), pages::import::template),
        r(M::POST, "/can-bo/nhap", Signed(ImportPeople), pages::import::upload),
        r(M::POST, "/can-bo/nhap/xac-nhan", Signed(ImportPeople), pages::import::confirm),
        r(M::GET, "/can-bo/{id}", Signed(ViewPeople), pages::people::show),
        r(M::GET, "/can-bo/{id}/sua", Signed(ManagePeople), pages::people::edit_form),
        r(M::POST, "/can-bo/{id}", Signed(ManagePeople), pages::people::update),
        r(M::POST, "/can-bo/{id}/chuyen", Signed(ManagePeople), pages::people::transfer),
        // Records the rule engine reads
        r(M::POST, "/can-bo/{id}/ho-so/{kind}", Signed(ManageRecords), pages::records::add_for_person),
        r(M::POST, "/can-bo/{id}/xep-loai/{year}/xoa", Signed(ManageRecords), pages::records::delete_person_rating),
        r(M::POST, "/don-vi/{id}/ho-so/{kind}", Signed(ManageRecords), pages::records::add_for_unit),
        r(M::POST, "/ho-so/{kind}/{id}/xoa", Signed(ManageRecords), pages::records::delete),
        r(M::POST, "/ho-so/vu-viec/{id}/ket-thuc", Signed(ManageRecords), pages::records::close_pending),
        r(M::GET, "/ho-so-thi-dua/nhap", Signed(ManageRecords), pages::records::import_form),
        r(M::GET, "/ho-so-thi-dua/nhap/mau.xlsx", Signed(ManageRecords), pages::records::import_template),
        r(M::POST, "/ho-so-thi-dua/nhap", Signed(ManageRecords), pages::records::import_upload),
        r(M::POST, "/ho-so-thi-dua/nhap/xac-nhan", Signed(ManageRecords), pages::records::import_confirm),
        // Achievement reports (Mẫu 03, Mẫu 02)
        r(M::GET, "/can-bo/{id}/bao-cao-thanh-tich", Signed(ViewPeople), pages::achievement::person_form),
        r(M::POST, "/can-bo/{id}/bao-cao-thanh-tich", Signed(ViewPeople), pages::achievement::person_save),
        r(M::GET, "/can-bo/{id}/bao-cao-thanh-tich/tai-ve/{format}", Signed(ViewPeople), pages::achievement::person_download),
        r(M::GET, "/don-vi/{id}/bao-cao-thanh-tich", Signed(ViewUnits), pages::achievement::unit_form),
        r(M::POST, "/don-vi/{id}/bao-cao-thanh-tich", Signed(ViewUnits), pages::achievement::unit_save),
        r(M::GET, "/don-vi/{id}/bao-cao-thanh-tich/tai-ve/{format}", Signed(ViewUnits), pages::achievement::unit_download),
        // Certificates (Giấy khen)
        r(M::GET, "/giay-khen/hieu-chinh", Signed(ManageRecords), pages::certificates::form),
        r(M::POST, "/giay-khen/hieu-chinh", Signed(ManageRecords), pages::certificates::save),
        r(M::GET, "/giay-khen/hieu-chinh/trang-thu.pdf", Signed(ManageRecords), pages::certificates::test_page),
        r(M::GET, "/ho-so/khen-thuong/{id}/giay-khen/{mode}", Signed(ManageRecords), pages::certificates::print),
        // Plans
        r(M::GET, "/ke-hoach", Signed(ViewDashboard), pages::plans::list),
        r(M::POST, "/ke-hoach", Signed(ManagePlans), pages::plans::create),
        r(M::GET, "/ke-hoach/{id}", Signed(ViewDashboard), pages::plans::show),
        r(M::GET, "/ke-hoach/{id}/sua", Signed(ManagePlans), pages::plans::edit_form),
        r(M::POST, "/ke-hoach/{id}", Signed(ManagePlans), pages::plans::update),
        r(M::POST, "/ke-hoach/{id}/phat-dong", Signed(ManagePlans), pages::plans::publish),
        r(M::GET, "/ke-hoach/{id}/tai-ve/{format}", Signed(ViewDashboard), pages::plans::download),
        // The launched plan for everyone; notifications and reminders; the private calendar feed
        r(M::GET, "/phong-trao", Signed(ViewDashboard), pages::deadlines::movements),
        r(M::GET, "/thong-bao", Signed(ViewDashboard), pages::notifications::list),
        r(M::GET, "/thong-bao/dem", Signed(ViewDashboard), pages::notifications::count),
        r(M::POST, "/thong-bao/da-doc-het", Signed(ViewDashboard), pages::notifications::mark_all_read),
        r(M::POST, "/thong-bao/{id}/da-doc", Signed(ViewDashboard), pages::notifications::mark_read),
        r(M::POST, "/tai-khoan/email", Signed(ViewDashboard), pages::notifications::set_email),
        r(M::POST, "/tai-khoan/lich", Signed(ViewDashboard), pages::notifications::new_calendar),
        // The secret address is the key: no session (an unknown one is 404).
        r(M::GET, "/lich/{file}", Public, pages::notifications::feed),
        r(M::GET, "/quan-tri/thu-dien-tu", Signed(ManageUsers), pages::notifications::queue),
        r(M::POST, "/quan-tri/thu-dien-tu/{id}/gui-lai", Signed(ManageUsers), pages::notifications::retry),
        // Registrations (đăng ký thi đua) with measurable targets, progress and evidence
        r(M::GET, "/dang-ky", Signed(Register), pages::registrations::mine),
        r(M::POST, "/dang-ky", Signed(Register), pages::registrations::save_mine),
        r(M::GET, "/dang-ky/tong-hop", Signed(ViewMovement), pages::registrations::summary),
        r(M::GET, "/dang-ky/tong-hop/xuat.xlsx", Signed(ViewMovement), pages::registrations::summary_export),
        r(M::GET, "/dang-ky/don-vi/{id}", Signed(ViewMovement), pages::registrations::unit),
        r(M::POST, "/dang-ky/don-vi/{id}", Signed(SubmitUnitItems), pages::registrations::save_unit),
        r(M::GET, "/dang-ky/don-vi/{id}/xuat.xlsx", Signed(ViewMovement), pages::registrations::unit_export),
        r(M::GET, "/dang-ky/{id}", Signed(Register), pages::registrations::show),
        r(M::GET, "/dang-ky/{id}/tai-ve/{format}", Signed(Register), pages::registrations::download),
        r(M::POST, "/dang-ky/{id}/gui", Signed(Register), pages::registrations::submit),
        r(M::POST, "/dang-ky/{id}/duyet", Signed(ReviewRegistrations), pages::registrations::approve),
        r(M::POST, "/dang-ky/{id}/tra-lai", Signed(ReviewRegistrations), pages::registrations::return_back),
        r(M::POST, "/dang-ky/{id}/mo-lai", Signed(ManageMovement), pages::registrations::reopen),
        r(M::GET, "/chi-tieu/{id}", Signed(Register), pages::progress::show),
        r(M::POST, "/chi-tieu/{id}/tien-do", Signed(Register), pages::progress::add),
        r(M::GET, "/minh-chung/{id}", Signed(Register), pages::progress::download),
        // Review reports (sơ kết, tổng kết), the Office's dashboard of the movement, the province's overview
        r(M::GET, "/bao-cao", Signed(ViewMovement), pages::reports::current),
        r(M::GET, "/ke-hoach/{id}/bao-cao", Signed(ViewMovement), pages::reports::list),
        r(M::GET, "/ke-hoach/{id}/bao-cao/xuat.xlsx", Signed(ViewMovement), pages::reports::export),
        r(M::POST, "/ke-hoach/{id}/bao-cao", Signed(SubmitUnitItems), pages::reports::start),
        r(M::GET, "/ke-hoach/{id}/bao-cao-tong-hop/{kind}/{format}", Signed(ManageMovement), pages::reports::consolidated),
        r(M::GET, "/bao-cao/{id}", Signed(ViewMovement), pages::reports::show),
        r(M::POST, "/bao-cao/{id}", Signed(SubmitUnitItems), pages::reports::save),
        r(M::POST, "/bao-cao/{id}/gui", Signed(SubmitUnitItems), pages::reports::submit),
        r(M::POST, "/bao-cao/{id}/tiep-nhan", Signed(ManageMovement), pages::reports::accept),
        r(M::POST, "/bao-cao/{id}/tra-lai", Signed(ManageMovement), pages::reports::return_report),
        r(M::GET, "/theo-doi", Signed(ViewMovement), pages::movement_dashboard::current),
        r(M::GET, "/ke-hoach/{id}/theo-doi", Signed(ViewMovement), pages::movement_dashboard::show),
        r(M::GET, "/ke-hoach/{id}/theo-doi/xuat.xlsx", Signed(ViewMovement), pages::movement_dashboard::export),
        r(M::GET, "/theo-doi-toan-tinh", Signed(ViewAgencies), pages::movement_dashboard::province),
        r(M::GET, "/theo-doi-toan-tinh/xuat.xlsx", Signed(ViewAgencies), pages::movement_dashboard::province_export),
        // Verdicts of the rule engine (the office's table; unit heads see their subtree, staff themselves)
        r(M::GET, "/xet-khen-thuong", Signed(ViewRecords), pages::verdicts::show),
        r(M::GET, "/xet-khen-thuong/xuat.xlsx", Signed(ViewRecords), pages::verdicts::export),
        // Administration
        r(M::GET, "/co-quan", Signed(ViewAgencies), pages::admin::agencies),
        r(M::GET, "/co-quan/{id}", Signed(ViewAgencies), pages::agencies::show),
        r(M::POST, "/co-quan/{id}/doi-ten", Signed(ManageAgencies), pages::agencies::rename),
        r(M::POST, "/co-quan/{id}/sap-nhap", Signed(ManageAgencies), pages::agencies::merge),
        r(M::GET, "/quan-tri/tai-khoan", Signed(ManageUsers), pages::admin::users),
        r(M::POST, "/quan-tri/tai-khoan", Signed(ManageUsers), pages::admin::create_user),
        r(M::POST, "/quan-tri/tai-khoan/{id}/khoa", Signed(ManageUsers), pages::admin::toggle_user),
        r(M::POST, "/quan-tri/tai-khoan/{id}/vai-tro", Signed(ManageUsers), pages::admin::add_role),
        r(M::GET, "/nhat-ky", Signed(ViewAudit), pages::admin::audit),
        // JSON API
        r(M::GET, "/api/v1/me", Signed(ViewDashboard), api::me::show),
        r(M::GET, "/api/v1/agencies", Signed(ViewAgencies), api::agencies::list),
        r(M::GET, "/api/v1/agencies/{id}", Signed(ViewAgencies), api::agencies::show),
        r(M::POST, "/api/v1/agencies/{id}/rename", Signed(ManageAgencies), api::agencies::rename),
        r(M::POST, "/api/v1/agencies/{id}/merge", Signed(ManageAgencies), api::agencies::merge),
        r(M::GET, "/api/v1/units", Signed(ViewUnits), api::units::list),
        r(M::POST, "/api/v1/units", Signed(ManageUnits), api::units::create),
        r(M::GET, "/api/v1/units/{id}", Signed(ViewUnits), api::units::show),
        r(M::PUT, "/api/v1/units/{id}", Signed(ManageUnits), api::units::update),
        r(M::GET, "/api/v1/people", Signed(ViewPeople), api::people::list),
        r(M::POST, "/api/v1/people", Signed(ManagePeople), api::people::create),
        r(M::POST, "/api/v1/people/import", Signed(ImportPeople), api::people::import),
        r(M::GET, "/api/v1/people/{id}", Signed(ViewPeople), api::people::show),
        r(M::PUT, "/api/v1/people/{id}", Signed(ManagePeople), api::people::update),
        r(M::GET, "/api/v1/registrations", Signed(Register), api::registrations::list),
        r(M::POST, "/api/v1/registrations", Signed(Register), api::registrations::save),
        r(M::GET, "/api/v1/registrations/{id}", Signed(Register), api::registrations::show),
        r(M::POST, "/api/v1/registrations/{id}/submit", Signed(Register), api::registrations::submit),
        r(M::POST, "/api/v1/registrations/{id}/approve", Signed(ReviewRegistrations), api::registrations::approve),
        r(M::POST, "/api/v1/registrations/{id}/return", Signed(ReviewRegistrations), api::registrations::return_back),
        r(M::POST, "/api/v1/registrations/{id}/reopen", Signed(ManageMovement), api::registrations::reopen),
        r(M::GET, "/api/v1/registration-rates", Signed(ViewMovement), api::registrations::rates),
        r(M::GET, "/api/v1/targets/{id}", Signed(Register), api::registrations::target),
        r(M::POST, "/api/v1/targets/{id}/progress", Signed(Register), api::registrations::add_progress),
        r(M::GET, "/api/v1/people/{id}/verdicts", Signed(ViewRecords), api::verdicts::person),
        r(M::GET, "/api/v1/verdicts", Signed(ViewRecords), api::verdicts::list),
        r(M::GET, "/api/v1/plans/{id}/reports", Signed(ViewMovement), api::reports::list),
        r(M::POST, "/api/v1/plans/{id}/reports", Signed(SubmitUnitItems), api::reports::start),
        r(M::GET, "/api/v1/plans/{id}/dashboard", Signed(ViewMovement), api::reports::dashboard),
        r(M::GET, "/api/v1/reports/{id}", Signed(ViewMovement), api::reports::show),
        r(M::PUT, "/api/v1/reports/{id}", Signed(SubmitUnitItems), api::reports::update),
        r(M::POST, "/api/v1/reports/{id}/submit", Signed(SubmitUnitItems), api::reports::submit),
        r(M::POST, "/api/v1/reports/{id}/accept", Signed(ManageMovement), api::reports::accept),
        r(M::POST, "/api/v1/reports/{id}/return", Signed(ManageMovement), api::reports::return_report),
        r(M::GET, "/api/v1/overview", Signed(ViewAgencies), api::reports::overview),
    ]
}

/// The policy table, for tests and documentation.
pub fn route_table() -> Vec<RouteSpec> {
    table().into_iter().map(|(s, _)| s).collect()
}

async fn require(State(access): State<Access>, req: Request, next: Next) -> Response {
    let Access::Signed(perm) = access else {
        return next.run(req).await;
    };
    let is_api = req.uri().path().starts_with("/api/");
    let auth = req
        .extensions()
        .get::<CurrentUser>()
        .and_then(|c| c.0.clone());
    match auth {
        None if is_api => ApiError(AppError::Unauthorized).into_response(),
        None => {
            let next_url = req
                .uri()
                .path_and_query()
                .map(|p| p.as_str())
                .unwrap_or("/");
            let target = if req.method() == Method::GET && next_url != "/" {
                format!(
                    "/dang-nhap?next={}",
                    url::form_urlencoded::byte_serialize(next_url.as_bytes()).collect::<String>()
                )
            } else {
                "/dang-nhap".to_owned()
            };
            Redirect::to(&target).into_response()
        }
        Some(a) if !a.actor.can(perm) => {
            if is_api {
                ApiError(AppError::Forbidden).into_response()
            } else {
                AppError::Forbidden.into_response()
            }
        }
        Some(_) => next.run(req).await,
    }
}

async fn not_found(req: Request) -> Response {
    if req.uri().path().starts_with("/api/") {
        ApiError(AppError::NotFound).into_response()
    } else {
        AppError::NotFound.into_response()
    }
}

/// The application: routes, their access checks, sessions, CSRF and the standard layers.
pub fn app(state: AppState) -> Router {
    let mut router: Router<AppState> = Router::new();
    for (spec, mr) in table() {
        let layered = mr.route_layer(middleware::from_fn_with_state(spec.access, require));
        router = router.route(spec.path, layered);
    }
    let max_body = state.config.max_upload + 2 * 1024 * 1024;
    router
        .fallback(not_found)
        .layer(middleware::from_fn_with_state(state.clone(), csrf::protect))
        .layer(middleware::from_fn_with_state(state.clone(), session::load))
        .layer(RequestBodyLimitLayer::new(max_body))
        .layer(SetResponseHeaderLayer::if_not_present(header::X_CONTENT_TYPE_OPTIONS, header::HeaderValue::from_static("nosniff")))
        .layer(SetResponseHeaderLayer::if_not_present(header::X_FRAME_OPTIONS, header::HeaderValue::from_static("DENY")))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::REFERRER_POLICY,
            header::HeaderValue::from_static("same-origin"),
        ))
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            header::HeaderValue::from_static("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'"),
        ))
        .layer(CatchPanicLayer::custom(|_| (StatusCode::INTERNAL_SERVER_ERROR, "Lỗi hệ thống").into_response()))
        .with_state(state)
}
