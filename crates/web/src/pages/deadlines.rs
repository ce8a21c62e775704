//! The launched plan as each user meets it (issue 5, item 1): on the dashboard, what is asked of
//! me and by when (from the plan's deadlines; a deadline day is included), where each item
//! stands, and for the Office the units late; on `/phong-trao`, the movements and phases of the
//! year with their commemorations, for everyone.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use serde::Deserialize;
use time::Date;

use tdkt_docs::plan::{MovementKind, Plan};
use tdkt_domain::policy::{Perm, Role};
use tdkt_store::{org, plans, settings};

use crate::auth::Auth;
use crate::error::AppResult;
use crate::reminders::{self, DAYS_BEFORE_SETTING, Duties, Facts, deadline_label};
use crate::state::AppState;
use crate::views::{PageCtx, fmt_date, page};

/// One line of "what is asked of me".
pub struct AgendaRow {
    /// The deadline: "Gửi báo cáo sơ kết".
    pub deadline: &'static str,
    pub what: String,
    pub href: Option<String>,
    /// dd/mm/yyyy.
    pub due: String,
    /// "còn 3 ngày", "hôm nay là hạn cuối", "quá hạn 1 ngày".
    pub when: String,
    pub status: String,
    /// `ok` done, `warn` due soon, `bad` missed, empty otherwise.
    pub css: &'static str,
}

/// Units late with something, for the Office.
pub struct LateList {
    pub id: String,
    pub title: String,
    pub units: Vec<String>,
}

/// One agency's launched plan on the dashboard.
pub struct PlanAgenda {
    pub plan_id: i64,
    pub agency_id: i64,
    /// The plan's deadline for the year's quality rating, when it sets one.
    pub rating_due: Option<Date>,
    pub year: i32,
    pub agency: String,
    pub rows: Vec<AgendaRow>,
    pub late: Vec<LateList>,
    /// "Đợt thi đua thứ nhất (01/01/2024 – 30/06/2024)".
    pub phase: Option<String>,
    /// The next commemoration: "19/05/2024 — 134 năm Ngày sinh Chủ tịch Hồ Chí Minh".
    pub next_commemoration: Option<String>,
    pub movements: usize,
}

/// The dashboard's part about the year's plan.
#[derive(Default)]
pub struct Agenda {
    pub plans: Vec<PlanAgenda>,
    /// Agencies of the caller without a launched plan this year.
    pub not_launched: Vec<String>,
    pub year: i32,
}

fn when_text(today: Date, due: Date) -> String {
    match (due - today).whole_days() {
        0 => "hôm nay là hạn cuối".into(),
        1 => "còn 1 ngày".into(),
        n if n > 0 => format!("còn {n} ngày"),
        n => format!("quá hạn {} ngày", -n),
    }
}

fn commemoration_text(c: &tdkt_docs::plan::Commemoration) -> String {
    match c.anniversary {
        Some(n) => format!("{} — {n} năm {}", fmt_date(c.date), c.name),
        None => format!("{} — {}", fmt_date(c.date), c.name),
    }
}

/// What the caller's launched plans ask of them.
pub async fn agenda(state: &AppState, auth: &Auth) -> AppResult<Agenda> {
    let db = &state.db;
    let today = state.clock.today();
    let year = today.year();
    let (agencies, person_agency) = reminders::actor_agencies(db, &auth.actor).await?;
    let mut out = Agenda {
        year,
        ..Default::default()
    };
    for agency in agencies {
        let duties = Duties::of_actor(&auth.actor, agency, person_agency);
        if duties.is_empty() {
            continue;
        }
        let name = org::agency(db, agency).await?.short_name;
        let Some(f) = Facts::for_agency(db, agency, year, &state.clock).await? else {
            out.not_launched.push(name);
            continue;
        };
        let days_before = settings::get(
            db,
            Some(agency),
            DAYS_BEFORE_SETTING,
            state.config.reminders.days_before,
        )
        .await?;
        let items = reminders::items(db, &f, &duties).await?;
        let mut rows = Vec::new();
        let mut late = Vec::new();
        for i in &items {
            let left = (i.due_on - today).whole_days();
            let css = if i.done {
                "ok"
            } else if !i.owed && i.status.is_none() {
                ""
            } else if left < 0 {
                "bad"
            } else if left <= days_before {
                "warn"
            } else {
                ""
            };
            rows.push(AgendaRow {
                deadline: deadline_label(&i.deadline_kind),
                what: i.what.clone(),
                href: i.href.clone(),
                due: fmt_date(i.due_on),
                when: when_text(today, i.due_on),
                status: i.status.clone().unwrap_or_default(),
                css,
            });
            if !i.late_units.is_empty() {
                late.push(LateList {
                    id: format!("tre-han-{}", i.deadline_kind.replace('_', "-")),
                    title: format!(
                        "Chưa gửi {} (hạn {})",
                        match i.deadline_kind.as_str() {
                            "mid_year_report" => "báo cáo sơ kết".to_owned(),
                            "year_end_report" => "báo cáo tổng kết".to_owned(),
                            "registration" => "đăng ký thi đua của đơn vị".to_owned(),
                            k => deadline_label(k).to_lowercase(),
                        },
                        fmt_date(i.due_on)
                    ),
                    units: i.late_units.clone(),
                });
            }
        }
        let plan = plans::plan(db, f.plan_id).await?;
        let content: Option<Plan> = serde_json::from_str(&plan.content).ok();
        let phase = content
            .as_ref()
            .and_then(|p| p.phase_on(today))
            .map(|p| format!("{} ({} – {})", p.name, fmt_date(p.start), fmt_date(p.end)));
        let next_commemoration = content.as_ref().and_then(|p| {
            p.commemorations
                .iter()
                .filter(|c| c.date >= today)
                .min_by_key(|c| c.date)
                .map(commemoration_text)
        });
        out.plans.push(PlanAgenda {
            plan_id: f.plan_id,
            agency_id: agency,
            rating_due: f
                .deadlines
                .iter()
                .find(|d| d.kind == "rating")
                .map(|d| d.due_on),
            year,
            agency: name,
            rows,
            late,
            phase,
            next_commemoration,
            movements: content.map_or(0, |p| p.movements.len()),
        });
    }
    Ok(out)
}

// --- /phong-trao -----------------------------------------------------------------------------------

pub struct MovementView {
    pub name: String,
    pub kind: &'static str,
    pub dates: String,
    pub criteria: Vec<String>,
    pub participants: String,
}

pub struct PhaseView {
    pub name: String,
    pub dates: String,
    pub review: String,
    pub current: bool,
    pub commemorations: Vec<(String, bool)>,
}

pub struct DeadlineView {
    pub label: &'static str,
    pub due: String,
    pub when: String,
    pub description: String,
    pub past: bool,
}

pub struct PlanMovements {
    pub plan_id: i64,
    pub agency: String,
    pub movements: Vec<MovementView>,
    pub phases: Vec<PhaseView>,
    pub deadlines: Vec<DeadlineView>,
    /// Commemorations not tied to a phase.
    pub other_commemorations: Vec<(String, bool)>,
}

#[derive(Template)]
#[template(path = "movements.html")]
struct MovementsPage {
    ctx: PageCtx,
    year: i32,
    plans: Vec<PlanMovements>,
}

#[derive(Debug, Deserialize)]
pub struct YearQuery {
    nam: Option<i32>,
}

fn kind_label(k: MovementKind) -> &'static str {
    k.label()
}

fn span(start: Option<Date>, end: Option<Date>) -> String {
    match (start, end) {
        (Some(s), Some(e)) => format!("{} – {}", fmt_date(s), fmt_date(e)),
        (Some(s), None) => format!("từ {}", fmt_date(s)),
        (None, Some(e)) => format!("đến {}", fmt_date(e)),
        (None, None) => "cả năm, theo từng đợt".into(),
    }
}

/// `GET /phong-trao`: the movements, phases, commemorations and deadlines of the launched plans
/// the caller belongs to (a province-wide administrator: every agency's).
pub async fn movements(
    State(state): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
    Query(q): Query<YearQuery>,
) -> AppResult<Response> {
    let db = &state.db;
    let today = state.clock.today();
    let year = q
        .nam
        .filter(|y| (2000..=2100).contains(y))
        .unwrap_or(today.year());
    let province = auth
        .actor
        .grants
        .iter()
        .any(|g| g.role == Role::Admin && g.agency_id.is_none());
    let mut agencies: Vec<i64> = if province {
        org::agencies(db, &auth.actor.scope(Perm::ViewAgencies))
            .await?
            .into_iter()
            .map(|a| a.id)
            .collect()
    } else {
        reminders::actor_agencies(db, &auth.actor).await?.0
    };
    for g in &auth.actor.grants {
        if let Some(a) = g.agency_id
            && !agencies.contains(&a)
        {
            agencies.push(a);
        }
    }
    let mut out = Vec::new();
    for agency in agencies {
        let Some(plan) = plans::plan_for(db, agency, year).await? else {
            continue;
        };
        if !plan.is_published() {
            continue;
        }
        let Ok(p) = serde_json::from_str::<Plan>(&plan.content) else {
            continue;
        };
        let ag = org::agency(db, agency).await?;
        let comm = |c: &tdkt_docs::plan::Commemoration| (commemoration_text(c), c.date < today);
        let phases = p
            .phases
            .iter()
            .map(|ph| PhaseView {
                name: ph.name.clone(),
                dates: format!("{} – {}", fmt_date(ph.start), fmt_date(ph.end)),
                review: ph.review.clone().unwrap_or_default(),
                current: ph.start <= today && today <= ph.end,
                commemorations: p
                    .commemorations
                    .iter()
                    .filter(|c| {
                        c.phase == Some(ph.number)
                            || (c.phase.is_none() && ph.start <= c.date && c.date <= ph.end)
                    })
                    .map(comm)
                    .collect(),
            })
            .collect();
        let other_commemorations = p
            .commemorations
            .iter()
            .filter(|c| {
                !p.phases.iter().any(|ph| {
                    c.phase == Some(ph.number)
                        || (c.phase.is_none() && ph.start <= c.date && c.date <= ph.end)
                })
            })
            .map(comm)
            .collect();
        let movements = p
            .movements
            .iter()
            .map(|m| MovementView {
                name: m.name.clone(),
                kind: kind_label(m.kind),
                dates: span(m.start, m.end),
                criteria: m.criteria.clone(),
                participants: m.participants.clone().unwrap_or_default(),
            })
            .collect();
        let deadlines = plans::deadlines(db, plan.id)
            .await?
            .into_iter()
            .map(|d| DeadlineView {
                label: deadline_label(&d.kind),
                due: fmt_date(d.due_on),
                when: when_text(today, d.due_on),
                description: d.description,
                past: d.due_on < today,
            })
            .collect();
        out.push(PlanMovements {
            plan_id: plan.id,
            agency: ag.name,
            movements,
            phases,
            deadlines,
            other_commemorations,
        });
    }
    let p = MovementsPage {
        ctx: PageCtx::new(&state, &auth, &headers, "/phong-trao"),
        year,
        plans: out,
    };
    Ok(page(&p, &p.ctx))
}
