//! Administration: agencies, accounts and their roles, the audit log.

use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use tdkt_domain::policy::{Perm, Role};
use tdkt_domain::{FieldErrors, vn};
use tdkt_store::audit::{self, AuditRow};
use tdkt_store::org::{self, Agency};
use tdkt_store::users::{self, RoleRow, User};

use crate::auth::Auth;
use crate::error::{AppError, AppResult};
use crate::pages::account::check_new_password;
use crate::state::AppState;
use crate::views::{PageCtx, fmt_time, page, redirect_with};

#[derive(Template)]
#[template(path = "agencies.html")]
struct AgenciesPage {
    ctx: PageCtx,
    agencies: Vec<(Agency, String, Option<String>)>,
}

pub async fn agencies(
    State(state): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
    uri: Uri,
) -> AppResult<Response> {
    let list = org::agencies(&state.db, &auth.actor.scope(Perm::ViewAgencies)).await?;
    let clusters = org::clusters(&state.db).await?;
    let year = state.clock.today().year();
    let mut rows = Vec::new();
    for a in list {
        let cluster = a
            .cluster_id
            .and_then(|c| clusters.iter().find(|x| x.id == c));
        let head = match cluster {
            Some(c) => org::cluster_head(&state.db, c.id, year).await?.map(|h| {
                if h == a.id {
                    "trưởng khối".to_owned()
                } else {
                    String::new()
                }
            }),
            None => None,
        };
        rows.push((
            a,
            cluster.map(|c| c.name.clone()).unwrap_or_default(),
            head.filter(|h| !h.is_empty()),
        ));
    }
    let p = AgenciesPage {
        ctx: PageCtx::new(&state, &auth, &headers, uri.path()),
        agencies: rows,
    };
    Ok(page(&p, &p.ctx))
}

#[derive(Template)]
#[template(path = "users.html")]
struct UsersPage {
    ctx: PageCtx,
    users: Vec<(User, Vec<RoleRow>)>,
    agencies: Vec<Agency>,
    roles: [Role; 6],
    errors: FieldErrors,
    form: NewUserForm,
}

#[derive(Debug, Default, Deserialize)]
pub struct NewUserForm {
    #[serde(default)]
    username: String,
    #[serde(default)]
    display_name: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    role: String,
    agency_id: Option<i64>,
    #[serde(default)]
    unit_code: String,
    #[serde(default)]
    person_code: String,
}

/// Accounts the caller manages: a province administrator sees all; an agency's administrator,
/// those with a role in that agency (and accounts with no role yet).
fn in_reach(auth: &Auth, roles: &[RoleRow]) -> bool {
    let scope = auth.actor.scope(Perm::ManageUsers);
    scope.all
        || roles.is_empty()
        || roles
            .iter()
            .any(|r| r.agency_id.is_some_and(|a| scope.agencies.contains(&a)))
}

async fn users_page(
    state: &AppState,
    auth: &Auth,
    headers: &HeaderMap,
    path: &str,
    errors: FieldErrors,
    form: NewUserForm,
) -> AppResult<UsersPage> {
    let all_roles = users::roles(&state.db, None).await?;
    let list = users::users(&state.db)
        .await?
        .into_iter()
        .map(|u| {
            let r: Vec<RoleRow> = all_roles
                .iter()
                .filter(|r| r.user_id == u.id)
                .cloned()
                .collect();
            (u, r)
        })
        .filter(|(_, r)| in_reach(auth, r))
        .collect();
    Ok(UsersPage {
        ctx: PageCtx::new(state, auth, headers, path),
        users: list,
        agencies: org::agencies(&state.db, &auth.actor.scope(Perm::ManageUsers)).await?,
        roles: Role::ALL,
        errors,
        form,
    })
}

pub async fn users(
    State(state): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
    uri: Uri,
) -> AppResult<Response> {
    let p = users_page(
        &state,
        &auth,
        &headers,
        uri.path(),
        FieldErrors::new(),
        NewUserForm::default(),
    )
    .await?;
    Ok(page(&p, &p.ctx))
}

/// Resolves and checks a role assignment: the role, its agency (within the caller's reach), the
/// unit for a unit head, the person for staff.
async fn resolve_role(
    state: &AppState,
    auth: &Auth,
    role: &str,
    agency_id: Option<i64>,
    unit_code: &str,
    errors: &mut FieldErrors,
) -> AppResult<Option<(Role, Option<i64>, Option<i64>)>> {
    let Some(role) = Role::from_code(role) else {
        errors.add("role", "Vai trò", "hãy chọn vai trò");
        return Ok(None);
    };
    let scope = auth.actor.scope(Perm::ManageUsers);
    let agency_id = match agency_id {
        Some(a) if scope.all || scope.agencies.contains(&a) => Some(a),
        Some(_) => return Err(AppError::NotFound),
        None if role == Role::Admin && scope.all => None,
        None => {
            errors.add("agency_id", "Cơ quan", "hãy chọn cơ quan");
            return Ok(None);
        }
    };
    let unit_id = if role == Role::TruongDonVi {
        match agency_id {
            Some(a) => match org::unit_by_code(&state.db, a, unit_code).await? {
                Some(u) => Some(u.id),
                None => {
                    errors.add(
                        "unit_code",
                        "Mã đơn vị",
                        format!(
                            "không có đơn vị mã “{}” trong cơ quan",
                            vn::clean(unit_code)
                        ),
                    );
                    return Ok(None);
                }
            },
            None => None,
        }
    } else {
        None
    };
    Ok(Some((role, agency_id, unit_id)))
}

pub async fn create_user(
    State(state): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
    uri: Uri,
    Form(f): Form<NewUserForm>,
) -> AppResult<Response> {
    let mut errors = FieldErrors::new();
    let username = vn::clean(&f.username).to_lowercase();
    if username.is_empty()
        || !username
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
    {
        errors.add(
            "username",
            "Tên đăng nhập",
            "chỉ gồm chữ không dấu, chữ số và . _ -",
        );
    }
    let display_name = vn::clean(&f.display_name);
    if display_name.is_empty() {
        errors.add("display_name", "Tên hiển thị", "không được để trống");
    }
    check_new_password(&f.password, &f.password, &mut errors);
    let resolved = resolve_role(
        &state,
        &auth,
        &f.role,
        f.agency_id,
        &f.unit_code,
        &mut errors,
    )
    .await?;
    let person_id = match vn::clean_opt(&f.person_code) {
        Some(code) => match tdkt_store::people::person_by_code(&state.db, &code).await? {
            Some(p) => Some(p.id),
            None => {
                errors.add(
                    "person_code",
                    "Mã cán bộ",
                    format!("không có cán bộ mã “{code}”"),
                );
                None
            }
        },
        None => None,
    };
    if let Some((Role::CanBo, _, _)) = resolved
        && person_id.is_none()
        && errors.get("person_code").is_none()
    {
        errors.add(
            "person_code",
            "Mã cán bộ",
            "tài khoản cán bộ cần gắn với hồ sơ cán bộ",
        );
    }
    let (Some((role, agency_id, unit_id)), true) = (resolved, errors.is_empty()) else {
        let p = users_page(&state, &auth, &headers, uri.path(), errors, f).await?;
        return Ok((StatusCode::UNPROCESSABLE_ENTITY, page(&p, &p.ctx)).into_response());
    };
    let password = f.password.clone();
    let hash = tokio::task::spawn_blocking(move || users::hash_password(&password))
        .await
        .map_err(AppError::internal)?;
    let ctx = state.ctx(auth.who());
    let mut tx = state.db.begin().await?;
    let created = users::create_user(
        &mut tx,
        &ctx,
        &username,
        &hash,
        &display_name,
        person_id,
        None,
    )
    .await;
    let id = match created {
        Ok(id) => id,
        Err(e) => {
            let AppError::Invalid(errors) = AppError::from(e) else {
                return Err(AppError::internal("create_user"));
            };
            drop(tx);
            let p = users_page(&state, &auth, &headers, uri.path(), errors, f).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, page(&p, &p.ctx)).into_response());
        }
    };
    users::add_role(&mut tx, &ctx, id, role, agency_id, unit_id).await?;
    tx.commit().await?;
    Ok(redirect_with(
        "/quan-tri/tai-khoan",
        &format!("Đã tạo tài khoản {username}."),
    ))
}

async fn managed_user(state: &AppState, auth: &Auth, id: i64) -> AppResult<User> {
    let u = users::user(&state.db, id).await?;
    let roles = users::roles(&state.db, Some(id)).await?;
    if !in_reach(auth, &roles) {
        return Err(AppError::NotFound);
    }
    Ok(u)
}

pub async fn toggle_user(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    let u = managed_user(&state, &auth, id).await?;
    if u.id == auth.user.id {
        return Err(AppError::bad_request(
            "Không thể tự khoá tài khoản của mình.",
        ));
    }
    let mut tx = state.db.begin().await?;
    users::set_disabled(&mut tx, &state.ctx(auth.who()), u.id, !u.disabled).await?;
    tx.commit().await?;
    let msg = if u.disabled {
        format!("Đã mở khoá {}.", u.username)
    } else {
        format!(
            "Đã khoá {}; các phiên đăng nhập của tài khoản đã kết thúc.",
            u.username
        )
    };
    Ok(redirect_with("/quan-tri/tai-khoan", &msg))
}

#[derive(Debug, Deserialize)]
pub struct RoleForm {
    role: String,
    agency_id: Option<i64>,
    #[serde(default)]
    unit_code: String,
}

pub async fn add_role(
    State(state): State<AppState>,
    auth: Auth,
    Path(id): Path<i64>,
    Form(f): Form<RoleForm>,
) -> AppResult<Response> {
    let u = managed_user(&state, &auth, id).await?;
    let mut errors = FieldErrors::new();
    let resolved = resolve_role(
        &state,
        &auth,
        &f.role,
        f.agency_id,
        &f.unit_code,
        &mut errors,
    )
    .await?;
    let Some((role, agency_id, unit_id)) = resolved else {
        return Err(AppError::Invalid(errors));
    };
    let mut tx = state.db.begin().await?;
    users::add_role(
        &mut tx,
        &state.ctx(auth.who()),
        u.id,
        role,
        agency_id,
        unit_id,
    )
    .await?;
    tx.commit().await?;
    Ok(redirect_with(
        "/quan-tri/tai-khoan",
        &format!("Đã thêm vai trò {} cho {}.", role.label(), u.username),
    ))
}

#[derive(Template)]
#[template(path = "audit.html")]
struct AuditPage {
    ctx: PageCtx,
    rows: Vec<(AuditRow, String)>,
    next_before: Option<i64>,
    chain_ok: Option<bool>,
}

#[derive(Debug, Deserialize)]
pub struct AuditQuery {
    before: Option<i64>,
    verify: Option<String>,
}

pub async fn audit(
    State(state): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
    uri: Uri,
    Query(q): Query<AuditQuery>,
) -> AppResult<Response> {
    let scope = auth.actor.scope(Perm::ViewAudit);
    let agency = if scope.all {
        None
    } else {
        Some(*scope.agencies.first().ok_or(AppError::Forbidden)?)
    };
    let rows = audit::list(&state.db, agency, q.before, 100).await?;
    let next_before = if rows.len() == 100 {
        rows.last().map(|r| r.id)
    } else {
        None
    };
    let chain_ok = if q.verify.is_some() && scope.all {
        Some(audit::verify_chain(&state.db).await?.is_none())
    } else {
        None
    };
    let p = AuditPage {
        ctx: PageCtx::new(&state, &auth, &headers, uri.path()),
        rows: rows
            .into_iter()
            .map(|r| {
                let t = fmt_time(&state, r.at);
                (r, t)
            })
            .collect(),
        next_before,
        chain_ok,
    };
    Ok(page(&p, &p.ctx))
}
