//! What pages share: the layout context (who is signed in, the navigation for their roles, the
//! CSRF token, a flash message), rendering, and formatting helpers used by templates.

use askama::Template;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use time::{Date, OffsetDateTime};

use tdkt_domain::policy::{Perm, Role};

use crate::auth::Auth;
use crate::state::AppState;

pub const FLASH_COOKIE: &str = "tdkt_flash";

/// One link of the navigation.
#[derive(Debug, Clone)]
pub struct NavItem {
    pub href: String,
    pub label: &'static str,
    pub active: bool,
}

/// The layout's context: every page has one.
#[derive(Debug, Clone)]
pub struct PageCtx {
    pub display_name: String,
    pub username: String,
    pub roles: Vec<&'static str>,
    pub nav: Vec<NavItem>,
    pub csrf: String,
    pub flash: Option<String>,
    pub today: String,
    pub demo: bool,
}

impl PageCtx {
    /// The context for a signed-in page; `path` marks the active navigation item.
    pub fn new(state: &AppState, auth: &Auth, headers: &HeaderMap, path: &str) -> PageCtx {
        let a = &auth.actor;
        let mut nav = vec![
            ("/".to_owned(), "Tổng quan"),
            ("/ke-hoach".to_owned(), "Kế hoạch"),
            ("/phong-trao".to_owned(), "Phong trào"),
        ];
        if a.can(Perm::ViewUnits) {
            nav.push(("/don-vi".into(), "Đơn vị"));
        }
        let staff_only = a.grants.iter().all(|g| g.role == Role::CanBo);
        if staff_only {
            if let Some(p) = a.person_id {
                nav.push((format!("/can-bo/{p}"), "Hồ sơ của tôi"));
            }
        } else if a.can(Perm::ViewPeople) {
            nav.push(("/can-bo".into(), "Cán bộ"));
        }
        if a.can(Perm::Register) {
            nav.push(("/dang-ky".into(), "Đăng ký thi đua"));
        }
        if a.can(Perm::ViewMovement) {
            nav.push(("/dang-ky/tong-hop".into(), "Tổng hợp đăng ký"));
        }
        if crate::verdicts::sees_table(auth) {
            nav.push(("/xet-khen-thuong".into(), "Xét khen thưởng"));
        }
        if a.can(Perm::ViewMovement) {
            nav.push(("/bao-cao".into(), "Báo cáo sơ kết, tổng kết"));
            nav.push(("/theo-doi".into(), "Theo dõi phong trào"));
        }
        if a.can(Perm::ViewAgencies) {
            nav.push(("/theo-doi-toan-tinh".into(), "Toàn tỉnh"));
        }
        if a.can(Perm::ImportPeople) {
            nav.push(("/can-bo/nhap".into(), "Nhập Excel"));
        }
        if a.can(Perm::ManageRecords) {
            nav.push(("/ho-so-thi-dua/nhap".into(), "Nhập hồ sơ thi đua"));
        }
        if a.can(Perm::ManageRecords) {
            nav.push(("/giay-khen/hieu-chinh".into(), "In giấy khen"));
        }
        if a.can(Perm::ViewAgencies) {
            nav.push(("/co-quan".into(), "Cơ quan"));
        }
        if a.can(Perm::ManageUsers) {
            nav.push(("/quan-tri/tai-khoan".into(), "Tài khoản"));
        }
        if a.can(Perm::ManageUsers) {
            nav.push(("/quan-tri/thu-dien-tu".into(), "Thư nhắc hạn"));
        }
        if a.can(Perm::ViewAudit) {
            nav.push(("/nhat-ky".into(), "Nhật ký"));
        }
        let nav = nav
            .into_iter()
            .map(|(href, label)| {
                let active = if href == "/" {
                    path == "/"
                } else {
                    path.starts_with(&href)
                        && !(href == "/can-bo" && path.starts_with("/can-bo/nhap"))
                        && !(href == "/dang-ky" && path.starts_with("/dang-ky/tong-hop"))
                };
                NavItem {
                    href,
                    label,
                    active,
                }
            })
            .collect();
        let mut roles: Vec<&'static str> = a.grants.iter().map(|g| g.role.label()).collect();
        roles.dedup();
        PageCtx {
            display_name: auth.user.display_name.clone(),
            username: auth.user.username.clone(),
            roles,
            nav,
            csrf: auth.csrf.clone(),
            flash: flash_from(headers),
            today: fmt_date(state.clock.today()),
            demo: state.config.demo,
        }
    }
}

fn flash_from(headers: &HeaderMap) -> Option<String> {
    let v = crate::auth::session::cookie_value(headers, FLASH_COOKIE)?;
    let decoded: String = url::form_urlencoded::parse(format!("m={v}").as_bytes())
        .find(|(k, _)| k == "m")
        .map(|(_, v)| v.into_owned())?;
    (!decoded.is_empty()).then_some(decoded)
}

/// Renders a template to HTML (a template error is a bug: logged, and a plain message shown).
pub fn render(t: &impl Template) -> Html<String> {
    match t.render() {
        Ok(s) => Html(s),
        Err(e) => {
            tracing::error!(error = %e, "template failed");
            Html("<!doctype html><html lang=\"vi\"><body>Lỗi hiển thị trang.</body></html>".into())
        }
    }
}

/// A page response that also clears the flash cookie once it has been shown.
pub fn page(t: &impl Template, ctx: &PageCtx) -> Response {
    let mut r = render(t).into_response();
    if ctx.flash.is_some() {
        r.headers_mut().append(
            header::SET_COOKIE,
            HeaderValue::from_static("tdkt_flash=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0"),
        );
    }
    r
}

/// 303 to `to` with a message shown on the next page.
pub fn redirect_with(to: &str, message: &str) -> Response {
    let mut r = Redirect::to(to).into_response();
    let v: String = url::form_urlencoded::byte_serialize(message.as_bytes()).collect();
    if let Ok(h) = HeaderValue::from_str(&format!(
        "{FLASH_COOKIE}={v}; Path=/; HttpOnly; SameSite=Lax; Max-Age=60"
    )) {
        r.headers_mut().append(header::SET_COOKIE, h);
    }
    r
}

/// `dd/mm/yyyy`.
pub fn fmt_date(d: impl DateLike) -> String {
    tdkt_domain::vn::format_date(d.date())
}

/// A date, however many references templates put around it.
pub trait DateLike {
    fn date(&self) -> Date;
}

impl DateLike for Date {
    fn date(&self) -> Date {
        *self
    }
}

impl<T: DateLike + ?Sized> DateLike for &T {
    fn date(&self) -> Date {
        (**self).date()
    }
}

pub fn fmt_opt_date(d: impl std::borrow::Borrow<Option<Date>>) -> String {
    d.borrow().map(fmt_date).unwrap_or_default()
}

/// `dd/mm/yyyy hh:mm` in the app's time zone.
pub fn fmt_time(state: &AppState, t: OffsetDateTime) -> String {
    let l = state.clock.local(t);
    format!("{} {:02}:{:02}", fmt_date(l.date()), l.hour(), l.minute())
}

/// The standalone error page.
#[derive(Template)]
#[template(path = "error.html")]
pub struct ErrorPage {
    pub title: &'static str,
    pub message: String,
    pub errors: Vec<String>,
}

/// A `Content-Disposition` for a download (RFC 6266: an ASCII fallback and the UTF-8 name).
pub fn attachment(filename: &str) -> HeaderValue {
    let ascii: String = tdkt_domain::vn::to_ascii(filename)
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let utf8: String = url::form_urlencoded::byte_serialize(filename.as_bytes())
        .collect::<String>()
        .replace('+', "%20");
    HeaderValue::from_str(&format!(
        "attachment; filename=\"{ascii}\"; filename*=UTF-8''{utf8}"
    ))
    .expect("ASCII header")
}

/// A downloadable .xlsx response.
pub fn xlsx_response(filename: &str, bytes: Vec<u8>) -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static(
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                ),
            ),
            (header::CONTENT_DISPOSITION, attachment(filename)),
        ],
        bytes,
    )
        .into_response()
}

/// Page numbers for a list: (current page, last page).
pub fn pages(total: i64, per_page: i64, page: i64) -> (i64, i64) {
    let last = ((total + per_page - 1) / per_page).max(1);
    (page.clamp(1, last), last)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_disposition_is_safe() {
        let h = attachment("Danh sách cán bộ \"KHCN\".xlsx");
        let s = h.to_str().unwrap();
        assert!(
            s.starts_with(
                "attachment; filename=\"Danh_sach_can_bo__KHCN_.xlsx\"; filename*=UTF-8''Danh%20s"
            ),
            "{s}"
        );
        assert!(!s.contains('"') || s.matches('"').count() == 2);
    }
}
