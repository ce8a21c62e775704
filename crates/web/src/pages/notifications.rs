//! What the app tells a user (`/thong-bao`, the count in the header), their e-mail address and
//! private calendar feed (`/tai-khoan`, `/lich/{token}.ics`), and the administrator's view of the
//! e-mail queue (`/quan-tri/thu-dien-tu`).

use askama::Template;
use axum::Form;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use serde::Deserialize;
use time::Duration;

use tdkt_domain::FieldErrors;
use tdkt_domain::policy::Perm;
use tdkt_store::audit::{self, Change};
use tdkt_store::notify::{self, EmailLog, Notification};
use tdkt_store::{jobs, users};

use crate::auth::Auth;
use crate::error::{AppError, AppResult};
use crate::ical;
use crate::reminders::{self, EMAIL_JOB, EmailPayload};
use crate::state::AppState;
use crate::views::{PageCtx, fmt_date, fmt_time, page, redirect_with};

// --- /thong-bao ------------------------------------------------------------------------------------

/// A notification as listed.
pub struct NoteView {
    pub n: Notification,
    pub at: String,
    pub due: String,
}

#[derive(Template)]
#[template(path = "notifications.html")]
struct NotificationsPage {
    ctx: PageCtx,
    notes: Vec<NoteView>,
    unread: usize,
}

pub async fn list(
    State(state): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
) -> AppResult<Response> {
    let notes: Vec<NoteView> = notify::for_user(&state.db, auth.user.id, 300)
        .await?
        .into_iter()
        .map(|n| NoteView {
            at: fmt_time(&state, n.created_at),
            due: n.due_on.map(fmt_date).unwrap_or_default(),
            n,
        })
        .collect();
    let unread = notes.iter().filter(|n| n.n.read_at.is_none()).count();
    let p = NotificationsPage {
        ctx: PageCtx::new(&state, &auth, &headers, "/thong-bao"),
        notes,
        unread,
    };
    Ok(page(&p, &p.ctx))
}

/// The header's bell: "Thông báo" with the number unread (htmx loads it into every page).
pub async fn count(State(state): State<AppState>, auth: Auth) -> AppResult<Response> {
    let n = notify::unread_count(&state.db, auth.user.id).await?;
    let body = if n > 0 {
        format!(
            "Thông báo <span class=\"badge\" id=\"bell-count\" title=\"{n} thông báo chưa đọc\">{n}</span>"
        )
    } else {
        "Thông báo".to_owned()
    };
    Ok((
        [(header::CACHE_CONTROL, HeaderValue::from_static("no-store"))],
        Html(body),
    )
        .into_response())
}

#[derive(Debug, Deserialize)]
pub struct ReadForm {
    /// Set: go to the notification's link after marking it read.
    #[serde(default)]
    mo: Option<String>,
}

pub async fn mark_read(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
    Form(f): Form<ReadForm>,
) -> AppResult<Response> {
    let n = notify::notification(&state.db, id)
        .await?
        .filter(|n| n.user_id == auth.user.id)
        .ok_or(AppError::NotFound)?;
    let mut tx = state.db.begin().await?;
    notify::mark_read(&mut tx, auth.user.id, id, state.clock.now()).await?;
    tx.commit().await?;
    let to = match (f.mo.as_deref(), n.link.as_deref()) {
        (Some(_), Some(link)) if link.starts_with('/') && !link.starts_with("//") => {
            link.to_owned()
        }
        _ => "/thong-bao".to_owned(),
    };
    Ok(axum::response::Redirect::to(&to).into_response())
}

pub async fn mark_all_read(State(state): State<AppState>, auth: Auth) -> AppResult<Response> {
    let mut tx = state.db.begin().await?;
    let n = notify::mark_all_read(&mut tx, auth.user.id, state.clock.now()).await?;
    tx.commit().await?;
    Ok(redirect_with(
        "/thong-bao",
        &format!("Đã đánh dấu {n} thông báo là đã đọc."),
    ))
}

// --- /tai-khoan: e-mail address and calendar feed ------------------------------------------------------

/// The account page's part about notifications.
#[derive(Debug, Clone, Default)]
pub struct AccountNotify {
    /// The account's own address.
    pub email: String,
    /// The address reminders go to (the account's, else the person's), if any.
    pub effective_email: Option<String>,
    /// When the calendar feed's secret address was made.
    pub calendar_since: Option<String>,
    /// The feed's address, shown once right after it is made.
    pub new_calendar_url: Option<String>,
    /// Whether e-mails can be sent at all (SMTP configured).
    pub smtp: bool,
}

/// Reads the account page's part about notifications.
pub async fn account_notify(state: &AppState, auth: &Auth) -> AppResult<AccountNotify> {
    let person_email = match auth.user.person_id {
        Some(p) => tdkt_store::people::person(&state.db, p)
            .await
            .ok()
            .and_then(|p| p.email),
        None => None,
    };
    let own = auth.user.email.clone().unwrap_or_default();
    let effective = [Some(own.clone()), person_email]
        .into_iter()
        .flatten()
        .map(|s| s.trim().to_owned())
        .find(|s| !s.is_empty());
    Ok(AccountNotify {
        email: own,
        effective_email: effective,
        calendar_since: notify::calendar_token_created(&state.db, auth.user.id)
            .await?
            .map(|t| fmt_time(state, t)),
        new_calendar_url: None,
        smtp: state.config.reminders.smtp.is_some(),
    })
}

#[derive(Debug, Deserialize)]
pub struct EmailForm {
    #[serde(default)]
    email: String,
}

pub async fn set_email(
    State(state): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
    Form(f): Form<EmailForm>,
) -> AppResult<Response> {
    let email = f.email.trim();
    if !email.is_empty() && (email.len() > 254 || email.parse::<lettre::Address>().is_err()) {
        let mut e = FieldErrors::new();
        e.add(
            "email",
            "Địa chỉ e-mail",
            "không hợp lệ (ví dụ: ten@khcn.bacgiang.gov.vn)",
        );
        let p = super::account::account_page(&state, &auth, &headers, None, e).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page(&p, &p.ctx)).into_response());
    }
    let mut tx = state.db.begin().await?;
    notify::set_user_email(
        &mut tx,
        &state.ctx(auth.who()),
        auth.user.id,
        (!email.is_empty()).then_some(email),
    )
    .await?;
    tx.commit().await?;
    Ok(redirect_with(
        "/tai-khoan",
        if email.is_empty() {
            "Đã xóa địa chỉ e-mail."
        } else {
            "Đã lưu địa chỉ e-mail nhận nhắc hạn."
        },
    ))
}

/// The feed's public address: the configured one, else the one the request came to.
fn base_url(state: &AppState, headers: &HeaderMap) -> String {
    if let Some(u) = &state.config.reminders.public_url {
        return u.trim_end_matches('/').to_owned();
    }
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            h.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'))
        })
        .unwrap_or("localhost");
    let https = state.config.trust_proxy
        && headers
            .get("x-forwarded-proto")
            .and_then(|h| h.to_str().ok())
            .is_some_and(|p| p.eq_ignore_ascii_case("https"));
    format!("{}://{host}", if https { "https" } else { "http" })
}

/// Makes (or remakes) the secret address of the calendar feed and shows it once.
pub async fn new_calendar(
    State(state): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
) -> AppResult<Response> {
    let (token, hash) = users::new_token();
    let mut tx = state.db.begin().await?;
    notify::set_calendar_token(&mut tx, &state.ctx(auth.who()), auth.user.id, &hash).await?;
    tx.commit().await?;
    let mut p =
        super::account::account_page(&state, &auth, &headers, None, FieldErrors::new()).await?;
    p.notify.new_calendar_url = Some(format!("{}/lich/{token}.ics", base_url(&state, &headers)));
    p.ctx.flash = Some("Đã tạo địa chỉ lịch mới; địa chỉ cũ (nếu có) không còn dùng được.".into());
    Ok(page(&p, &p.ctx))
}

/// `GET /lich/{token}.ics`: the deadlines of the feed's owner, as iCalendar. No session: the
/// secret address is the key; an unknown one is 404.
pub async fn feed(State(state): State<AppState>, Path(file): Path<String>) -> AppResult<Response> {
    let token = file.strip_suffix(".ics").ok_or(AppError::NotFound)?;
    if token.len() != 64 || !token.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(AppError::NotFound);
    }
    let user_id = notify::calendar_user(&state.db, &users::token_hash(token))
        .await?
        .ok_or(AppError::NotFound)?;
    let user = users::user(&state.db, user_id).await?;
    let actor = users::actor(&state.db, &user).await?;
    let (agencies, person_agency) = reminders::actor_agencies(&state.db, &actor).await?;
    let now = state.clock.now();
    let year = state.clock.today().year();
    let cfg = &state.config.reminders;
    let mut events = Vec::new();
    let mut stamp = None;
    for agency in agencies {
        let duties = reminders::Duties::of_actor(&actor, agency, person_agency);
        let days_before = tdkt_store::settings::get(
            &state.db,
            Some(agency),
            reminders::DAYS_BEFORE_SETTING,
            cfg.days_before,
        )
        .await?;
        for y in [year - 1, year, year + 1] {
            let Some(f) = reminders::Facts::for_agency(&state.db, agency, y, &state.clock).await?
            else {
                continue;
            };
            let plan = tdkt_store::plans::plan(&state.db, f.plan_id).await?;
            stamp = stamp.max(Some(plan.updated_at));
            let items = reminders::items(&state.db, &f, &duties).await?;
            for dl in &f.deadlines {
                let mine: Vec<&reminders::Item> = items
                    .iter()
                    .filter(|i| i.deadline_kind == dl.kind && i.due_on == dl.due_on)
                    .collect();
                if mine.is_empty() {
                    continue;
                }
                let mut description = format!(
                    "{}\nKế hoạch phát động phong trào thi đua năm {y}.",
                    dl.description
                );
                for i in &mine {
                    description.push_str(&format!(
                        "\n- {}{}",
                        i.what,
                        i.status
                            .as_deref()
                            .map(|s| format!(": {s}"))
                            .unwrap_or_default()
                    ));
                }
                events.push(ical::Event {
                    uid: format!(
                        "tdkt-{}-{}-{}-u{}@tdkt",
                        f.plan_id,
                        dl.kind.replace('_', "-"),
                        dl.due_on,
                        user_id
                    ),
                    date: dl.due_on,
                    summary: format!("Hạn: {}", reminders::deadline_label(&dl.kind)),
                    description,
                    url: cfg
                        .public_url
                        .as_ref()
                        .map(|u| format!("{}/", u.trim_end_matches('/'))),
                    alarm_days: mine.iter().any(|i| i.owed).then_some(days_before),
                });
            }
        }
    }
    let body = ical::calendar(
        &format!("Hạn thi đua, khen thưởng — {}", user.display_name),
        "Asia/Ho_Chi_Minh",
        stamp.unwrap_or(now),
        &events,
    );
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("text/calendar; charset=utf-8"),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("private, max-age=300"),
            ),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_static("inline; filename=\"tdkt.ics\""),
            ),
        ],
        body,
    )
        .into_response())
}

// --- /quan-tri/thu-dien-tu ------------------------------------------------------------------------

/// A queued or failed e-mail, as the administrator sees it.
pub struct JobView {
    pub id: i64,
    pub status: String,
    pub to: String,
    pub subject: String,
    pub attempts: String,
    pub next: String,
    pub error: String,
}

pub struct LogView {
    pub at: String,
    pub to: String,
    pub subject: String,
    pub status: &'static str,
    pub error: String,
}

#[derive(Template)]
#[template(path = "email_queue.html")]
struct QueuePage {
    ctx: PageCtx,
    smtp: Option<String>,
    days_before: i64,
    waiting: Vec<JobView>,
    failed: Vec<JobView>,
    log: Vec<LogView>,
    sent: i64,
}

fn payload_agency(payload: &str) -> Option<i64> {
    serde_json::from_str::<EmailPayload>(payload)
        .ok()
        .and_then(|p| p.agency_id)
}

/// Is an e-mail (by its job's payload) within the administrator's reach?
fn reaches(auth: &Auth, payload: Option<&str>) -> bool {
    let scope = auth.actor.scope(Perm::ManageUsers);
    scope.all
        || payload
            .and_then(payload_agency)
            .is_some_and(|a| scope.agencies.contains(&a))
}

pub async fn queue(
    State(state): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
) -> AppResult<Response> {
    let db = &state.db;
    let view = |j: jobs::Job| {
        let p: Option<EmailPayload> = serde_json::from_str(&j.payload).ok();
        JobView {
            id: j.id,
            status: match j.status.as_str() {
                "pending" if j.attempts == 0 => "Chờ gửi".into(),
                "pending" => "Chờ gửi lại".into(),
                "running" => "Đang gửi".into(),
                "failed" => "Thất bại".into(),
                s => s.to_owned(),
            },
            to: p.as_ref().map(|p| p.to.clone()).unwrap_or_default(),
            subject: p.map(|p| p.subject).unwrap_or_default(),
            attempts: format!("{}/{}", j.attempts, j.max_attempts),
            next: fmt_time(&state, j.run_at),
            error: j.last_error.unwrap_or_default(),
        }
    };
    let mut waiting = Vec::new();
    for status in ["running", "pending"] {
        for j in jobs::with_status(db, EMAIL_JOB, status, 500).await? {
            if reaches(&auth, Some(&j.payload)) {
                waiting.push(view(j));
            }
        }
    }
    let failed: Vec<JobView> = jobs::with_status(db, EMAIL_JOB, "failed", 500)
        .await?
        .into_iter()
        .filter(|j| reaches(&auth, Some(&j.payload)))
        .map(view)
        .collect();
    let log_rows: Vec<EmailLog> = notify::email_log(db, 300)
        .await?
        .into_iter()
        .filter(|l| reaches(&auth, l.payload.as_deref()))
        .collect();
    let sent = log_rows.iter().filter(|l| l.status == "sent").count() as i64;
    let log = log_rows
        .into_iter()
        .take(100)
        .map(|l| LogView {
            at: fmt_time(&state, l.at),
            to: l.to_addr,
            subject: l.subject,
            status: match l.status.as_str() {
                "sent" => "Đã gửi",
                "failed" => "Lỗi",
                "skipped" => "Bỏ qua",
                _ => "?",
            },
            error: l.error.unwrap_or_default(),
        })
        .collect();
    let cfg = &state.config.reminders;
    let p = QueuePage {
        ctx: PageCtx::new(&state, &auth, &headers, "/quan-tri/thu-dien-tu"),
        smtp: cfg.smtp.as_ref().map(|s| {
            format!(
                "{}:{}{}, người gửi {}",
                s.host,
                s.port,
                if s.starttls { " (STARTTLS)" } else { "" },
                s.from
            )
        }),
        days_before: cfg.days_before,
        waiting,
        failed,
        log,
        sent,
    };
    Ok(page(&p, &p.ctx))
}

/// Gives a failed e-mail a new set of attempts.
pub async fn retry(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let job = jobs::job(&state.db, id)
        .await?
        .filter(|j| j.kind == EMAIL_JOB && reaches(&auth, Some(&j.payload)))
        .ok_or(AppError::NotFound)?;
    if job.status != "failed" {
        return Ok(redirect_with(
            "/quan-tri/thu-dien-tu",
            "Thư này không ở trạng thái thất bại.",
        ));
    }
    let ctx = state.ctx(auth.who());
    let mut tx = state.db.begin().await?;
    jobs::retry(&mut tx, id, state.clock.now() - Duration::seconds(1)).await?;
    audit::record(
        &mut tx,
        &ctx,
        Change {
            action: "retry",
            entity: "job",
            entity_id: Some(id.to_string()),
            agency_id: payload_agency(&job.payload),
            before: Some(serde_json::json!({ "status": job.status, "attempts": job.attempts, "last_error": job.last_error })),
            ..Default::default()
        },
    )
    .await?;
    tx.commit().await?;
    Ok(redirect_with(
        "/quan-tri/thu-dien-tu",
        "Thư sẽ được gửi lại ở lượt nhắc hạn tiếp theo.",
    ))
}
