//! People: the list (Vietnamese order, search without diacritics, filters, paging, Excel export),
//! the profile page with records and history, forms, and transfers.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use tdkt_domain::FieldErrors;
use tdkt_domain::person::{Category, Gender, PersonDraft, PersonForm};
use tdkt_domain::policy::Perm;
use tdkt_domain::records::RecordForm;
use tdkt_sheets::{Cell, Column};
use tdkt_store::org::{self, Unit, UnitFilter, UnitListItem};
use tdkt_store::people::{self, Assignment, Person, PersonFilter, PersonListItem};
use tdkt_store::records::{self, PersonRecords};

use crate::auth::Auth;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::views::{PageCtx, fmt_date, page, pages, redirect_with, xlsx_response};

pub const PER_PAGE: i64 = 50;

#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    pub q: Option<String>,
    #[serde(default, deserialize_with = "super::empty_as_none")]
    pub unit: Option<i64>,
    pub category: Option<String>,
    pub page: Option<i64>,
    pub all: Option<String>,
}

impl ListQuery {
    pub fn filter(&self) -> PersonFilter {
        PersonFilter {
            agency_id: None,
            unit_id: self.unit,
            q: self.q.clone(),
            category: self
                .category
                .clone()
                .filter(|c| Category::from_code(c).is_some()),
            include_inactive: self.all.is_some(),
        }
    }

    /// The query string without the page, for the pager's links.
    fn base_query(&self) -> String {
        let mut s = url::form_urlencoded::Serializer::new(String::new());
        if let Some(q) = &self.q {
            s.append_pair("q", q);
        }
        if let Some(u) = self.unit {
            s.append_pair("unit", &u.to_string());
        }
        if let Some(c) = &self.category {
            s.append_pair("category", c);
        }
        if self.all.is_some() {
            s.append_pair("all", "1");
        }
        s.finish()
    }
}

#[derive(Template)]
#[template(path = "people_list.html")]
struct ListPage {
    ctx: PageCtx,
    people: Vec<PersonListItem>,
    total: i64,
    page_no: i64,
    last_page: i64,
    units: Vec<UnitListItem>,
    q: ListQuery,
    base_query: String,
    can_manage: bool,
    categories: [Category; 3],
}

/// Shown in lists: the Vietnamese names of codes.
pub fn gender_label(g: &Option<String>) -> &'static str {
    match g.as_deref() {
        Some("nam") => Gender::Nam.label(),
        Some("nu") => Gender::Nu.label(),
        _ => "",
    }
}

pub fn category_label(c: &str) -> &'static str {
    Category::from_code(c).map(|c| c.label()).unwrap_or("")
}

pub async fn list(
    State(state): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
    uri: Uri,
    Query(q): Query<ListQuery>,
) -> AppResult<Response> {
    let scope = auth.actor.scope(Perm::ViewPeople);
    let requested = q.page.unwrap_or(1).max(1);
    let filter = q.filter();
    let offset = |page: i64| (page - 1).saturating_mul(PER_PAGE);
    let (mut people, total) =
        people::list_people(&state.db, &scope, &filter, offset(requested), PER_PAGE).await?;
    let (page_no, last_page) = pages(total, PER_PAGE, requested);
    if page_no != requested {
        // Past the end (an old link, a shorter list): the last page, as the pager says.
        people = people::list_people(&state.db, &scope, &filter, offset(page_no), PER_PAGE)
            .await?
            .0;
    }
    let units = org::list_units(
        &state.db,
        &auth.actor.scope(Perm::ViewUnits),
        &UnitFilter::default(),
    )
    .await?;
    let p = ListPage {
        ctx: PageCtx::new(&state, &auth, &headers, uri.path()),
        people,
        total,
        page_no,
        last_page,
        units,
        base_query: q.base_query(),
        q,
        can_manage: auth.actor.can(Perm::ManagePeople),
        categories: Category::ALL,
    };
    Ok(page(&p, &p.ctx))
}

pub async fn export(
    State(state): State<AppState>,
    auth: Auth,
    Query(q): Query<ListQuery>,
) -> AppResult<Response> {
    let scope = auth.actor.scope(Perm::ViewPeople);
    let (people, _) = people::list_people(&state.db, &scope, &q.filter(), 0, 1_000_000).await?;
    let cols = [
        Column::new("STT", 6.0),
        Column::new("Mã cán bộ", 12.0),
        Column::new("Họ và tên", 26.0),
        Column::new("Ngày sinh", 12.0),
        Column::new("Giới tính", 9.0),
        Column::new("Mã đơn vị", 10.0),
        Column::new("Đơn vị", 36.0),
        Column::new("Chức vụ", 22.0),
        Column::new("Ngạch", 22.0),
        Column::new("Loại", 14.0),
        Column::new("Ngày bắt đầu công tác", 14.0),
    ];
    let rows: Vec<Vec<Cell>> = people
        .into_iter()
        .enumerate()
        .map(|(i, p)| {
            vec![
                Cell::Int(i as i64 + 1),
                p.code.into(),
                p.full_name.into(),
                p.birth_date.into(),
                gender_label(&p.gender).into(),
                p.unit_code.into(),
                p.unit_name.into(),
                p.position.into(),
                p.rank.into(),
                category_label(&p.category).into(),
                p.started_on.into(),
            ]
        })
        .collect();
    let bytes = tdkt_sheets::write_table(
        "Cán bộ",
        Some("DANH SÁCH CÁN BỘ, CÔNG CHỨC, VIÊN CHỨC, NGƯỜI LAO ĐỘNG"),
        &cols,
        &rows,
    )
    .map_err(AppError::internal)?;
    Ok(xlsx_response(
        &format!(
            "Danh sách cán bộ {}.xlsx",
            fmt_date(state.clock.today()).replace('/', "-")
        ),
        bytes,
    ))
}

#[derive(Template)]
#[template(path = "person_show.html")]
struct ShowPage {
    ctx: PageCtx,
    person: Person,
    unit: Option<Unit>,
    show_sensitive: bool,
    records: PersonRecords,
    assignments: Vec<Assignment>,
    can_manage: bool,
    can_records: bool,
    transfer_units: Vec<UnitListItem>,
    /// Which records form to open (after an error), its errors and input.
    open_form: String,
    errors: FieldErrors,
    form: RecordForm,
    lists: RecordLists,
    /// This year's verdicts, for whoever may view the person's records.
    verdicts: Option<crate::verdicts::PersonPanel>,
}

async fn person_in_reach(state: &AppState, auth: &Auth, perm: Perm, id: i64) -> AppResult<Person> {
    let p = people::person(&state.db, id).await?;
    auth.check(perm, &p.target())?;
    Ok(p)
}

pub async fn show(
    State(state): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
    uri: Uri,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    render_show(&state, &auth, &headers, uri.path(), id, None).await
}

/// The profile page; `failed` re-opens a records form with its errors (kind, errors, input).
pub async fn render_show(
    state: &AppState,
    auth: &Auth,
    headers: &HeaderMap,
    path: &str,
    id: i64,
    failed: Option<(String, FieldErrors, RecordForm)>,
) -> AppResult<Response> {
    let person = person_in_reach(state, auth, Perm::ViewPeople, id).await?;
    let show_sensitive = auth.actor.can_on(Perm::ViewSensitive, &person.target());
    if show_sensitive && (person.ethnicity.is_some() || person.religion.is_some()) {
        people::log_sensitive_view(&state.db, &state.ctx(auth.who()), &person).await?;
    }
    let unit = match person.unit_id {
        Some(u) => Some(org::unit(&state.db, u).await?),
        None => None,
    };
    let can_manage = auth.actor.can_on(Perm::ManagePeople, &person.target());
    let can_records = auth.actor.can_on(Perm::ManageRecords, &person.target());
    let transfer_units = if can_manage {
        org::list_units(
            &state.db,
            &auth.actor.scope(Perm::ManagePeople),
            &UnitFilter::default(),
        )
        .await?
        .into_iter()
        .filter(|u| Some(u.id) != person.unit_id)
        .collect()
    } else {
        vec![]
    };
    let (open_form, errors, form) = match failed {
        Some((k, e, f)) => (k, e, f),
        None => (String::new(), FieldErrors::new(), RecordForm::default()),
    };
    let p = ShowPage {
        ctx: PageCtx::new(state, auth, headers, path),
        records: records::person_records(&state.db, person.id).await?,
        assignments: people::assignments(&state.db, person.id).await?,
        verdicts: crate::verdicts::person_panel(state, auth, &person).await?,
        person,
        unit,
        show_sensitive,
        can_manage,
        can_records,
        transfer_units,
        open_form,
        errors,
        form,
        lists: RecordLists::default(),
    };
    Ok(page(&p, &p.ctx))
}

/// The choices of the records forms.
pub struct RecordLists {
    pub ratings: &'static [&'static str],
    pub titles: &'static [&'static str],
    pub awards: &'static [&'static str],
    pub award_kinds: &'static [&'static str],
    pub grounds: &'static [&'static str],
    pub initiative_kinds: &'static [&'static str],
    pub scopes: &'static [&'static str],
    pub discipline: &'static [&'static str],
    pub absences: &'static [&'static str],
    pub pending: &'static [&'static str],
}

impl Default for RecordLists {
    fn default() -> Self {
        use tdkt_domain::records as r;
        RecordLists {
            ratings: r::RATINGS,
            titles: r::PERSON_TITLES,
            awards: r::AWARDS,
            award_kinds: r::AWARD_KINDS,
            grounds: r::GROUNDS,
            initiative_kinds: r::INITIATIVE_KINDS,
            scopes: r::INITIATIVE_SCOPES,
            discipline: r::DISCIPLINE_LEVELS,
            absences: r::ABSENCE_KINDS,
            pending: r::PENDING_KINDS,
        }
    }
}

#[derive(Template)]
#[template(path = "person_form.html")]
struct FormPage {
    ctx: PageCtx,
    editing: Option<Person>,
    form: PersonForm,
    unit_id: Option<i64>,
    units: Vec<UnitListItem>,
    errors: FieldErrors,
    categories: [Category; 3],
    show_sensitive: bool,
}

#[derive(Debug, Default, Deserialize)]
pub struct PersonFormBody {
    #[serde(flatten)]
    pub person: PersonForm,
    pub unit_id: Option<i64>,
}

async fn form_page(
    state: &AppState,
    auth: &Auth,
    headers: &HeaderMap,
    path: &str,
    editing: Option<Person>,
    form: PersonForm,
    unit_id: Option<i64>,
    errors: FieldErrors,
) -> AppResult<FormPage> {
    let units = org::list_units(
        &state.db,
        &auth.actor.scope(Perm::ManagePeople),
        &UnitFilter::default(),
    )
    .await?;
    let show_sensitive = match &editing {
        Some(p) => auth.actor.can_on(Perm::ViewSensitive, &p.target()),
        None => auth.actor.can(Perm::ViewSensitive),
    };
    Ok(FormPage {
        ctx: PageCtx::new(state, auth, headers, path),
        editing,
        form,
        unit_id,
        units,
        errors,
        categories: Category::ALL,
        show_sensitive,
    })
}

#[derive(Debug, Deserialize)]
pub struct NewQuery {
    unit: Option<i64>,
}

pub async fn new_form(
    State(state): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
    uri: Uri,
    Query(q): Query<NewQuery>,
) -> AppResult<Response> {
    let form = PersonForm {
        category: "cong_chuc".into(),
        ..Default::default()
    };
    let p = form_page(
        &state,
        &auth,
        &headers,
        uri.path(),
        None,
        form,
        q.unit,
        FieldErrors::new(),
    )
    .await?;
    Ok(page(&p, &p.ctx))
}

/// The unit a person is put in: it must be within the caller's reach for managing people.
async fn unit_for(state: &AppState, auth: &Auth, unit_id: Option<i64>) -> AppResult<Unit> {
    let Some(id) = unit_id else {
        let mut e = FieldErrors::new();
        e.add("unit_id", "Đơn vị", "hãy chọn đơn vị");
        return Err(AppError::Invalid(e));
    };
    let u = org::unit(&state.db, id)
        .await
        .map_err(|_| AppError::NotFound)?;
    auth.check(Perm::ManagePeople, &u.target())?;
    Ok(u)
}

pub async fn create(
    State(state): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
    uri: Uri,
    Form(body): Form<PersonFormBody>,
) -> AppResult<Response> {
    let result = async {
        let draft = PersonDraft::parse(&body.person, state.clock.today());
        let unit = unit_for(&state, &auth, body.unit_id).await;
        let (draft, unit) = merge_errors(draft, unit)?;
        let from = draft.started_on.unwrap_or(state.clock.today());
        let mut tx = state.db.begin().await?;
        let id =
            people::create_person(&mut tx, &state.ctx(auth.who()), unit.id, &draft, from).await?;
        tx.commit().await?;
        Ok::<i64, AppError>(id)
    }
    .await;
    match result {
        Ok(id) => Ok(redirect_with(&format!("/can-bo/{id}"), "Đã thêm cán bộ.")),
        Err(AppError::Invalid(errors)) => {
            let p = form_page(
                &state,
                &auth,
                &headers,
                uri.path(),
                None,
                body.person,
                body.unit_id,
                errors,
            )
            .await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page(&p, &p.ctx)).into_response())
        }
        Err(e) => Err(e),
    }
}

/// Both checks' errors together, so that the form names every field at once.
fn merge_errors<A>(
    draft: Result<PersonDraft, FieldErrors>,
    other: AppResult<A>,
) -> AppResult<(PersonDraft, A)> {
    match (draft, other) {
        (Ok(d), Ok(a)) => Ok((d, a)),
        (Err(mut e), Err(AppError::Invalid(e2))) => {
            e.0.extend(e2.0);
            Err(AppError::Invalid(e))
        }
        (Err(e), Ok(_)) => Err(AppError::Invalid(e)),
        (_, Err(e)) => Err(e),
    }
}

fn form_of(p: &Person) -> PersonForm {
    let d = |x: &Option<time::Date>| x.map(fmt_date).unwrap_or_default();
    let s = |x: &Option<String>| x.clone().unwrap_or_default();
    PersonForm {
        code: p.code.clone(),
        full_name: p.full_name.clone(),
        birth_date: d(&p.birth_date),
        gender: s(&p.gender),
        ethnicity: s(&p.ethnicity),
        religion: s(&p.religion),
        hometown: s(&p.hometown),
        residence: s(&p.residence),
        position: s(&p.position),
        rank: s(&p.rank),
        category: p.category.clone(),
        started_on: d(&p.started_on),
        appointed_on: d(&p.appointed_on),
        qualifications: s(&p.qualifications),
        political_theory: s(&p.political_theory),
        email: s(&p.email),
        phone: s(&p.phone),
    }
}

pub async fn edit_form(
    State(state): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
    uri: Uri,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let person = person_in_reach(&state, &auth, Perm::ManagePeople, id).await?;
    let mut form = form_of(&person);
    if !auth.actor.can_on(Perm::ViewSensitive, &person.target()) {
        form.ethnicity.clear();
        form.religion.clear();
    }
    let unit_id = person.unit_id;
    let p = form_page(
        &state,
        &auth,
        &headers,
        uri.path(),
        Some(person),
        form,
        unit_id,
        FieldErrors::new(),
    )
    .await?;
    Ok(page(&p, &p.ctx))
}

pub async fn update(
    State(state): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
    uri: Uri,
    Path(id): Path<i64>,
    Form(mut body): Form<PersonFormBody>,
) -> AppResult<Response> {
    let person = person_in_reach(&state, &auth, Perm::ManagePeople, id).await?;
    if !auth.actor.can_on(Perm::ViewSensitive, &person.target()) {
        // Who may not see sensitive data may not change it either: keep what is stored.
        body.person.ethnicity = person.ethnicity.clone().unwrap_or_default();
        body.person.religion = person.religion.clone().unwrap_or_default();
    }
    let result = async {
        let draft = PersonDraft::parse(&body.person, state.clock.today())?;
        let mut tx = state.db.begin().await?;
        people::update_person(&mut tx, &state.ctx(auth.who()), id, &draft).await?;
        tx.commit().await?;
        Ok::<(), AppError>(())
    }
    .await;
    match result {
        Ok(()) => Ok(redirect_with(&format!("/can-bo/{id}"), "Đã lưu thay đổi.")),
        Err(AppError::Invalid(errors)) => {
            let unit_id = person.unit_id;
            let p = form_page(
                &state,
                &auth,
                &headers,
                uri.path(),
                Some(person),
                body.person,
                unit_id,
                errors,
            )
            .await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, page(&p, &p.ctx)).into_response())
        }
        Err(e) => Err(e),
    }
}

#[derive(Debug, Deserialize)]
pub struct TransferForm {
    unit_id: i64,
    on: String,
    reason: Option<String>,
}

pub async fn transfer(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
    Form(f): Form<TransferForm>,
) -> AppResult<Response> {
    let person = person_in_reach(&state, &auth, Perm::ManagePeople, id).await?;
    let unit = unit_for(&state, &auth, Some(f.unit_id)).await?;
    let Some(on) = tdkt_domain::vn::parse_date(&f.on) else {
        let mut e = FieldErrors::new();
        e.add("on", "Ngày chuyển", "không phải ngày hợp lệ (dd/mm/yyyy)");
        return Err(AppError::Invalid(e));
    };
    let reason = f.reason.as_deref().and_then(tdkt_domain::vn::clean_opt);
    let mut tx = state.db.begin().await?;
    people::transfer_in_tx(
        &mut tx,
        &state.ctx(auth.who()),
        person.id,
        unit.id,
        on,
        reason.as_deref(),
    )
    .await?;
    tx.commit().await?;
    Ok(redirect_with(
        &format!("/can-bo/{id}"),
        &format!("Đã chuyển sang {} từ ngày {}.", unit.name, fmt_date(on)),
    ))
}
