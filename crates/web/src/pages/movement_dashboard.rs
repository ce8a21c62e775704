//! The Office's dashboard of the year's movement (issue 5 item 6): for a plan and each of its
//! phases — the registration rate of each unit, targets on track and overdue, reports on time,
//! late and returned, and the seed's goal of 100% of units and staff at "hoàn thành tốt nhiệm vụ"
//! or better; lists link to the items, tables export to .xlsx, charts are server-side SVG. And the
//! province-wide overview: the same headline figures per agency, for an administrator.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use time::Date;

use tdkt_domain::labels;
use tdkt_domain::policy::Perm;
use tdkt_sheets::{Cell, Column, write_table};
use tdkt_store::plans::{self, PhaseRow, PlanRow};
use tdkt_store::reports::{self, AgencyLine, Dashboard, Kind, TargetFilter, Timeliness, percent};

use crate::auth::Auth;
use crate::error::{AppError, AppResult};
use crate::pages::plans::plan_in_reach;
use crate::state::AppState;
use crate::views::{PageCtx, page, redirect_with, xlsx_response};

// ---------------------------------------------------------------------------------------------
// Charts: horizontal bars, drawn by the template as SVG

/// A segment of a bar.
pub struct Segment {
    pub x: i64,
    pub width: i64,
    pub fill: &'static str,
    pub title: String,
}

/// A bar with its label and the figure written after it.
pub struct Bar {
    pub label: String,
    pub full_label: String,
    pub y: i64,
    pub segments: Vec<Segment>,
    pub text: String,
    pub text_x: i64,
}

/// A horizontal bar chart.
pub struct Chart {
    pub title: &'static str,
    pub width: i64,
    pub height: i64,
    pub bar_x: i64,
    pub bar_max: i64,
    pub bars: Vec<Bar>,
    /// (colour, meaning)
    pub legend: Vec<(&'static str, &'static str)>,
}

const LABEL_W: i64 = 270;
const BAR_MAX: i64 = 380;
const ROW_H: i64 = 26;

pub const BLUE: &str = "#2f6fb0";
pub const GREEN: &str = "#2e8540";
pub const RED: &str = "#b3261e";
pub const GREY: &str = "#c9ced6";

fn short(label: &str) -> String {
    if label.chars().count() <= 40 {
        label.to_owned()
    } else {
        let s: String = label.chars().take(39).collect();
        format!("{s}…")
    }
}

/// A row of a chart: its label, its parts (value, colour, meaning) and the figure after it.
pub type ChartRow = (String, Vec<(i64, &'static str, String)>, String);

/// One bar per row, scaled to `max` (at least 1).
pub fn chart(
    title: &'static str,
    rows: Vec<ChartRow>,
    max: i64,
    legend: Vec<(&'static str, &'static str)>,
) -> Chart {
    let max = max.max(1);
    let bars = rows
        .into_iter()
        .enumerate()
        .map(|(i, (label, parts, text))| {
            let mut x = LABEL_W;
            let segments = parts
                .into_iter()
                .filter(|(v, _, _)| *v > 0)
                .map(|(v, fill, title)| {
                    let width = (v * BAR_MAX / max).max(1);
                    let s = Segment {
                        x,
                        width,
                        fill,
                        title,
                    };
                    x += width;
                    s
                })
                .collect();
            Bar {
                label: short(&label),
                full_label: label,
                y: 8 + i as i64 * ROW_H,
                segments,
                text,
                text_x: x + 6,
            }
        })
        .collect::<Vec<_>>();
    Chart {
        title,
        width: LABEL_W + BAR_MAX + 90,
        height: 16 + bars.len() as i64 * ROW_H,
        bar_x: LABEL_W,
        bar_max: BAR_MAX,
        bars,
        legend,
    }
}

// ---------------------------------------------------------------------------------------------
// The dashboard of a plan

#[derive(Debug, Deserialize)]
pub struct DashQuery {
    /// A phase number; none for the whole plan.
    #[serde(default, deserialize_with = "crate::pages::empty_as_none")]
    dot: Option<i64>,
    /// For the export: `duoi-muc-tieu` for the people below the goal.
    #[serde(default)]
    bang: Option<String>,
}

/// The reports a phase closes: phase 1 the mid-year review, the last phase the year-end review.
fn kinds_of_phase(phase: Option<&PhaseRow>, phases: &[PhaseRow]) -> Vec<Kind> {
    let last = phases.iter().map(|p| p.number).max().unwrap_or(0);
    match phase {
        None => Kind::ALL.to_vec(),
        Some(p) if p.number == 1 && last > 1 => vec![Kind::MidYear],
        Some(p) if p.number == last => vec![Kind::YearEnd],
        Some(_) => vec![],
    }
}

/// The dashboard's figures for a caller: the plan, the phase asked for, within reach.
pub async fn figures(
    state: &AppState,
    auth: &Auth,
    plan: &PlanRow,
    phase: Option<i64>,
) -> AppResult<(Dashboard, Vec<PhaseRow>, Option<PhaseRow>, Vec<Kind>)> {
    let phases = plans::phases(&state.db, plan.id).await?;
    let chosen = match phase {
        Some(n) => Some(
            phases
                .iter()
                .find(|p| p.number == n)
                .cloned()
                .ok_or(AppError::NotFound)?,
        ),
        None => None,
    };
    let kinds = kinds_of_phase(chosen.as_ref(), &phases);
    let f = TargetFilter {
        plan_id: plan.id,
        year: plan.year as i32,
        today: state.clock.today(),
        due_between: chosen.as_ref().map(|p| (p.start_on, p.end_on)),
    };
    let scope = auth.actor.scope(Perm::ViewMovement);
    let key = format!(
        "plan:{}:{:?}:{:?}:{scope:?}:{}",
        plan.id, phase, kinds, f.today
    );
    let dash = state
        .figures
        .get(&state.db, key, || {
            reports::dashboard(&state.db, plan.agency_id, &f, &scope, &kinds)
        })
        .await?;
    Ok((Dashboard::clone(&dash), phases, chosen, kinds))
}

#[derive(Template)]
#[template(path = "movement_dashboard.html")]
struct DashPage {
    ctx: PageCtx,
    plan: PlanRow,
    dash: Dashboard,
    phases: Vec<PhaseRow>,
    phase: Option<PhaseRow>,
    kinds: Vec<Kind>,
    registration_chart: Chart,
    targets_chart: Chart,
    export_query: String,
    today: Date,
}

impl DashPage {
    fn pct(&self, part: &i64, whole: &i64) -> i64 {
        percent(*part, *whole)
    }
}

pub async fn show(
    State(state): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
    uri: Uri,
    Path(id): Path<i64>,
    Query(q): Query<DashQuery>,
) -> AppResult<Response> {
    let (plan, _) = plan_in_reach(&state, &auth, id).await?;
    let (dash, phases, phase, kinds) = figures(&state, &auth, &plan, q.dot).await?;
    let registration_chart = chart(
        "Tỷ lệ cán bộ đã đăng ký thi đua, theo phòng, đơn vị",
        dash.units
            .iter()
            .map(|u| {
                (
                    u.name.clone(),
                    vec![(u.rate(), BLUE, format!("{}%", u.rate()))],
                    format!("{}% ({}/{})", u.rate(), u.registered, u.members),
                )
            })
            .collect(),
        100,
        vec![(BLUE, "Đã đăng ký (đã gửi hoặc đã duyệt)")],
    );
    let max_targets = dash
        .units
        .iter()
        .map(|u| u.targets.registered)
        .max()
        .unwrap_or(0);
    let targets_chart = chart(
        "Chỉ tiêu theo phòng, đơn vị",
        dash.units
            .iter()
            .map(|u| {
                let t = u.targets;
                (
                    u.name.clone(),
                    vec![
                        (t.met, GREEN, format!("Đã đạt: {}", t.met)),
                        (t.on_track, BLUE, format!("Đúng tiến độ: {}", t.on_track)),
                        (t.overdue, RED, format!("Quá hạn: {}", t.overdue)),
                    ],
                    format!("{}", t.registered),
                )
            })
            .collect(),
        max_targets,
        vec![(GREEN, "Đã đạt"), (BLUE, "Đúng tiến độ"), (RED, "Quá hạn")],
    );
    let p = DashPage {
        ctx: PageCtx::new(&state, &auth, &headers, uri.path()),
        export_query: phase
            .as_ref()
            .map(|p| format!("dot={}", p.number))
            .unwrap_or_default(),
        today: state.clock.today(),
        plan,
        dash,
        phases,
        phase,
        kinds,
        registration_chart,
        targets_chart,
    };
    Ok(page(&p, &p.ctx))
}

fn timeliness_cell(t: Timeliness, status: Option<&str>, returned: i64) -> String {
    let mut s = t.label().to_owned();
    if let Some(st) = status.and_then(tdkt_domain::workflow::Status::from_code) {
        s.push_str(&format!("; {}", st.label(true).to_lowercase()));
    }
    if returned > 0 {
        s.push_str(&format!("; bị trả lại {returned} lần"));
    }
    s
}

/// The dashboard as .xlsx: the units' table, or (`bang=duoi-muc-tieu`) the people below the goal.
pub async fn export(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
    Query(q): Query<DashQuery>,
) -> AppResult<Response> {
    let (plan, _) = plan_in_reach(&state, &auth, id).await?;
    let (dash, _, phase, kinds) = figures(&state, &auth, &plan, q.dot).await?;
    let suffix = phase
        .as_ref()
        .map(|p| format!(" đợt {}", p.number))
        .unwrap_or_default();
    if q.bang.as_deref() == Some("duoi-muc-tieu") {
        let cols = [
            Column::new("Mã cán bộ", 12.0),
            Column::new("Họ và tên", 28.0),
            Column::new("Phòng, đơn vị", 36.0),
            Column::new("Xếp loại", 30.0),
        ];
        let rows: Vec<Vec<Cell>> = dash
            .below
            .iter()
            .map(|b| {
                vec![
                    Cell::from(b.code.as_str()),
                    Cell::from(b.full_name.as_str()),
                    Cell::from(b.unit_name.as_str()),
                    Cell::from(b.rating.as_deref().map(labels::rating).unwrap_or("")),
                ]
            })
            .collect();
        let title = format!(
            "CÁN BỘ CHƯA ĐẠT MỨC HOÀN THÀNH TỐT NHIỆM VỤ — NĂM {}",
            plan.year
        );
        let bytes =
            write_table("Dưới mục tiêu", Some(&title), &cols, &rows).map_err(AppError::internal)?;
        return Ok(xlsx_response(
            &format!("Dưới mục tiêu {}.xlsx", plan.year),
            bytes,
        ));
    }
    let mut cols = vec![
        Column::new("Mã đơn vị", 10.0),
        Column::new("Phòng, đơn vị", 36.0),
        Column::new("Số cán bộ", 10.0),
        Column::new("Đã đăng ký", 10.0),
        Column::new("Tỷ lệ đăng ký (%)", 10.0),
        Column::new("Đăng ký tập thể", 16.0),
        Column::new("Chỉ tiêu đăng ký", 10.0),
        Column::new("Đã đạt", 10.0),
        Column::new("Đúng tiến độ", 10.0),
        Column::new("Quá hạn", 10.0),
    ];
    for k in &kinds {
        cols.push(Column::new(k.label(), 30.0));
    }
    cols.extend([
        Column::new("Cán bộ HTTNV trở lên", 12.0),
        Column::new("Cán bộ dưới HTTNV", 12.0),
        Column::new("Chưa xếp loại", 12.0),
        Column::new("Xếp loại đơn vị", 30.0),
    ]);
    let rows: Vec<Vec<Cell>> = dash
        .units
        .iter()
        .map(|u| {
            let mut r = vec![
                Cell::from(u.code.as_str()),
                Cell::from(u.name.as_str()),
                Cell::from(u.members),
                Cell::from(u.registered),
                Cell::from(u.rate()),
                Cell::from(
                    u.unit_registration
                        .as_deref()
                        .and_then(tdkt_domain::workflow::Status::from_code)
                        .map_or("Chưa đăng ký", |s| s.label(false)),
                ),
                Cell::from(u.targets.registered),
                Cell::from(u.targets.met),
                Cell::from(u.targets.on_track),
                Cell::from(u.targets.overdue),
            ];
            for x in &u.reports {
                r.push(Cell::from(timeliness_cell(
                    x.timeliness,
                    x.status.as_deref(),
                    x.returned,
                )));
            }
            r.extend([
                Cell::from(u.staff.good),
                Cell::from(u.staff.below),
                Cell::from(u.staff.unrated),
                Cell::from(
                    u.unit_rating
                        .as_deref()
                        .map(labels::rating)
                        .unwrap_or("Chưa xếp loại"),
                ),
            ]);
            r
        })
        .collect();
    let title = format!(
        "THEO DÕI PHONG TRÀO THI ĐUA NĂM {}{}",
        plan.year,
        suffix.to_uppercase()
    );
    let bytes = write_table("Theo dõi", Some(&title), &cols, &rows).map_err(AppError::internal)?;
    Ok(xlsx_response(
        &format!("Theo dõi phong trào {}{suffix}.xlsx", plan.year),
        bytes,
    ))
}

/// `/theo-doi`: the dashboard of the caller's plan of the year.
pub async fn current(State(state): State<AppState>, auth: Auth) -> AppResult<Response> {
    Ok(
        match crate::pages::reports::current_plan(&state, &auth).await? {
            Some(id) => Redirect::to(&format!("/ke-hoach/{id}/theo-doi")).into_response(),
            None => redirect_with(
                "/ke-hoach",
                "Cơ quan chưa có kế hoạch thi đua được phát động.",
            ),
        },
    )
}

// ---------------------------------------------------------------------------------------------
// The province-wide overview

#[derive(Debug, Deserialize)]
pub struct ProvinceQuery {
    #[serde(default, deserialize_with = "crate::pages::empty_as_none")]
    nam: Option<i64>,
}

fn year_of(state: &AppState, q: &ProvinceQuery) -> AppResult<i32> {
    let y = q.nam.unwrap_or(i64::from(state.clock.today().year()));
    if !(2000..=2100).contains(&y) {
        return Err(AppError::bad_request("Năm phải trong khoảng 2000–2100."));
    }
    Ok(y as i32)
}

/// The headline figures of each agency in reach, for a year.
pub async fn province_lines(
    state: &AppState,
    auth: &Auth,
    year: i32,
) -> AppResult<Vec<AgencyLine>> {
    let scope = auth.actor.scope(Perm::ViewAgencies);
    // The whole province's lines, kept while nothing changes, then those in reach.
    let today = state.clock.today();
    let all = state
        .figures
        .get(&state.db, format!("overview:{year}:{today}"), || {
            let everything = tdkt_domain::policy::Scope {
                all: true,
                ..Default::default()
            };
            async move { reports::overview(&state.db, &everything, year, today).await }
        })
        .await?;
    Ok(all
        .iter()
        .filter(|l| scope.all || scope.agencies.contains(&l.agency_id))
        .cloned()
        .collect())
}

#[derive(Template)]
#[template(path = "movement_dashboard_province.html")]
struct ProvincePage {
    ctx: PageCtx,
    year: i32,
    lines: Vec<AgencyLine>,
    chart: Chart,
    total: AgencyLine,
}

impl ProvincePage {
    fn pct(&self, part: &i64, whole: &i64) -> i64 {
        percent(*part, *whole)
    }
}

pub async fn province(
    State(state): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
    uri: Uri,
    Query(q): Query<ProvinceQuery>,
) -> AppResult<Response> {
    let year = year_of(&state, &q)?;
    let lines = province_lines(&state, &auth, year).await?;
    let chart = chart(
        "Tỷ lệ cán bộ đã đăng ký thi đua, theo cơ quan",
        lines
            .iter()
            .map(|l| {
                (
                    format!("{} — {}", l.symbol, l.name),
                    vec![(l.rate(), BLUE, format!("{}%", l.rate()))],
                    format!("{}%", l.rate()),
                )
            })
            .collect(),
        100,
        vec![(BLUE, "Đã đăng ký")],
    );
    let mut total = AgencyLine::default();
    for l in &lines {
        total.units += l.units;
        total.members += l.members;
        total.registered += l.registered;
        total.targets.registered += l.targets.registered;
        total.targets.met += l.targets.met;
        total.targets.on_track += l.targets.on_track;
        total.targets.overdue += l.targets.overdue;
        for (t, s) in [
            (&mut total.mid_year, &l.mid_year),
            (&mut total.year_end, &l.year_end),
        ] {
            t.expected += s.expected;
            t.on_time += s.on_time;
            t.late += s.late;
            t.missing += s.missing;
            t.returned += s.returned;
            t.accepted += s.accepted;
        }
        total.staff.total += l.staff.total;
        total.staff.good += l.staff.good;
        total.units_goal.total += l.units_goal.total;
        total.units_goal.good += l.units_goal.good;
    }
    let p = ProvincePage {
        ctx: PageCtx::new(&state, &auth, &headers, uri.path()),
        year,
        lines,
        chart,
        total,
    };
    Ok(page(&p, &p.ctx))
}

pub async fn province_export(
    State(state): State<AppState>,
    auth: Auth,
    Query(q): Query<ProvinceQuery>,
) -> AppResult<Response> {
    let year = year_of(&state, &q)?;
    let lines = province_lines(&state, &auth, year).await?;
    let cols = [
        Column::new("Ký hiệu", 10.0),
        Column::new("Cơ quan", 40.0),
        Column::new("Kế hoạch", 14.0),
        Column::new("Phòng, đơn vị", 10.0),
        Column::new("Cán bộ", 10.0),
        Column::new("Đã đăng ký", 10.0),
        Column::new("Tỷ lệ đăng ký (%)", 10.0),
        Column::new("Chỉ tiêu", 10.0),
        Column::new("Đã đạt", 10.0),
        Column::new("Đúng tiến độ", 10.0),
        Column::new("Quá hạn", 10.0),
        Column::new("Sơ kết đúng hạn", 10.0),
        Column::new("Sơ kết trễ hạn", 10.0),
        Column::new("Sơ kết chưa gửi (quá hạn)", 10.0),
        Column::new("Sơ kết bị trả lại", 10.0),
        Column::new("Tổng kết đúng hạn", 10.0),
        Column::new("Tổng kết trễ hạn", 10.0),
        Column::new("Tổng kết chưa gửi (quá hạn)", 10.0),
        Column::new("Tổng kết bị trả lại", 10.0),
        Column::new("Cán bộ HTTNV trở lên", 12.0),
        Column::new("Đơn vị HTTNV trở lên", 12.0),
    ];
    let rows: Vec<Vec<Cell>> = lines
        .iter()
        .map(|l| {
            vec![
                Cell::from(l.symbol.as_str()),
                Cell::from(l.name.as_str()),
                Cell::from(match (l.plan_id, l.plan_published) {
                    (None, _) => "Chưa có",
                    (Some(_), false) => "Dự thảo",
                    (Some(_), true) => "Đã phát động",
                }),
                Cell::from(l.units),
                Cell::from(l.members),
                Cell::from(l.registered),
                Cell::from(l.rate()),
                Cell::from(l.targets.registered),
                Cell::from(l.targets.met),
                Cell::from(l.targets.on_track),
                Cell::from(l.targets.overdue),
                Cell::from(l.mid_year.on_time),
                Cell::from(l.mid_year.late),
                Cell::from(l.mid_year.missing),
                Cell::from(l.mid_year.returned),
                Cell::from(l.year_end.on_time),
                Cell::from(l.year_end.late),
                Cell::from(l.year_end.missing),
                Cell::from(l.year_end.returned),
                Cell::from(l.staff.good),
                Cell::from(l.units_goal.good),
            ]
        })
        .collect();
    let title = format!("THEO DÕI PHONG TRÀO THI ĐUA TOÀN TỈNH NĂM {year}");
    let bytes = write_table("Toàn tỉnh", Some(&title), &cols, &rows).map_err(AppError::internal)?;
    Ok(xlsx_response(
        &format!("Theo dõi toàn tỉnh {year}.xlsx"),
        bytes,
    ))
}
