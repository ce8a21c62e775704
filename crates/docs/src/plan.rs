//! The plan (kế hoạch) that launches a year's emulation movement, and the seed plan of
//! Sở KH&CN Bắc Giang for 2024.
//!
//! The prose is the agency's text, kept as structured blocks exactly as written (its wording,
//! its dates such as "05/6/2024", even its slips). Beside the prose, the plan holds what the
//! software acts on as structured data: commemorations, movements, phases, deadlines and who
//! does what. The document is made from the prose; the structured data drives reminders,
//! phases and reviews.

use serde::{Deserialize, Serialize};
use time::Date;

use crate::dates::{self, DocDate};
use crate::model::{Block, DocKind, Document, Header, HeaderLayout, Signer};
use crate::validate::{Checker, ValidationErrors, check_signer};

/// A text the plan cites: a law, a decree, a directive, the province's plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LegalReference {
    /// Kind and name: "Luật Thi đua, khen thưởng", "Kế hoạch".
    pub title: String,
    /// Number and symbol: "06/2022/QH15", "15/KH-UBND".
    #[serde(default)]
    pub number: Option<String>,
    /// Date of issue.
    #[serde(default, with = "dates::iso_opt")]
    pub date: Option<Date>,
    /// Issuer: "Quốc hội", "Chủ tịch UBND tỉnh".
    #[serde(default)]
    pub issuer: Option<String>,
}

/// An anniversary the plan's achievements greet (chào mừng).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Commemoration {
    /// The day celebrated in the plan's year.
    #[serde(with = "dates::iso")]
    pub date: Date,
    /// What is celebrated: "Ngày thành lập Đảng Cộng sản Việt Nam".
    pub name: String,
    /// The event itself, in any year: 1930-02-03.
    #[serde(default, with = "dates::iso_opt")]
    pub since: Option<Date>,
    /// Which anniversary: 94.
    #[serde(default)]
    pub anniversary: Option<u32>,
    /// The phase (đợt) it belongs to.
    #[serde(default)]
    pub phase: Option<u8>,
}

/// Kinds of movement (Law 2022 Art 16; the seed's II.1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MovementKind {
    /// Thường xuyên: all year (or over several years).
    Regular,
    /// Theo chuyên đề: on a theme, with its own dates.
    Thematic,
    /// Ngắn ngày / theo đợt: a short wave launched by a unit.
    ShortWave,
}

impl MovementKind {
    /// The Vietnamese name.
    pub fn label(self) -> &'static str {
        match self {
            Self::Regular => "Thi đua thường xuyên",
            Self::Thematic => "Thi đua theo chuyên đề",
            Self::ShortWave => "Thi đua ngắn ngày, theo đợt",
        }
    }
}

/// A movement (phong trào thi đua) the plan launches or joins.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Movement {
    /// Its kind.
    pub kind: MovementKind,
    /// Its name.
    pub name: String,
    /// First day; a movement may span years ("giai đoạn 2020-2025").
    #[serde(default, with = "dates::iso_opt")]
    pub start: Option<Date>,
    /// Last day.
    #[serde(default, with = "dates::iso_opt")]
    pub end: Option<Date>,
    /// What participants strive for.
    #[serde(default)]
    pub criteria: Vec<String>,
    /// Who takes part.
    #[serde(default)]
    pub participants: Option<String>,
}

/// A phase (đợt thi đua) with its review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Phase {
    /// 1, 2…
    pub number: u8,
    /// "Đợt thi đua thứ nhất".
    pub name: String,
    /// First day.
    #[serde(with = "dates::iso")]
    pub start: Date,
    /// Last day.
    #[serde(with = "dates::iso")]
    pub end: Date,
    /// The review that closes it: "Sơ kết 06 tháng đầu năm".
    #[serde(default)]
    pub review: Option<String>,
}

/// Kinds of deadline the software reminds of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineKind {
    /// Đăng ký thi đua.
    Registration,
    /// Báo cáo sơ kết (mid-year review).
    MidYearReport,
    /// Báo cáo tổng kết (year-end review).
    YearEndReport,
    /// Đánh giá, xếp loại chất lượng.
    Rating,
    /// Anything else.
    Other,
}

impl DeadlineKind {
    /// The Vietnamese name.
    pub fn label(self) -> &'static str {
        match self {
            Self::Registration => "Đăng ký thi đua",
            Self::MidYearReport => "Gửi báo cáo sơ kết",
            Self::YearEndReport => "Gửi báo cáo tổng kết",
            Self::Rating => "Đánh giá, xếp loại chất lượng",
            Self::Other => "Hạn khác",
        }
    }
}

/// A deadline; the day itself is allowed ("xong trước ngày 31/01/2024" accepts the 31st).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Deadline {
    /// Its kind.
    pub kind: DeadlineKind,
    /// The last day.
    #[serde(with = "dates::iso")]
    pub date: Date,
    /// What is due.
    pub description: String,
    /// Who must meet it.
    #[serde(default)]
    pub actor: Option<String>,
}

/// What an actor must do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Responsibility {
    /// "Hội đồng Thi đua – khen thưởng Sở", "Trưởng các phòng, đơn vị thuộc Sở".
    pub actor: String,
    /// The tasks.
    pub tasks: Vec<String>,
    /// Deadlines that fall on this actor.
    #[serde(default)]
    pub deadlines: Vec<DeadlineKind>,
}

/// The plan record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    /// The emulation year.
    pub year: i32,
    /// "UBND TỈNH BẮC GIANG".
    #[serde(default)]
    pub governing_body: Option<String>,
    /// "SỞ KHOA HỌC VÀ CÔNG NGHỆ".
    pub issuing_body: String,
    /// "KHCN".
    pub agency_symbol: String,
    /// Set when issued.
    #[serde(default)]
    pub number: Option<u32>,
    /// "Bắc Giang".
    pub place: String,
    /// Full when issued; a draft's blanks before.
    pub date: DocDate,
    /// "Phát động phong trào thi đua năm 2024".
    pub summary: String,
    /// The designated signer; required.
    #[serde(default)]
    pub signer: Option<Signer>,
    /// Texts the plan cites.
    #[serde(default)]
    pub legal_bases: Vec<LegalReference>,
    /// "Căn cứ …" lines printed before the body (the seed has none: it opens with prose).
    #[serde(default)]
    pub bases: Vec<String>,
    /// The opening prose.
    #[serde(default)]
    pub intro: Vec<Block>,
    /// The sections I–IV, as the agency wrote them.
    pub sections: Vec<Block>,
    /// Anniversaries greeted.
    #[serde(default)]
    pub commemorations: Vec<Commemoration>,
    /// Movements.
    #[serde(default)]
    pub movements: Vec<Movement>,
    /// Phases.
    #[serde(default)]
    pub phases: Vec<Phase>,
    /// Deadlines.
    #[serde(default)]
    pub deadlines: Vec<Deadline>,
    /// Who does what.
    #[serde(default)]
    pub responsibilities: Vec<Responsibility>,
    /// Recipients.
    #[serde(default)]
    pub recipients: Vec<String>,
    /// The archive line: "VT, VP".
    #[serde(default)]
    pub archive: Option<String>,
}

impl Plan {
    /// Checks the plan: a designated signer; phases and deadlines inside the plan's year
    /// (commemorated events may be from any year); no raw HTML in any text.
    pub fn validate(&self) -> Result<(), ValidationErrors> {
        let mut c = Checker::new();
        if !(2000..=2100).contains(&self.year) {
            c.push("year", "Năm kế hoạch", "phải trong khoảng 2000–2100.");
        }
        match &self.signer {
            None => c.push("signer", "Người ký", "chưa chỉ định người ký kế hoạch."),
            Some(s) => check_signer(&mut c, "signer", "Người ký", s),
        }
        let in_year = |d: Date| d.year() == self.year;
        let year = self.year;
        for (i, p) in self.phases.iter().enumerate() {
            let label = format!("Đợt thi đua {}", p.number);
            c.required(
                &format!("phases[{i}].name"),
                &format!("{label} – tên"),
                &p.name,
            );
            for (field, name, d) in [
                ("start", "ngày bắt đầu", p.start),
                ("end", "ngày kết thúc", p.end),
            ] {
                if !in_year(d) {
                    c.push(
                        format!("phases[{i}].{field}"),
                        &format!("{label} – {name}"),
                        &format!(
                            "{} nằm ngoài năm của kế hoạch ({year}).",
                            dates::format_short(d)
                        ),
                    );
                }
            }
            if p.start > p.end {
                c.push(
                    format!("phases[{i}].end"),
                    &format!("{label} – ngày kết thúc"),
                    "trước ngày bắt đầu.",
                );
            }
            c.optional(
                &format!("phases[{i}].review"),
                &format!("{label} – sơ kết"),
                p.review.as_deref(),
            );
        }
        for (i, d) in self.deadlines.iter().enumerate() {
            let label = format!("Hạn «{}»", d.kind.label());
            if !in_year(d.date) {
                c.push(
                    format!("deadlines[{i}].date"),
                    &label,
                    &format!(
                        "ngày {} nằm ngoài năm của kế hoạch ({year}).",
                        dates::format_short(d.date)
                    ),
                );
            }
            c.required(
                &format!("deadlines[{i}].description"),
                &format!("{label} – nội dung"),
                &d.description,
            );
            c.optional(
                &format!("deadlines[{i}].actor"),
                &format!("{label} – người thực hiện"),
                d.actor.as_deref(),
            );
        }
        for (i, m) in self.commemorations.iter().enumerate() {
            let label = format!("Ngày kỷ niệm thứ {}", i + 1);
            c.required(&format!("commemorations[{i}].name"), &label, &m.name);
            if let (Some(since), Some(n)) = (m.since, m.anniversary)
                && m.date.year() - since.year() != n as i32
            {
                c.push(
                    format!("commemorations[{i}].anniversary"),
                    &format!("{label} – số năm kỷ niệm"),
                    &format!("{n} năm không khớp với {}–{}.", since.year(), m.date.year()),
                );
            }
        }
        for (i, m) in self.movements.iter().enumerate() {
            let label = format!("Phong trào thứ {}", i + 1);
            c.required(
                &format!("movements[{i}].name"),
                &format!("{label} – tên"),
                &m.name,
            );
            if let (Some(s), Some(e)) = (m.start, m.end)
                && s > e
            {
                c.push(
                    format!("movements[{i}].end"),
                    &format!("{label} – ngày kết thúc"),
                    "trước ngày bắt đầu.",
                );
            }
            for (k, t) in m.criteria.iter().enumerate() {
                c.required(
                    &format!("movements[{i}].criteria[{k}]"),
                    &format!("{label} – tiêu chí {}", k + 1),
                    t,
                );
            }
            c.optional(
                &format!("movements[{i}].participants"),
                &format!("{label} – đối tượng"),
                m.participants.as_deref(),
            );
        }
        for (i, r) in self.responsibilities.iter().enumerate() {
            let label = format!("Trách nhiệm thứ {}", i + 1);
            c.required(
                &format!("responsibilities[{i}].actor"),
                &format!("{label} – đơn vị, cá nhân"),
                &r.actor,
            );
            for (k, t) in r.tasks.iter().enumerate() {
                c.required(
                    &format!("responsibilities[{i}].tasks[{k}]"),
                    &format!("{label} – nhiệm vụ {}", k + 1),
                    t,
                );
            }
        }
        for (i, l) in self.legal_bases.iter().enumerate() {
            let label = format!("Văn bản căn cứ thứ {}", i + 1);
            c.required(&format!("legal_bases[{i}].title"), &label, &l.title);
            c.optional(
                &format!("legal_bases[{i}].number"),
                &label,
                l.number.as_deref(),
            );
            c.optional(
                &format!("legal_bases[{i}].issuer"),
                &label,
                l.issuer.as_deref(),
            );
        }
        // The printed paper: header, prose blocks, recipients (its own messages name the field).
        if let Err(e) = self.document_unchecked().validate() {
            // The signer was checked above with the plan's own message.
            for fe in e.0.into_iter().filter(|fe| !fe.field.starts_with("signer")) {
                c.push_error(fe);
            }
        }
        c.finish()
    }

    fn document_unchecked(&self) -> Document {
        let header = Header {
            layout: HeaderLayout::Standard,
            governing_body: self.governing_body.clone(),
            issuing_body: self.issuing_body.clone(),
            number: self.number,
            type_symbol: DocKind::KeHoach.symbol().to_owned(),
            agency_symbol: self.agency_symbol.clone(),
            place: self.place.clone(),
            date: self.date,
        };
        let mut doc = Document::new(
            DocKind::KeHoach,
            header,
            self.signer.clone().unwrap_or_default(),
        );
        doc.summary = Some(self.summary.clone());
        doc.bases = self.bases.clone();
        doc.blocks = self.intro.iter().chain(&self.sections).cloned().collect();
        doc.recipients = self.recipients.clone();
        doc.archive = self.archive.clone();
        doc
    }

    /// The plan as a Decree 30 document, after validating it.
    pub fn to_document(&self) -> Result<Document, ValidationErrors> {
        self.validate()?;
        Ok(self.document_unchecked())
    }

    /// Reads a plan from its stored JSON.
    pub fn from_json(json: &str) -> Result<Self, crate::Error> {
        Ok(serde_json::from_str(json)?)
    }

    /// The phase a day falls in.
    pub fn phase_on(&self, day: Date) -> Option<&Phase> {
        self.phases.iter().find(|p| p.start <= day && day <= p.end)
    }

    /// The deadline of a kind.
    pub fn deadline(&self, kind: DeadlineKind) -> Option<&Deadline> {
        self.deadlines.iter().find(|d| d.kind == kind)
    }
}

/// The seed plan's data, committed in `data/plan-khcn-2024.json`.
pub const SEED_PLAN_KHCN_2024_JSON: &str = include_str!("../data/plan-khcn-2024.json");

/// The seed: Kế hoạch phát động phong trào thi đua năm 2024 of Sở KH&CN Bắc Giang (a draft
/// dated "ngày    tháng 01 năm 2024", signed KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC / Triệu Ngọc Trung).
pub fn seed_plan_khcn_2024() -> Result<Plan, crate::Error> {
    Plan::from_json(SEED_PLAN_KHCN_2024_JSON)
}
