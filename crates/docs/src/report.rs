//! Achievement reports (báo cáo thành tích) of Decree 98/2023, Phụ lục I: Mẫu 03 for an
//! individual, Mẫu 02 for a collective. The builders take plain input (the app prefills it from
//! the profile, ratings, titles, awards and initiatives; the achievements text is edited before
//! export) and return a [`Document`].
//!
//! Headings follow the official templates (LEGAL-NOTES §5.7); where the wording of a heading is
//! not confirmed there, it is the one of the Decree 91/2017 templates that Decree 98 carried over.

use serde::{Deserialize, Serialize};
use time::Date;

use crate::dates::{self, DocDate};
use crate::model::{
    Align, Block, Column, DocKind, Document, Header, HeaderLayout, Inline, Signer, Table,
};
use crate::validate::{Checker, ValidationErrors, check_signer};

/// Profile fields of Mẫu 03, part I "Sơ lược lý lịch".
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct PersonProfile {
    /// Full name, as written in full.
    pub full_name: String,
    /// Date of birth.
    #[serde(default, with = "dates::iso_opt")]
    pub date_of_birth: Option<Date>,
    /// "Nam" / "Nữ".
    #[serde(default)]
    pub gender: String,
    /// "Kinh".
    #[serde(default)]
    pub ethnicity: String,
    /// Religion, printed only when given (sensitive data).
    #[serde(default)]
    pub religion: Option<String>,
    /// Quê quán.
    #[serde(default)]
    pub hometown: String,
    /// Trú quán.
    #[serde(default)]
    pub residence: String,
    /// Đơn vị công tác.
    #[serde(default)]
    pub unit: String,
    /// Chức vụ (Đảng, chính quyền, đoàn thể).
    #[serde(default)]
    pub position: String,
    /// Trình độ lý luận chính trị.
    #[serde(default)]
    pub political_theory: String,
    /// Trình độ chuyên môn, nghiệp vụ.
    #[serde(default)]
    pub qualification: String,
    /// Học hàm, học vị, danh hiệu, giải thưởng.
    #[serde(default)]
    pub academic_titles: String,
}

/// An initiative or S&T task with the paper that recognised it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Initiative {
    /// Its name.
    pub name: String,
    /// "Quyết định số 45/QĐ-KHCN ngày 10/11/2024 của Giám đốc Sở công nhận sáng kiến cấp cơ sở".
    pub recognition: String,
    /// Its effect, scope of application.
    #[serde(default)]
    pub effect: Option<String>,
}

/// A title or form already received (part III of the templates).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordedAward {
    /// The year.
    pub year: i32,
    /// "Chiến sĩ thi đua cơ sở", "Giấy khen của Giám đốc Sở".
    pub name: String,
    /// "120/QĐ-KHCN".
    pub decision_number: String,
    /// Date of the decision.
    #[serde(default, with = "dates::iso_opt")]
    pub decision_date: Option<Date>,
    /// "Giám đốc Sở KH&CN".
    pub issuer: String,
}

impl RecordedAward {
    fn decision_text(&self) -> String {
        let date = self
            .decision_date
            .map(|d| format!(" ngày {}", dates::format_short(d)))
            .unwrap_or_default();
        format!(
            "Quyết định số {}{date} của {}",
            self.decision_number, self.issuer
        )
    }
}

/// Input of Mẫu 03 (individual).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct IndividualReport {
    /// What is proposed: "DANH HIỆU CHIẾN SĨ THI ĐUA CƠ SỞ NĂM 2024".
    pub proposal: String,
    /// "Bắc Giang".
    pub place: String,
    /// Date of the report.
    pub date: DocDate,
    /// Part I.
    pub profile: PersonProfile,
    /// II.1 Assigned functions and tasks (paragraphs separated by blank lines).
    pub duties: String,
    /// II.2 Achievements: the editable text (paragraphs separated by blank lines).
    pub achievements: String,
    /// Initiatives and tasks with their recognition.
    #[serde(default)]
    pub initiatives: Vec<Initiative>,
    /// III.1 Titles received.
    #[serde(default)]
    pub titles: Vec<RecordedAward>,
    /// III.2 Forms of commendation received.
    #[serde(default)]
    pub forms: Vec<RecordedAward>,
    /// The head of the unit who confirms (left).
    pub head_of_unit: Signer,
}

/// Features of a collective (Mẫu 02, I.1).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct CollectiveFeatures {
    /// Head office, phone, fax, website.
    #[serde(default)]
    pub address: String,
    /// History of its founding and growth.
    #[serde(default)]
    pub history: String,
    /// Main features: organisation, staff, facilities.
    #[serde(default)]
    pub characteristics: String,
}

/// Input of Mẫu 02 (collective).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CollectiveReport {
    /// What is proposed: "DANH HIỆU TẬP THỂ LAO ĐỘNG TIÊN TIẾN NĂM 2024".
    pub proposal: String,
    /// The superior unit, header left: "SỞ KHOA HỌC VÀ CÔNG NGHỆ".
    pub superior_unit: String,
    /// The unit itself, header left in bold: "PHÒNG QUẢN LÝ KHOA HỌC".
    pub unit_header: String,
    /// The unit's full name in the text: "Phòng Quản lý khoa học, Sở Khoa học và Công nghệ tỉnh Bắc Giang".
    pub unit_name: String,
    /// "Bắc Giang".
    pub place: String,
    /// Date of the report.
    pub date: DocDate,
    /// I.1.
    pub features: CollectiveFeatures,
    /// I.2 Functions and tasks.
    pub functions: String,
    /// II.1 Results against the assigned tasks (editable).
    pub achievements: String,
    /// II.2 Measures, causes, movements applied.
    #[serde(default)]
    pub measures: String,
    /// II.3 Party and State policy, Party and mass organisations.
    #[serde(default)]
    pub party_work: String,
    /// Initiatives applied in the unit.
    #[serde(default)]
    pub initiatives: Vec<Initiative>,
    /// III.1 Titles received.
    #[serde(default)]
    pub titles: Vec<RecordedAward>,
    /// III.2 Forms received.
    #[serde(default)]
    pub forms: Vec<RecordedAward>,
    /// The head of the unit (right).
    pub head_of_unit: Signer,
    /// The head of the superior unit who comments and confirms (left).
    pub superior_head: Signer,
}

/// Capitals of 14 pt bold fill a line at about 54 characters: a longer title is split in two
/// lines of similar length rather than leaving one word alone on the second.
fn balance(title: &str) -> String {
    const LINE: usize = 54;
    let len = title.chars().count();
    if len <= LINE {
        return title.to_owned();
    }
    let middle = len / 2;
    let split = title
        .char_indices()
        .filter(|(_, c)| *c == ' ')
        .map(|(i, _)| i)
        .min_by_key(|i| title[..*i].chars().count().abs_diff(middle));
    match split {
        Some(i) => format!("{}\n{}", &title[..i], &title[i + 1..]),
        None => title.to_owned(),
    }
}

fn paragraphs(text: &str) -> Vec<Block> {
    text.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| {
            if let Some(rest) = p.strip_prefix("- ") {
                Block::bullet(rest)
            } else {
                Block::paragraph(p)
            }
        })
        .collect()
}

fn field(label: &str, value: &str) -> Block {
    Block::Bullet {
        runs: vec![
            Inline::plain(format!("{label}: ")),
            Inline::plain(value.to_owned()),
        ],
    }
}

fn awards_table(awards: &[RecordedAward], kind_title: &str, decision_title: &str) -> Block {
    Block::Table(Table {
        columns: vec![
            Column::new("Năm", 2, Align::Center),
            Column::new(kind_title, 6, Align::Left),
            Column::new(decision_title, 10, Align::Left),
        ],
        rows: awards
            .iter()
            .map(|a| vec![a.year.to_string(), a.name.clone(), a.decision_text()])
            .collect(),
    })
}

fn part_three(
    blocks: &mut Vec<Block>,
    heading: &str,
    titles: &[RecordedAward],
    forms: &[RecordedAward],
) {
    blocks.push(Block::heading(1, "III.", heading));
    blocks.push(Block::heading(2, "1.", "Danh hiệu thi đua"));
    blocks.push(awards_table(
        titles,
        "Danh hiệu thi đua",
        "Số, ngày, tháng, năm của quyết định công nhận danh hiệu thi đua; cơ quan ban hành quyết định",
    ));
    blocks.push(Block::heading(2, "2.", "Hình thức khen thưởng"));
    blocks.push(awards_table(
        forms,
        "Hình thức khen thưởng",
        "Số, ngày, tháng, năm của quyết định khen thưởng; cơ quan ban hành quyết định",
    ));
}

fn initiatives_blocks(list: &[Initiative]) -> Vec<Block> {
    list.iter()
        .map(|i| {
            let effect = i
                .effect
                .as_deref()
                .map(|e| format!(" {e}"))
                .unwrap_or_default();
            Block::Bullet {
                runs: vec![
                    Inline::italic(i.name.clone()),
                    Inline::plain(format!(
                        " ({}).{effect}",
                        i.recognition.trim_end_matches('.')
                    )),
                ],
            }
        })
        .collect()
}

fn check_awards(c: &mut Checker, field: &str, label: &str, list: &[RecordedAward]) {
    for (i, a) in list.iter().enumerate() {
        let l = format!("{label}, dòng {}", i + 1);
        c.required(&format!("{field}[{i}].name"), &l, &a.name);
        c.required(
            &format!("{field}[{i}].decision_number"),
            &format!("{l} – số quyết định"),
            &a.decision_number,
        );
        c.required(
            &format!("{field}[{i}].issuer"),
            &format!("{l} – cơ quan ban hành"),
            &a.issuer,
        );
    }
}

fn check_initiatives(c: &mut Checker, list: &[Initiative]) {
    for (i, s) in list.iter().enumerate() {
        let l = format!("Sáng kiến thứ {}", i + 1);
        c.required(
            &format!("initiatives[{i}].name"),
            &format!("{l} – tên"),
            &s.name,
        );
        c.required(
            &format!("initiatives[{i}].recognition"),
            &format!("{l} – văn bản công nhận"),
            &s.recognition,
        );
        c.optional(
            &format!("initiatives[{i}].effect"),
            &format!("{l} – hiệu quả"),
            s.effect.as_deref(),
        );
    }
}

/// Mẫu 03: the achievement report of an individual, signed by the person and confirmed by the
/// head of the unit.
pub fn individual_report(r: &IndividualReport) -> Result<Document, ValidationErrors> {
    let mut c = Checker::new();
    let p = &r.profile;
    c.required("proposal", "Hình thức đề nghị", &r.proposal);
    c.required("profile.full_name", "Họ tên", &p.full_name);
    for (f, l, v) in [
        ("gender", "Giới tính", &p.gender),
        ("ethnicity", "Dân tộc", &p.ethnicity),
        ("hometown", "Quê quán", &p.hometown),
        ("residence", "Trú quán", &p.residence),
        ("unit", "Đơn vị công tác", &p.unit),
        ("position", "Chức vụ", &p.position),
        (
            "political_theory",
            "Trình độ lý luận chính trị",
            &p.political_theory,
        ),
        (
            "qualification",
            "Trình độ chuyên môn, nghiệp vụ",
            &p.qualification,
        ),
        (
            "academic_titles",
            "Học hàm, học vị, danh hiệu, giải thưởng",
            &p.academic_titles,
        ),
    ] {
        c.text(&format!("profile.{f}"), l, v);
    }
    c.optional("profile.religion", "Tôn giáo", p.religion.as_deref());
    c.required("duties", "Quyền hạn, nhiệm vụ được giao", &r.duties);
    c.required("achievements", "Thành tích đạt được", &r.achievements);
    check_initiatives(&mut c, &r.initiatives);
    check_awards(&mut c, "titles", "Danh hiệu thi đua đã nhận", &r.titles);
    check_awards(&mut c, "forms", "Hình thức khen thưởng đã nhận", &r.forms);
    check_signer(
        &mut c,
        "head_of_unit",
        "Thủ trưởng đơn vị xác nhận",
        &r.head_of_unit,
    );
    c.finish()?;

    let header = Header {
        layout: HeaderLayout::NationalOnly,
        governing_body: None,
        issuing_body: String::new(),
        number: None,
        type_symbol: String::new(),
        agency_symbol: String::new(),
        place: r.place.clone(),
        date: r.date,
    };
    let person = Signer {
        authority: None,
        position: "NGƯỜI BÁO CÁO THÀNH TÍCH".to_owned(),
        note: Some("(Ký, ghi rõ họ và tên)".to_owned()),
        name: p.full_name.clone(),
    };
    let mut doc = Document::new(DocKind::BaoCaoThanhTich, header, person);
    doc.summary = Some(balance(&format!(
        "ĐỀ NGHỊ TẶNG {}",
        r.proposal.to_uppercase()
    )));
    doc.summary_note = Some("(Mẫu này dùng cho cá nhân)".to_owned());
    let mut head = r.head_of_unit.clone();
    head.note.get_or_insert_with(|| "(Ký, đóng dấu)".to_owned());
    doc.left_signer = Some(head);

    let b = &mut doc.blocks;
    b.push(Block::heading(1, "I.", "SƠ LƯỢC LÝ LỊCH"));
    b.push(field(
        "Họ tên (ghi đầy đủ bằng chữ in thường, không viết tắt)",
        &p.full_name,
    ));
    let born = p.date_of_birth.map(dates::format_short).unwrap_or_default();
    b.push(Block::Bullet {
        runs: vec![Inline::plain(format!(
            "Sinh ngày, tháng, năm: {born}; Giới tính: {}",
            p.gender
        ))],
    });
    let ethnicity = match &p.religion {
        Some(rel) => format!("Dân tộc: {}; Tôn giáo: {rel}", p.ethnicity),
        None => format!("Dân tộc: {}", p.ethnicity),
    };
    b.push(Block::bullet(ethnicity));
    b.push(field("Quê quán", &p.hometown));
    b.push(field("Trú quán", &p.residence));
    b.push(field("Đơn vị công tác", &p.unit));
    b.push(field("Chức vụ (Đảng, chính quyền, đoàn thể)", &p.position));
    b.push(field("Trình độ lý luận chính trị", &p.political_theory));
    b.push(field("Trình độ chuyên môn, nghiệp vụ", &p.qualification));
    b.push(field(
        "Học hàm, học vị, danh hiệu, giải thưởng",
        &p.academic_titles,
    ));
    b.push(Block::heading(1, "II.", "THÀNH TÍCH ĐẠT ĐƯỢC"));
    b.push(Block::heading(
        2,
        "1.",
        "Quyền hạn, nhiệm vụ được giao hoặc đảm nhận",
    ));
    b.extend(paragraphs(&r.duties));
    b.push(Block::heading(2, "2.", "Thành tích đạt được của cá nhân"));
    b.extend(paragraphs(&r.achievements));
    if !r.initiatives.is_empty() {
        b.push(Block::paragraph(
            "Các sáng kiến, đề tài, nhiệm vụ khoa học và công nghệ đã được công nhận:",
        ));
        b.extend(initiatives_blocks(&r.initiatives));
    }
    part_three(b, "CÁC HÌNH THỨC ĐÃ ĐƯỢC KHEN THƯỞNG", &r.titles, &r.forms);
    doc.validate()?;
    Ok(doc)
}

/// Mẫu 02: the achievement report of a collective, signed by its head and confirmed by the
/// head of the unit above.
pub fn collective_report(r: &CollectiveReport) -> Result<Document, ValidationErrors> {
    let mut c = Checker::new();
    c.required("proposal", "Hình thức đề nghị", &r.proposal);
    c.required("superior_unit", "Đơn vị cấp trên", &r.superior_unit);
    c.required("unit_header", "Tên đơn vị (tiêu đề)", &r.unit_header);
    c.required("unit_name", "Tên tập thể", &r.unit_name);
    c.text("features.address", "Địa điểm trụ sở", &r.features.address);
    c.text(
        "features.history",
        "Quá trình thành lập và phát triển",
        &r.features.history,
    );
    c.text(
        "features.characteristics",
        "Đặc điểm chính",
        &r.features.characteristics,
    );
    c.required("functions", "Chức năng, nhiệm vụ", &r.functions);
    c.required("achievements", "Thành tích đạt được", &r.achievements);
    c.text(
        "measures",
        "Biện pháp, nguyên nhân đạt thành tích",
        &r.measures,
    );
    c.text(
        "party_work",
        "Thực hiện chủ trương, chính sách",
        &r.party_work,
    );
    check_initiatives(&mut c, &r.initiatives);
    check_awards(&mut c, "titles", "Danh hiệu thi đua đã nhận", &r.titles);
    check_awards(&mut c, "forms", "Hình thức khen thưởng đã nhận", &r.forms);
    check_signer(&mut c, "head_of_unit", "Thủ trưởng đơn vị", &r.head_of_unit);
    check_signer(
        &mut c,
        "superior_head",
        "Thủ trưởng đơn vị cấp trên",
        &r.superior_head,
    );
    c.finish()?;

    let header = Header {
        layout: HeaderLayout::Standard,
        governing_body: Some(r.superior_unit.clone()),
        issuing_body: r.unit_header.clone(),
        number: None,
        type_symbol: String::new(),
        agency_symbol: String::new(),
        place: r.place.clone(),
        date: r.date,
    };
    let mut head = r.head_of_unit.clone();
    head.note.get_or_insert_with(|| "(Ký, đóng dấu)".to_owned());
    let mut doc = Document::new(DocKind::BaoCaoThanhTich, header, head);
    doc.summary = Some(balance(&format!(
        "ĐỀ NGHỊ TẶNG {}",
        r.proposal.to_uppercase()
    )));
    doc.summary_note = Some("(Mẫu này dùng cho tập thể)".to_owned());
    let mut superior = r.superior_head.clone();
    superior
        .note
        .get_or_insert_with(|| "(Ký, đóng dấu)".to_owned());
    doc.left_signer = Some(superior);

    let b = &mut doc.blocks;
    b.push(Block::Paragraph {
        number: None,
        runs: vec![
            Inline::bold("Tên tập thể đề nghị: "),
            Inline::plain(r.unit_name.clone()),
        ],
        align: Align::Justify,
    });
    b.push(Block::heading(1, "I.", "SƠ LƯỢC ĐẶC ĐIỂM, TÌNH HÌNH"));
    b.push(Block::heading(2, "1.", "Đặc điểm, tình hình"));
    b.push(field(
        "Địa điểm trụ sở chính, điện thoại, fax; địa chỉ trang tin điện tử",
        &r.features.address,
    ));
    b.push(field(
        "Quá trình thành lập và phát triển",
        &r.features.history,
    ));
    b.push(field(
        "Những đặc điểm chính của đơn vị",
        &r.features.characteristics,
    ));
    b.push(Block::heading(2, "2.", "Chức năng, nhiệm vụ"));
    b.extend(paragraphs(&r.functions));
    b.push(Block::heading(1, "II.", "THÀNH TÍCH ĐẠT ĐƯỢC"));
    b.push(Block::heading(
        2,
        "1.",
        "Kết quả thực hiện chức năng, nhiệm vụ được giao",
    ));
    b.extend(paragraphs(&r.achievements));
    if !r.initiatives.is_empty() {
        b.extend(initiatives_blocks(&r.initiatives));
    }
    if !r.measures.trim().is_empty() {
        b.push(Block::heading(2, "2.", "Những biện pháp hoặc nguyên nhân đạt được thành tích; các phong trào thi đua đã được áp dụng"));
        b.extend(paragraphs(&r.measures));
    }
    if !r.party_work.trim().is_empty() {
        let n = if r.measures.trim().is_empty() {
            "2."
        } else {
            "3."
        };
        b.push(Block::heading(2, n, "Việc thực hiện chủ trương, chính sách của Đảng, pháp luật của Nhà nước; công tác xây dựng Đảng và đoàn thể"));
        b.extend(paragraphs(&r.party_work));
    }
    part_three(
        b,
        "CÁC HÌNH THỨC KHEN THƯỞNG ĐÃ ĐƯỢC GHI NHẬN",
        &r.titles,
        &r.forms,
    );
    doc.validate()?;
    Ok(doc)
}
