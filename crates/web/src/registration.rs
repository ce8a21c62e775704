//! What the registration pages and the JSON API share: which plan a caller registers in, who may
//! see a registration and what part they play in its workflow, the rule engine's word on the
//! registered title, saving and acting in one transaction, checking evidence files, and the
//! registration form as a Decree 30 document.

use time::Date;

use tdkt_docs::model::{
    Align, Block, Column, DocKind, Document, Header, HeaderLayout, Inline, Signer, Table,
};
use tdkt_docs::{DocDate, Format};
use tdkt_domain::evidence::{self, EvidenceKind};
use tdkt_domain::policy::{Perm, Target};
use tdkt_domain::targets::{self as tg, OwnerKind, ProgressInput, RegistrationInput};
use tdkt_domain::workflow::{Action, Part, Status};
use tdkt_domain::{FieldErrors, labels, vn};
use tdkt_rules::Code;
use tdkt_store::people::{self, Person};
use tdkt_store::registrations::{
    self as reg, NewEvidence, Owner, PlanRef, RegistrationRow, TargetRow,
};
use tdkt_store::{org, plans};

use crate::auth::Auth;
use crate::error::{AppError, AppResult};
use crate::state::AppState;

/// The caller's own person record, or 403 for an account linked to none.
pub async fn own_person(state: &AppState, auth: &Auth) -> AppResult<Person> {
    let id = auth.actor.person_id.ok_or(AppError::Forbidden)?;
    Ok(people::person(&state.db, id).await?)
}

/// The published plan of an agency for a year (this year when none is given).
pub async fn plan_of(
    state: &AppState,
    agency_id: i64,
    year: Option<i32>,
) -> AppResult<Option<PlanRef>> {
    let year = year.unwrap_or_else(|| state.clock.today().year());
    Ok(reg::published_plan(&state.db, agency_id, year).await?)
}

/// The agency the caller works in (their person's, else their first grant's).
pub async fn home_agency(state: &AppState, auth: &Auth) -> AppResult<Option<i64>> {
    if let Some(p) = auth.actor.person_id {
        return Ok(Some(people::person(&state.db, p).await?.agency_id));
    }
    Ok(auth.actor.agencies().first().copied())
}

/// May the caller see this registration? Its owner, and whoever sees the movement of its unit.
pub fn can_view(auth: &Auth, r: &RegistrationRow) -> bool {
    let own = r.person_id.is_some() && r.person_id == auth.actor.person_id;
    let unit = Target {
        person_id: None,
        ..r.target()
    };
    own || auth.actor.can_on(Perm::ViewMovement, &unit)
}

/// The registration behind an id, if the caller may see it (404 otherwise).
pub async fn in_reach(state: &AppState, auth: &Auth, id: i64) -> AppResult<RegistrationRow> {
    let r = reg::registration(&state.db, id).await?;
    if can_view(auth, &r) {
        Ok(r)
    } else {
        Err(AppError::NotFound)
    }
}

/// The parts the caller plays towards a registration. A person's registration: its owner is the
/// person, its reviewers the unit heads above it and the Office. A unit's: its owner is the unit
/// head, its reviewer the Office. The Office may reopen any of its agency. Nobody reviews their own.
pub fn parts(auth: &Auth, r: &RegistrationRow) -> Vec<Part> {
    let a = &auth.actor;
    let unit = Target {
        person_id: None,
        ..r.target()
    };
    let mut out = Vec::new();
    let own = r.person_id.is_some() && r.person_id == a.person_id;
    match r.kind() {
        OwnerKind::Person => {
            if own && a.can(Perm::Register) {
                out.push(Part::Owner);
            } else if a.can_on(Perm::ReviewRegistrations, &unit) {
                out.push(Part::Reviewer);
            }
        }
        OwnerKind::Unit => {
            if a.can_on(Perm::SubmitUnitItems, &unit) {
                out.push(Part::Owner);
            }
            if a.can_on(Perm::ManageMovement, &unit) {
                out.push(Part::Reviewer);
            }
        }
    }
    if a.can_on(Perm::ManageMovement, &unit) {
        out.push(Part::Office);
    }
    out
}

/// The part an action needs.
pub fn part_for(action: Action) -> Part {
    match action {
        Action::Submit => Part::Owner,
        Action::Approve | Action::Return => Part::Reviewer,
        Action::Reopen => Part::Office,
    }
}

/// The actions the caller could take now (for the buttons).
pub fn actions(auth: &Auth, r: &RegistrationRow) -> Vec<Action> {
    let ps = parts(auth, r);
    let s = r.status();
    [
        Action::Submit,
        Action::Approve,
        Action::Return,
        Action::Reopen,
    ]
    .into_iter()
    .filter(|a| ps.contains(&part_for(*a)))
    .filter(|a| match a {
        Action::Submit => s.editable(),
        Action::Approve | Action::Return => s == Status::Submitted,
        Action::Reopen => true,
    })
    .collect()
}

/// Takes an action in one transaction (403 when the caller does not play the part it needs).
pub async fn act(
    state: &AppState,
    auth: &Auth,
    id: i64,
    action: Action,
    reason: Option<&str>,
    reopen_until: Option<Date>,
) -> AppResult<(RegistrationRow, Status)> {
    let r = in_reach(state, auth, id).await?;
    let part = part_for(action);
    if !parts(auth, &r).contains(&part) {
        return Err(AppError::Forbidden);
    }
    let mut tx = state.db.begin().await?;
    let s = reg::act(
        &mut tx,
        &state.ctx(auth.who()),
        id,
        action,
        part,
        reason,
        reopen_until,
    )
    .await?;
    tx.commit().await?;
    Ok((r, s))
}

/// Checks and saves a registration (and sends it when `submit`), all or nothing. Returns its id.
pub async fn save(
    state: &AppState,
    auth: &Auth,
    plan: &PlanRef,
    owner: Owner,
    input: &RegistrationInput,
    submit: bool,
) -> AppResult<i64> {
    let kind = match owner {
        Owner::Person { .. } => OwnerKind::Person,
        Owner::Unit(_) => OwnerKind::Unit,
    };
    let draft = tg::parse_registration(input, kind, plan.year())?;
    let ctx = state.ctx(auth.who());
    let mut tx = state.db.begin().await?;
    let id = reg::save(&mut tx, &ctx, plan, owner, &draft).await?;
    if submit {
        reg::act(&mut tx, &ctx, id, Action::Submit, Part::Owner, None, None).await?;
    }
    tx.commit().await?;
    Ok(id)
}

/// The owner of a unit's registration, when the caller may write it (404 outside reach, 403 for
/// a role that only sees it).
pub async fn unit_owner(
    state: &AppState,
    auth: &Auth,
    unit_id: i64,
) -> AppResult<(org::Unit, Owner)> {
    let u = org::unit(&state.db, unit_id).await?;
    auth.check(Perm::ViewMovement, &u.target())?;
    if !auth.actor.can_on(Perm::SubmitUnitItems, &u.target()) {
        return Err(AppError::Forbidden);
    }
    Ok((u, Owner::Unit(unit_id)))
}

/// A target with its registration, if the caller may see it: whoever sees the registration, and
/// the person responsible for the target.
pub async fn target_in_reach(
    state: &AppState,
    auth: &Auth,
    id: i64,
) -> AppResult<(RegistrationRow, TargetRow)> {
    let t = reg::target(&state.db, id).await?;
    let r = reg::registration(&state.db, t.registration_id).await?;
    let responsible =
        t.responsible_person_id.is_some() && t.responsible_person_id == auth.actor.person_id;
    if can_view(auth, &r) || responsible {
        Ok((r, t))
    } else {
        Err(AppError::NotFound)
    }
}

/// May the caller report progress on the target? The owner of a personal registration, the
/// unit head of a unit's, and the person responsible for the target.
pub fn can_report(auth: &Auth, r: &RegistrationRow, t: &TargetRow) -> bool {
    let responsible =
        t.responsible_person_id.is_some() && t.responsible_person_id == auth.actor.person_id;
    responsible || parts(auth, r).contains(&Part::Owner)
}

/// An uploaded file, as read from the request.
pub struct Upload {
    pub filename: String,
    pub data: Vec<u8>,
}

/// Checks a progress update and its files (type by content, size) and stores them together.
pub async fn report_progress(
    state: &AppState,
    auth: &Auth,
    target_id: i64,
    input: &ProgressInput,
    uploads: &[Upload],
) -> AppResult<i64> {
    let (r, t) = target_in_reach(state, auth, target_id).await?;
    if !can_report(auth, &r, &t) {
        return Err(AppError::Forbidden);
    }
    let mut e = FieldErrors::new();
    if r.status() != Status::Approved {
        e.add(
            "target",
            "Chỉ tiêu",
            "chỉ cập nhật tiến độ khi bản đăng ký đã được duyệt",
        );
    }
    let today = state.clock.today();
    let draft = match tg::parse_progress(input, r.plan_year as i32, today) {
        Ok(d) => Some(d),
        Err(x) => {
            e.0.extend(x.0);
            None
        }
    };
    let mut kinds: Vec<EvidenceKind> = Vec::new();
    for u in uploads {
        match evidence::check_file(&u.filename, &u.data, state.config.max_upload) {
            Ok(k) => kinds.push(k),
            Err(x) => e.0.push(x),
        }
    }
    let Some(draft) = draft.filter(|_| e.is_empty()) else {
        return Err(AppError::Invalid(e));
    };
    let files: Vec<NewEvidence<'_>> = uploads
        .iter()
        .zip(&kinds)
        .map(|(u, k)| NewEvidence {
            filename: &u.filename,
            content_type: k.media_type(),
            data: &u.data,
        })
        .collect();
    let mut tx = state.db.begin().await?;
    let id = reg::add_progress(&mut tx, &state.ctx(auth.who()), target_id, &draft, &files).await?;
    tx.commit().await?;
    Ok(id)
}

/// What the rule engine says of the registered title, from the owner's current records.
#[derive(Debug, Clone)]
pub struct TitleCheck {
    pub eligible: bool,
    /// "Theo hồ sơ hiện tại: đủ điều kiện" or what is missing.
    pub summary: String,
    pub missing: Vec<String>,
}

/// The rule engine's word on the registered title, when there is one it evaluates and the caller
/// may see the owner's records.
pub async fn title_check(
    state: &AppState,
    auth: &Auth,
    r: &RegistrationRow,
) -> AppResult<Option<TitleCheck>> {
    let Some(code) = r.title_code.as_deref().and_then(Code::from_code) else {
        return Ok(None);
    };
    let today = state.clock.today();
    let year = r.plan_year as i32;
    if !crate::verdicts::YEARS.contains(&year) {
        return Ok(None);
    }
    let verdict = match r.person_id {
        Some(pid) => {
            let person = people::person(&state.db, pid).await?;
            if !auth.actor.can_on(Perm::ViewRecords, &person.target()) {
                return Ok(None);
            }
            let (_, row) =
                crate::verdicts::evaluate_person(&state.db, &person, year, today).await?;
            row.and_then(|p| p.get(&code).cloned())
        }
        None => {
            let unit = Target {
                person_id: None,
                ..r.target()
            };
            if !auth.actor.can_on(Perm::ViewRecords, &unit) {
                return Ok(None);
            }
            let all = crate::verdicts::evaluate_agency(&state.db, r.agency_id, year, today).await?;
            all.units
                .into_iter()
                .find(|u| u.id == r.unit_id)
                .and_then(|u| u.get(&code).cloned())
        }
    };
    Ok(verdict.map(|v| {
        let missing: Vec<String> = v.failed().map(|x| x.message.clone()).collect();
        let summary = match v.status {
            tdkt_rules::Status::Eligible => "Theo hồ sơ hiện tại: đủ điều kiện".to_owned(),
            tdkt_rules::Status::Deferred => "Theo hồ sơ hiện tại: đang hoãn xét".to_owned(),
            tdkt_rules::Status::NotEligible => "Theo hồ sơ hiện tại: chưa đủ điều kiện".to_owned(),
        };
        TitleCheck {
            eligible: v.eligible(),
            summary,
            missing,
        }
    }))
}

/// The Vietnamese name of a title code ("" when none).
pub fn title_name(code: Option<&str>) -> &'static str {
    code.map(labels::award).unwrap_or("")
}

/// The registration form (Bản đăng ký thi đua) as a Decree 30 paper: the agency over the unit at
/// the left, the national name at the right, the title aimed at, a table of targets, the
/// commitment, the owner's signature and (for a person) the unit head's confirmation.
pub async fn document(
    state: &AppState,
    r: &RegistrationRow,
    targets: &[TargetRow],
) -> AppResult<Document> {
    let plan = plans::plan(&state.db, r.plan_id).await?;
    let agency = org::agency(&state.db, r.agency_id).await?;
    let (_, agency_header) =
        org::agency_name_at(&state.db, r.agency_id, state.clock.today()).await?;
    let heads = reg::unit_heads(&state.db, r.unit_id).await?;
    let year = r.plan_year;
    let date = match r.submitted_at {
        Some(t) => DocDate::full(state.clock.local(t).date()),
        None => DocDate::full(state.clock.today()),
    };
    let header = Header {
        layout: HeaderLayout::Standard,
        governing_body: Some(agency_header.clone()),
        issuing_body: r.unit_name.to_uppercase(),
        number: None,
        type_symbol: String::new(),
        agency_symbol: String::new(),
        place: agency.place.clone(),
        date,
    };
    let head_name = heads
        .first()
        .cloned()
        .unwrap_or_else(|| "(chưa có)".to_owned());
    let owner_signer = match &r.person_name {
        Some(name) => Signer {
            authority: None,
            position: "NGƯỜI ĐĂNG KÝ".to_owned(),
            note: Some("(Ký, ghi rõ họ và tên)".to_owned()),
            name: name.clone(),
        },
        None => Signer {
            authority: None,
            position: "THỦ TRƯỞNG ĐƠN VỊ".to_owned(),
            note: Some("(Ký, ghi rõ họ và tên)".to_owned()),
            name: head_name.clone(),
        },
    };
    let mut doc = Document::new(DocKind::BaoCaoThanhTich, header, owner_signer);
    doc.title = "BẢN ĐĂNG KÝ THI ĐUA".to_owned();
    doc.summary = Some(format!("Năm {year}"));
    doc.summary_note = Some(
        match r.kind() {
            OwnerKind::Person => "(Dành cho cá nhân)",
            OwnerKind::Unit => "(Dành cho tập thể)",
        }
        .to_owned(),
    );
    if r.person_id.is_some() {
        doc.left_signer = Some(Signer {
            authority: None,
            position: "XÁC NHẬN CỦA THỦ TRƯỞNG ĐƠN VỊ".to_owned(),
            note: Some("(Ký, ghi rõ họ và tên)".to_owned()),
            name: head_name,
        });
    }
    let plan_ref = match plan.number {
        Some(n) => format!(
            "Kế hoạch số {n:02}/KH-{} phát động phong trào thi đua năm {year}",
            agency.symbol
        ),
        None => format!(
            "Kế hoạch phát động phong trào thi đua năm {year} của {}",
            agency.short_name
        ),
    };
    let b = &mut doc.blocks;
    b.push(Block::Paragraph {
        number: None,
        runs: vec![
            Inline::bold("Kính gửi: "),
            Inline::plain(format!(
                "Hội đồng Thi đua – Khen thưởng {}",
                agency.short_name
            )),
        ],
        align: Align::Center,
    });
    match &r.person_name {
        Some(name) => {
            b.push(Block::bullet(format!("Họ và tên: {name}")));
            b.push(Block::bullet(format!("Đơn vị công tác: {}", r.unit_name)));
        }
        None => b.push(Block::bullet(format!("Tên tập thể: {}", r.unit_name))),
    }
    b.push(Block::paragraph(format!(
        "Căn cứ {plan_ref}, {} đăng ký thi đua năm {year} như sau:",
        if r.person_id.is_some() {
            "tôi"
        } else {
            "đơn vị"
        }
    )));
    let title = title_name(r.title_code.as_deref());
    b.push(Block::heading(2, "1.", "Danh hiệu thi đua đăng ký"));
    b.push(Block::paragraph(if title.is_empty() {
        "(chưa chọn)".to_owned()
    } else {
        title.to_owned()
    }));
    b.push(Block::heading(2, "2.", "Các chỉ tiêu thi đua"));
    b.push(Block::Table(Table {
        columns: vec![
            Column::new("TT", 2, Align::Center),
            Column::new("Chỉ tiêu", 9, Align::Left),
            Column::new("Đơn vị tính", 4, Align::Center),
            Column::new("Năm trước", 4, Align::Right),
            Column::new("Đăng ký", 4, Align::Right),
            Column::new("Người phụ trách", 6, Align::Left),
            Column::new("Thời hạn", 4, Align::Center),
        ],
        rows: targets
            .iter()
            .enumerate()
            .map(|(i, t)| {
                vec![
                    (i + 1).to_string(),
                    t.name.clone(),
                    t.unit_of_measure.clone(),
                    t.last_year_value
                        .map(tg::format_number)
                        .unwrap_or_else(|| "–".into()),
                    tg::format_number(t.value),
                    t.responsible_name.clone().unwrap_or_default(),
                    t.due_on.map(vn::format_date).unwrap_or_default(),
                ]
            })
            .collect(),
    }));
    b.push(Block::heading(2, "3.", "Cam kết"));
    let commitment = r.commitment.clone().unwrap_or_default();
    let paras: Vec<&str> = commitment
        .split('\n')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if paras.is_empty() {
        b.push(Block::paragraph(
            "Phấn đấu hoàn thành và hoàn thành vượt mức các chỉ tiêu đã đăng ký (3 đảm, 3 hơn, 5 rõ).",
        ));
    }
    for p in paras {
        b.push(Block::paragraph(p.strip_prefix("- ").unwrap_or(p)));
    }
    doc.validate()
        .map_err(|v| AppError::internal(format!("bản đăng ký: {v:?}")))?;
    Ok(doc)
}

/// Renders the registration form (DOCX or PDF) and its download name.
pub async fn render(
    state: &AppState,
    r: &RegistrationRow,
    format: Format,
) -> AppResult<(Vec<u8>, String)> {
    let targets = reg::targets(&state.db, r.id).await?;
    let doc = document(state, r, &targets).await?;
    let name = format!(
        "Bản đăng ký thi đua {} - {}.{}",
        r.plan_year,
        r.owner_name()
            .replace(['/', '\\', ':', '*', '?', '"', '<', '>', '|'], "-"),
        format.extension()
    );
    let bytes = tokio::task::spawn_blocking(move || tdkt_docs::render(&doc, format))
        .await
        .map_err(AppError::internal)?
        .map_err(AppError::internal)?;
    Ok((bytes, name))
}
