//! The office's table of verdicts (`/xet-khen-thuong`): every person of the agency × every title
//! and form, filtered by unit, code, verdict and a search without diacritics, with the collective
//! titles and the quota warnings; and its Excel export.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use serde::Deserialize;

use tdkt_rules::{Code, Status};
use tdkt_sheets::{Cell, Column};
use tdkt_store::org;

use crate::auth::Auth;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::verdicts::table::{self, Filter, Table};
use crate::verdicts::{PERSON_CODES, UNIT_CODES, YEARS, short_name, status_label};
use crate::views::{PageCtx, page, xlsx_response};

/// The query string: `?nam=2024&unit=7&code=CSTD_TINH&verdict=eligible&q=khai`.
#[derive(Debug, Default, Clone, Deserialize)]
pub struct TableQuery {
    #[serde(default, deserialize_with = "super::empty_as_none")]
    pub nam: Option<i64>,
    #[serde(default, deserialize_with = "super::empty_as_none")]
    pub agency: Option<i64>,
    #[serde(default, deserialize_with = "super::empty_as_none")]
    pub unit: Option<i64>,
    pub code: Option<String>,
    pub verdict: Option<String>,
    pub q: Option<String>,
}

impl TableQuery {
    fn filter(&self, state: &AppState) -> AppResult<Filter> {
        let (code, verdict) = Filter::parse_codes(self.code.as_deref(), self.verdict.as_deref())?;
        let year = match self.nam {
            None => state.clock.today().year(),
            Some(y) => i32::try_from(y).map_err(|_| AppError::bad_request("Năm không hợp lệ."))?,
        };
        Ok(Filter {
            year,
            agency_id: self.agency,
            unit_id: self.unit,
            code,
            verdict,
            q: self.q.clone(),
        })
    }

    /// The query string of the current filters (for the export link).
    fn query_string(&self, year: i32) -> String {
        let mut s = url::form_urlencoded::Serializer::new(String::new());
        s.append_pair("nam", &year.to_string());
        for (k, v) in [
            ("agency", self.agency.map(|a| a.to_string())),
            ("unit", self.unit.map(|u| u.to_string())),
            ("code", self.code.clone()),
            ("verdict", self.verdict.clone()),
            ("q", self.q.clone()),
        ] {
            if let Some(v) = v.filter(|v| !v.is_empty()) {
                s.append_pair(k, &v);
            }
        }
        s.finish()
    }
}

#[derive(Template)]
#[template(path = "verdicts.html")]
struct TablePage {
    ctx: PageCtx,
    t: Table,
    agency_name: String,
    year: i32,
    q: TableQuery,
    /// The code whose details the table adds (a person code chosen in the filter).
    chosen: Option<Code>,
    codes: [Code; 8],
    unit_codes: [Code; 2],
    /// (value, label, selected) of each filter's options.
    year_options: Vec<(i32, bool)>,
    unit_options: Vec<(i64, String, bool)>,
    code_options: Vec<(&'static str, &'static str, bool)>,
    verdict_options: Vec<(&'static str, &'static str, bool)>,
    export_query: String,
}

/// `GET /xet-khen-thuong`.
pub async fn show(
    State(state): State<AppState>,
    auth: Auth,
    headers: HeaderMap,
    uri: Uri,
    Query(q): Query<TableQuery>,
) -> AppResult<Response> {
    let f = q.filter(&state)?;
    let t = table::table(&state, &auth, &f).await?;
    let agency_name = org::agency(&state.db, t.agency_id).await?.name;
    let last = state.clock.today().year().max(f.year).min(*YEARS.end());
    let p = TablePage {
        ctx: PageCtx::new(&state, &auth, &headers, uri.path()),
        export_query: q.query_string(f.year),
        agency_name,
        year: f.year,
        chosen: f.code.filter(|c| PERSON_CODES.contains(c)),
        codes: PERSON_CODES,
        unit_codes: UNIT_CODES,
        year_options: (*YEARS.start()..=last)
            .rev()
            .map(|y| (y, y == f.year))
            .collect(),
        unit_options: t
            .unit_choices
            .iter()
            .map(|(id, name, depth)| {
                (
                    *id,
                    format!("{}{name}", "— ".repeat(*depth)),
                    f.unit_id == Some(*id),
                )
            })
            .collect(),
        code_options: PERSON_CODES
            .iter()
            .chain(UNIT_CODES.iter())
            .map(|c| (c.code(), c.name_vi(), f.code == Some(*c)))
            .collect(),
        verdict_options: [Status::Eligible, Status::NotEligible, Status::Deferred]
            .into_iter()
            .map(|s| (s.code(), status_label(s), f.verdict == Some(s)))
            .collect(),
        t,
        q,
    };
    Ok(page(&p, &p.ctx))
}

/// `GET /xet-khen-thuong/xuat.xlsx`: the people shown, one row each, one column per code; with
/// a code chosen, also who decides, what is missing (or the ground) and the earliest year.
pub async fn export(
    State(state): State<AppState>,
    auth: Auth,
    Query(q): Query<TableQuery>,
) -> AppResult<Response> {
    let f = q.filter(&state)?;
    let t = table::table(&state, &auth, &f).await?;
    let agency = org::agency(&state.db, t.agency_id).await?;
    let chosen = f.code.filter(|c| PERSON_CODES.contains(c));
    let mut cols = vec![
        Column::new("STT", 6.0),
        Column::new("Mã cán bộ", 12.0),
        Column::new("Họ và tên", 26.0),
        Column::new("Mã đơn vị", 10.0),
        Column::new("Đơn vị", 32.0),
    ];
    cols.extend(PERSON_CODES.iter().map(|c| Column::new(c.name_vi(), 16.0)));
    if let Some(c) = chosen {
        cols.push(Column::new(
            &format!("{} — thẩm quyền", short_name(c)),
            30.0,
        ));
        cols.push(Column::new(
            &format!("{} — căn cứ, điều kiện chưa đạt", short_name(c)),
            60.0,
        ));
        cols.push(Column::new(
            &format!("{} — sớm nhất năm", short_name(c)),
            12.0,
        ));
    }
    let rows: Vec<Vec<Cell>> = t
        .people
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let mut row: Vec<Cell> = vec![
                Cell::Int(i as i64 + 1),
                p.code.clone().into(),
                p.name.clone().into(),
                p.unit_code.clone().into(),
                p.unit_name.clone().into(),
            ];
            row.extend(PERSON_CODES.iter().map(|c| match p.get(c) {
                Some(v) => Cell::from(v.status_label()),
                None => Cell::Empty,
            }));
            if let Some(v) = chosen.and_then(|c| p.get(&c)) {
                row.push(v.decider().into());
                let detail = match v.ground_label() {
                    Some(g) => format!("Căn cứ: {g}"),
                    None => v
                        .failed()
                        .map(|r| r.message.as_str())
                        .collect::<Vec<_>>()
                        .join("; "),
                };
                row.push(detail.into());
                row.push(
                    v.next_possible_year
                        .map_or(Cell::Empty, |y| Cell::Int(y.into())),
                );
            }
            row
        })
        .collect();
    let title = format!(
        "KẾT QUẢ XÉT KHEN THƯỞNG NĂM {} — {}",
        f.year,
        agency.name.to_uppercase()
    );
    let bytes = tdkt_sheets::write_table("Xét khen thưởng", Some(&title), &cols, &rows)
        .map_err(AppError::internal)?;
    Ok(xlsx_response(
        &format!("Xét khen thưởng {} {}.xlsx", agency.symbol, f.year),
        bytes,
    ))
}
