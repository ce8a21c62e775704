//! The dashboard: for each of the caller's roles, what concerns them.

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, Uri};
use axum::response::Response;

use tdkt_domain::policy::{Perm, Role};
use tdkt_store::{org, people, records};

use crate::auth::Auth;
use crate::error::AppResult;
use crate::state::AppState;
use crate::views::{PageCtx, page};

/// A tile of the dashboard: a figure with what it counts and where to see it.
pub struct Tile {
    pub label: String,
    pub value: String,
    pub href: Option<String>,
    pub note: Option<String>,
}

/// The part of the dashboard that one role contributes.
pub struct Section {
    pub title: String,
    pub tiles: Vec<Tile>,
}

#[derive(Template)]
#[template(path = "dashboard.html")]
struct DashboardPage {
    ctx: PageCtx,
    sections: Vec<Section>,
    /// What the launched plan asks of the caller, by when (`super::deadlines`).
    agenda: super::deadlines::Agenda,
}

/// When the year's ratings are due: the launched plan's date, or the law's when no plan sets one.
fn rating_deadline(agenda: &super::deadlines::Agenda, agency_id: Option<i64>) -> String {
    let planned = agenda
        .plans
        .iter()
        .filter(|p| agency_id.is_none_or(|a| a == p.agency_id))
        .find_map(|p| p.rating_due);
    match planned {
        Some(due) => format!(
            "Hạn xếp loại theo kế hoạch: {}",
            crate::views::fmt_date(due)
        ),
        None => "Hạn xếp loại: trước 15/12 (Nghị định 90/2020/NĐ-CP, Điều 20)".into(),
    }
}

pub async fn show(
    State(state): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
    uri: Uri,
) -> AppResult<Response> {
    let ctx = PageCtx::new(&state, &auth, &headers, uri.path());
    let mut sections = Vec::new();
    let year = state.clock.today().year();
    let a = &auth.actor;
    let agenda = super::deadlines::agenda(&state, &auth).await?;
    let mut seen = std::collections::HashSet::new();
    for g in &a.grants {
        if !seen.insert(g.role) {
            continue;
        }
        let section = match g.role {
            Role::Admin => {
                let scope = a.scope(Perm::ViewUnits);
                Section {
                    title: "Quản trị hệ thống".into(),
                    tiles: vec![
                        tile(
                            "Cơ quan",
                            org::agencies(&state.db, &scope).await?.len() as i64,
                            Some("/co-quan"),
                        ),
                        tile(
                            "Tài khoản",
                            tdkt_store::users::count_users(&state.db).await?,
                            Some("/quan-tri/tai-khoan"),
                        ),
                        tile(
                            "Đơn vị đang hoạt động",
                            org::count_units(&state.db, &scope).await?,
                            Some("/don-vi"),
                        ),
                    ],
                }
            }
            Role::VanPhong | Role::LanhDao | Role::HoiDong | Role::TruongDonVi => {
                let scope = a.scope(Perm::ViewPeople);
                let (_, total) =
                    people::list_people(&state.db, &scope, &Default::default(), 0, 1).await?;
                let title = match g.role {
                    Role::VanPhong => "Văn phòng — thường trực công tác thi đua",
                    Role::LanhDao => "Lãnh đạo",
                    Role::HoiDong => "Hội đồng Thi đua – Khen thưởng",
                    _ => "Đơn vị của tôi",
                };
                let unit_scope = a.scope(Perm::ViewUnits);
                let mut tiles = vec![
                    tile("Cán bộ, công chức, viên chức", total, Some("/can-bo")),
                    tile(
                        "Đơn vị",
                        org::count_units(&state.db, &unit_scope).await?,
                        Some("/don-vi"),
                    ),
                ];
                let unrated = records::count_unrated(&state.db, &scope, year).await?;
                tiles.push(Tile {
                    label: format!("Chưa xếp loại chất lượng năm {year}"),
                    value: unrated.to_string(),
                    href: Some("/can-bo".into()),
                    note: Some(rating_deadline(&agenda, g.agency_id)),
                });
                Section {
                    title: title.into(),
                    tiles,
                }
            }
            Role::CanBo => {
                let mut tiles = Vec::new();
                if let Some(pid) = a.person_id {
                    let recs = records::person_records(&state.db, pid).await?;
                    let rating = recs.ratings.iter().find(|r| r.year == i64::from(year - 1));
                    tiles.push(Tile {
                        label: format!("Xếp loại năm {}", year - 1),
                        value: rating
                            .map(|r| r.rating.clone())
                            .unwrap_or_else(|| "—".into()),
                        href: Some(format!("/can-bo/{pid}")),
                        note: None,
                    });
                    tiles.push(tile(
                        "Danh hiệu đã đạt",
                        recs.titles.len() as i64,
                        Some(&format!("/can-bo/{pid}")),
                    ));
                    tiles.push(tile(
                        "Hình thức khen thưởng đã nhận",
                        recs.awards.len() as i64,
                        Some(&format!("/can-bo/{pid}")),
                    ));
                }
                Section {
                    title: "Của tôi".into(),
                    tiles,
                }
            }
        };
        sections.push(section);
    }
    Ok(page(
        &DashboardPage {
            ctx: ctx.clone(),
            sections,
            agenda,
        },
        &ctx,
    ))
}

fn tile(label: &str, n: i64, href: Option<&str>) -> Tile {
    Tile {
        label: label.to_owned(),
        value: n.to_string(),
        href: href.map(str::to_owned),
        note: None,
    }
}
