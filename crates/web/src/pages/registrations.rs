//! Đăng ký thi đua: a person's registration for the year's plan (`/dang-ky`), one registration
//! with its workflow and kept versions (`/dang-ky/{id}`), the registration form as a document,
//! a unit's page with its members' registrations and its own (`/dang-ky/don-vi/{id}`), and the
//! Office's summary with the registration rate per unit (`/dang-ky/tong-hop`). Lists export to
//! .xlsx. Forms work without JavaScript: adding or removing a target row re-renders the form.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum_extra::extract::Form;
use serde::Deserialize;
use time::Date;

use tdkt_docs::Format;
use tdkt_domain::FieldErrors;
use tdkt_domain::policy::Perm;
use tdkt_domain::targets::{self as tg, NumberInput, OwnerKind, RegistrationInput, TargetInput};
use tdkt_domain::workflow::Action;
use tdkt_domain::{labels, vn};
use tdkt_store::org;
use tdkt_store::registrations::{
    self as reg, Owner, PlanRef, RegistrationRow, TargetRow, VersionRow,
};

mod lists;

pub use lists::{ExportQuery, save_unit, status_text, summary, summary_export, unit, unit_export};

use crate::auth::Auth;
use crate::error::{AppError, AppResult};
use crate::registration::{self as r, TitleCheck};
use crate::state::AppState;
use crate::views::{PageCtx, fmt_date, page, redirect_with};

/// `?nam=2024`: another year's plan than this year's.
#[derive(Debug, Default, Deserialize)]
pub struct YearQuery {
    #[serde(default, deserialize_with = "super::empty_as_none")]
    pub nam: Option<i64>,
}

impl YearQuery {
    fn year(&self) -> Option<i32> {
        self.nam.and_then(|y| i32::try_from(y).ok())
    }
}

/// One target row of the editor, as shown.
#[derive(Debug, Clone, Default)]
pub struct EditRow {
    pub id: String,
    pub name: String,
    pub value: String,
    pub unit: String,
    pub last: String,
    pub resp: String,
    pub due: String,
    pub errors: Vec<String>,
}

/// The registration editor (a person's or a unit's).
#[derive(Debug, Clone)]
pub struct Editor {
    pub action: String,
    pub titles: Vec<(&'static str, &'static str)>,
    pub title_code: String,
    pub commitment: String,
    pub rows: Vec<EditRow>,
    /// Who may be responsible for a target: (person id, name).
    pub people: Vec<(i64, String)>,
    pub errors: FieldErrors,
    /// Changes shown but not saved yet (a row added or removed).
    pub unsaved: bool,
}

impl Editor {
    fn new(action: String, kind: OwnerKind, people: Vec<(i64, String)>) -> Editor {
        Editor {
            action,
            titles: kind
                .titles()
                .iter()
                .map(|c| (*c, labels::award(c)))
                .collect(),
            title_code: String::new(),
            commitment: String::new(),
            rows: vec![EditRow::default()],
            people,
            errors: FieldErrors::new(),
            unsaved: false,
        }
    }

    /// The editor filled from a stored registration.
    fn stored(mut self, reg: &RegistrationRow, targets: &[TargetRow]) -> Editor {
        self.title_code = reg.title_code.clone().unwrap_or_default();
        self.commitment = reg.commitment.clone().unwrap_or_default();
        self.rows = targets
            .iter()
            .map(|t| EditRow {
                id: t.id.to_string(),
                name: t.name.clone(),
                value: tg::format_number(t.value),
                unit: t.unit_of_measure.clone(),
                last: t.last_year_value.map(tg::format_number).unwrap_or_default(),
                resp: t
                    .responsible_person_id
                    .map(|p| p.to_string())
                    .unwrap_or_default(),
                due: t.due_on.map(vn::format_date).unwrap_or_default(),
                errors: vec![],
            })
            .collect();
        if self.rows.is_empty() {
            self.rows.push(EditRow::default());
        }
        self
    }

    /// The editor showing what was typed, with the errors beside their rows.
    fn typed(mut self, f: &EditForm, errors: FieldErrors) -> Editor {
        self.title_code = f.title_code.clone();
        self.commitment = f.commitment.clone();
        self.rows = (0..f.t_name.len())
            .map(|i| {
                let get = |v: &Vec<String>| v.get(i).cloned().unwrap_or_default();
                let prefix = format!("targets[{i}].");
                EditRow {
                    id: get(&f.t_id),
                    name: get(&f.t_name),
                    value: get(&f.t_value),
                    unit: get(&f.t_unit),
                    last: get(&f.t_last),
                    resp: get(&f.t_resp),
                    due: get(&f.t_due),
                    errors: errors
                        .0
                        .iter()
                        .filter(|e| e.field.starts_with(&prefix))
                        .map(|e| e.to_string())
                        .collect(),
                }
            })
            .collect();
        self.errors = errors;
        self
    }
}

/// The editor's form: the title, the commitment and the target rows (repeated fields), and which
/// button was pressed (`do`: `save`, `submit`, `add`); rows ticked in `t_del` are left out.
#[derive(Debug, Default, Clone, Deserialize)]
pub struct EditForm {
    #[serde(default)]
    pub title_code: String,
    #[serde(default)]
    pub commitment: String,
    #[serde(default)]
    pub t_id: Vec<String>,
    #[serde(default)]
    pub t_name: Vec<String>,
    #[serde(default)]
    pub t_value: Vec<String>,
    #[serde(default)]
    pub t_unit: Vec<String>,
    #[serde(default)]
    pub t_last: Vec<String>,
    #[serde(default)]
    pub t_resp: Vec<String>,
    #[serde(default)]
    pub t_due: Vec<String>,
    /// Row indexes ticked "Xoá".
    #[serde(default)]
    pub t_del: Vec<String>,
    #[serde(default, rename = "do")]
    pub op: String,
}

impl EditForm {
    fn input(&self) -> RegistrationInput {
        let get = |v: &Vec<String>, i: usize| v.get(i).cloned().unwrap_or_default();
        RegistrationInput {
            title_code: self.title_code.clone(),
            commitment: self.commitment.clone(),
            targets: (0..self.t_name.len())
                .map(|i| TargetInput {
                    id: get(&self.t_id, i).trim().parse().ok(),
                    name: get(&self.t_name, i),
                    value: NumberInput::Text(get(&self.t_value, i)),
                    unit_of_measure: get(&self.t_unit, i),
                    last_year_value: NumberInput::Text(get(&self.t_last, i)),
                    responsible_person_id: get(&self.t_resp, i).trim().parse().ok(),
                    due_on: get(&self.t_due, i),
                })
                .collect(),
        }
    }

    fn columns(&mut self) -> [&mut Vec<String>; 7] {
        [
            &mut self.t_id,
            &mut self.t_name,
            &mut self.t_value,
            &mut self.t_unit,
            &mut self.t_last,
            &mut self.t_resp,
            &mut self.t_due,
        ]
    }

    /// The form without the rows ticked "Xoá" (deleted when saved), every column as long as the
    /// longest.
    fn without_deleted(mut self) -> EditForm {
        let deleted: Vec<usize> = self.t_del.iter().filter_map(|d| d.parse().ok()).collect();
        let n = self.columns().iter().map(|c| c.len()).max().unwrap_or(0);
        for c in self.columns() {
            c.resize(n, String::new());
            let kept: Vec<String> = c
                .drain(..)
                .enumerate()
                .filter(|(i, _)| !deleted.contains(i))
                .map(|(_, v)| v)
                .collect();
            *c = kept;
        }
        self.t_del.clear();
        self
    }

    /// "Thêm chỉ tiêu": the form shown again with one more row, unsaved.
    fn added_row(&self) -> Option<EditForm> {
        (self.op == "add").then(|| {
            let mut f = self.clone();
            for c in f.columns() {
                c.push(String::new());
            }
            f
        })
    }
}

/// The people who may be responsible for a unit's targets: its members (and those under it).
async fn people_of(
    state: &AppState,
    plan: &PlanRef,
    unit_path: &str,
) -> AppResult<Vec<(i64, String)>> {
    Ok(reg::members(&state.db, plan.id, unit_path)
        .await?
        .into_iter()
        .map(|m| (m.person_id, m.full_name))
        .collect())
}

#[derive(Template)]
#[template(path = "registration_mine.html")]
struct MinePage {
    ctx: PageCtx,
    year: i32,
    plan: Option<PlanRef>,
    person_name: String,
    unit_name: String,
    reg: Option<RegistrationRow>,
    targets: Vec<TargetRow>,
    editor: Option<Editor>,
    check: Option<TitleCheck>,
    /// Locked by the deadline before it was sent.
    show_locked: bool,
    /// What was refused when there is no editor to show it beside (a locked registration).
    errors: FieldErrors,
    today: Date,
    /// The unit head's page and the summary, for who may open them.
    unit_link: Option<i64>,
    summary_link: bool,
}

async fn mine_page(
    state: &AppState,
    auth: &Auth,
    headers: &HeaderMap,
    path: &str,
    year: Option<i32>,
    typed: Option<(&EditForm, FieldErrors)>,
) -> AppResult<MinePage> {
    let person = r::own_person(state, auth).await?;
    let plan = r::plan_of(state, person.agency_id, year).await?;
    let unit = match person.unit_id {
        Some(u) => Some(org::unit(&state.db, u).await?),
        None => None,
    };
    let today = state.clock.today();
    let mut p = MinePage {
        ctx: PageCtx::new(state, auth, headers, path),
        year: year.unwrap_or(today.year()),
        plan: plan.clone(),
        person_name: person.full_name.clone(),
        unit_name: unit.as_ref().map(|u| u.name.clone()).unwrap_or_default(),
        reg: None,
        targets: vec![],
        editor: None,
        check: None,
        show_locked: false,
        errors: FieldErrors::new(),
        today,
        unit_link: auth
            .actor
            .grants
            .iter()
            .find_map(|g| g.unit.as_ref().map(|u| u.0)),
        summary_link: auth.actor.can(Perm::ViewMovement),
    };
    let (Some(plan), Some(unit)) = (plan, unit) else {
        return Ok(p);
    };
    let owner = Owner::Person {
        person_id: person.id,
        unit_id: unit.id,
    };
    let stored = reg::by_owner(&state.db, plan.id, owner).await?;
    let locked = tdkt_domain::workflow::locked(
        plan.deadline,
        stored.as_ref().and_then(|s| s.reopened_until),
        today,
    );
    if let Some(s) = &stored {
        p.targets = reg::targets(&state.db, s.id).await?;
        p.check = r::title_check(state, auth, s).await?;
    }
    let editable = stored.as_ref().is_none_or(|s| s.status().editable());
    p.show_locked = editable && locked;
    if let Some((_, e)) = &typed
        && (!editable || locked)
    {
        p.errors = e.clone();
    }
    if editable && !locked {
        let people = vec![(person.id, person.full_name.clone())];
        let ed = Editor::new("/dang-ky".into(), OwnerKind::Person, people);
        p.editor = Some(match (typed, &stored) {
            (Some((f, e)), _) => ed.typed(f, e),
            (None, Some(s)) => ed.stored(s, &p.targets),
            (None, None) => ed,
        });
    }
    p.reg = stored;
    Ok(p)
}

/// The caller's registration in this year's plan: the editor while it may be changed, else
/// what was sent and where it stands.
pub async fn mine(
    State(state): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
    uri: Uri,
    Query(q): Query<YearQuery>,
) -> AppResult<Response> {
    let p = mine_page(&state, &auth, &headers, uri.path(), q.year(), None).await?;
    Ok(page(&p, &p.ctx))
}

/// Saves (or sends) the caller's registration, or shows the form again with a row added or
/// removed; refused input comes back with 422 and every problem beside its field.
pub async fn save_mine(
    State(state): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
    uri: Uri,
    Query(q): Query<YearQuery>,
    Form(f): Form<EditForm>,
) -> AppResult<Response> {
    let f = f.without_deleted();
    if let Some(edited) = f.added_row() {
        let mut p = mine_page(
            &state,
            &auth,
            &headers,
            uri.path(),
            q.year(),
            Some((&edited, FieldErrors::new())),
        )
        .await?;
        if let Some(e) = p.editor.as_mut() {
            e.unsaved = true;
        }
        return Ok(page(&p, &p.ctx));
    }
    let person = r::own_person(&state, &auth).await?;
    let plan = r::plan_of(&state, person.agency_id, q.year())
        .await?
        .ok_or(AppError::NotFound)?;
    let unit_id = person
        .unit_id
        .ok_or_else(|| AppError::bad_request("Bạn chưa thuộc đơn vị nào nên chưa đăng ký được."))?;
    let owner = Owner::Person {
        person_id: person.id,
        unit_id,
    };
    let submit = f.op == "submit";
    match r::save(&state, &auth, &plan, owner, &f.input(), submit).await {
        Ok(id) => Ok(redirect_with(
            &if submit {
                format!("/dang-ky/{id}")
            } else {
                "/dang-ky".to_owned()
            },
            if submit {
                "Đã gửi bản đăng ký thi đua để trưởng đơn vị duyệt."
            } else {
                "Đã lưu bản đăng ký thi đua."
            },
        )),
        Err(AppError::Invalid(e)) => {
            let p = mine_page(&state, &auth, &headers, uri.path(), q.year(), Some((&f, e))).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page(&p, &p.ctx)).into_response())
        }
        Err(e) => Err(e),
    }
}

#[derive(Template)]
#[template(path = "registration_show.html")]
struct ShowPage {
    ctx: PageCtx,
    reg: RegistrationRow,
    targets: Vec<TargetRow>,
    versions: Vec<VersionRow>,
    check: Option<TitleCheck>,
    can_submit: bool,
    can_approve: bool,
    can_reopen: bool,
    /// Where its owner edits it, when the caller is the owner and it may be changed.
    edit_link: Option<String>,
    deadline: Option<Date>,
    today: Date,
    default_reopen: String,
}

/// One registration: its content with the "3 hơn" and overdue flags, the rule engine's word on
/// the title, the actions the caller may take, and every kept version.
pub async fn show(
    State(state): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
    uri: Uri,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let reg = r::in_reach(&state, &auth, id).await?;
    let plan = reg::plan_ref(&state.db, reg.plan_id).await?;
    let actions = r::actions(&auth, &reg);
    let edit_link =
        (actions.contains(&Action::Submit) && reg.status().editable()).then(|| {
            match reg.person_id {
                Some(_) => format!("/dang-ky?nam={}", reg.plan_year),
                None => format!("/dang-ky/don-vi/{}?nam={}", reg.unit_id, reg.plan_year),
            }
        });
    let today = state.clock.today();
    let p = ShowPage {
        ctx: PageCtx::new(&state, &auth, &headers, uri.path()),
        targets: reg::targets(&state.db, id).await?,
        versions: reg::versions(&state.db, id).await?,
        check: r::title_check(&state, &auth, &reg).await?,
        can_submit: actions.contains(&Action::Submit),
        can_approve: actions.contains(&Action::Approve),
        can_reopen: actions.contains(&Action::Reopen),
        edit_link,
        deadline: plan.deadline,
        today,
        default_reopen: fmt_date(today + time::Duration::days(7)),
        reg,
    };
    Ok(page(&p, &p.ctx))
}

/// The reason of a return, the date of a reopening.
#[derive(Debug, Default, Deserialize)]
pub struct ActionForm {
    #[serde(default)]
    reason: String,
    #[serde(default)]
    reopened_until: String,
}

async fn do_action(
    state: AppState,
    auth: Auth,
    id: i64,
    action: Action,
    f: ActionForm,
) -> AppResult<Response> {
    let until = match f.reopened_until.trim() {
        "" => None,
        d => Some(vn::parse_date(d).ok_or_else(|| {
            let mut e = FieldErrors::new();
            e.add(
                "reopened_until",
                "Mở lại đến ngày",
                "không phải ngày hợp lệ (dd/mm/yyyy)",
            );
            AppError::Invalid(e)
        })?),
    };
    let (reg, _) = r::act(&state, &auth, id, action, Some(&f.reason), until).await?;
    let who = reg.owner_name().to_owned();
    let msg = match action {
        Action::Submit => "Đã gửi bản đăng ký để duyệt.".to_owned(),
        Action::Approve => format!("Đã duyệt bản đăng ký của {who}."),
        Action::Return => format!("Đã trả lại bản đăng ký của {who}, kèm lý do."),
        Action::Reopen => format!("Đã mở lại bản đăng ký của {who} để sửa và gửi lại."),
    };
    Ok(redirect_with(&format!("/dang-ky/{id}"), &msg))
}

pub async fn submit(
    State(s): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
    axum::Form(f): axum::Form<ActionForm>,
) -> AppResult<Response> {
    do_action(s, auth, id, Action::Submit, f).await
}

pub async fn approve(
    State(s): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
    axum::Form(f): axum::Form<ActionForm>,
) -> AppResult<Response> {
    do_action(s, auth, id, Action::Approve, f).await
}

pub async fn return_back(
    State(s): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
    axum::Form(f): axum::Form<ActionForm>,
) -> AppResult<Response> {
    do_action(s, auth, id, Action::Return, f).await
}

pub async fn reopen(
    State(s): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
    axum::Form(f): axum::Form<ActionForm>,
) -> AppResult<Response> {
    do_action(s, auth, id, Action::Reopen, f).await
}

/// The registration form (Bản đăng ký thi đua) as DOCX or PDF.
pub async fn download(
    State(state): State<AppState>,
    auth: Auth,
    Path((id, format)): Path<(i64, String)>,
) -> AppResult<Response> {
    let reg = r::in_reach(&state, &auth, id).await?;
    let format = match format.as_str() {
        "docx" => Format::Docx,
        "pdf" => Format::Pdf,
        _ => return Err(AppError::NotFound),
    };
    let (bytes, name) = r::render(&state, &reg, format).await?;
    let disposition = tdkt_docs::filename::content_disposition(&name);
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static(format.media_type()),
            ),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_str(&disposition).map_err(AppError::internal)?,
            ),
        ],
        bytes,
    )
        .into_response())
}

/// For templates: what a version records ("Gửi", "Duyệt", …).
pub fn action_label(code: &str) -> &'static str {
    Action::from_code(code).map(Action::label).unwrap_or("")
}

/// For templates: is the target overdue today?
pub fn overdue(t: &TargetRow, today: &Date) -> bool {
    t.overdue(*today)
}

/// A number however many references templates put around it.
pub trait Num {
    fn get(&self) -> f64;
}

impl Num for f64 {
    fn get(&self) -> f64 {
        *self
    }
}

impl<T: Num + ?Sized> Num for &T {
    fn get(&self) -> f64 {
        (**self).get()
    }
}

/// For templates: a number as offices print it.
pub fn num(v: impl Num) -> String {
    tg::format_number(v.get())
}

/// For templates: an optional number ("–" when none).
pub fn opt_num(v: impl std::borrow::Borrow<Option<f64>>) -> String {
    v.borrow()
        .map(tg::format_number)
        .unwrap_or_else(|| "–".into())
}
