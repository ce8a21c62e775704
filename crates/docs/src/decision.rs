//! A decision (quyết định) with its annexed list (danh sách): the commendation decision of the
//! director, with the people it names on pages of their own.

use serde::{Deserialize, Serialize};

use crate::dates::{self, DocDate};
use crate::model::{
    Align, Annex, Block, Column, DocKind, Document, Header, HeaderLayout, Inline, Signer, Table,
};
use crate::validate::{Checker, ValidationErrors};
use crate::words;

/// A person on the annexed list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ListedPerson {
    /// Full name.
    pub name: String,
    /// Position: "Chuyên viên".
    #[serde(default)]
    pub position: String,
    /// Unit: "Phòng Quản lý khoa học".
    #[serde(default)]
    pub unit: String,
}

/// The input of a commendation decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AwardDecision {
    /// "UBND TỈNH BẮC GIANG".
    #[serde(default)]
    pub governing_body: Option<String>,
    /// "SỞ KHOA HỌC VÀ CÔNG NGHỆ".
    pub issuing_body: String,
    /// "KHCN".
    pub agency_symbol: String,
    /// "Bắc Giang".
    pub place: String,
    /// Set when issued.
    #[serde(default)]
    pub number: Option<u32>,
    /// Date, or a draft's blanks.
    pub date: DocDate,
    /// Who decides, as a sentence names it: "Giám đốc Sở Khoa học và Công nghệ" (printed in
    /// capitals above the "Căn cứ" lines).
    pub authority: String,
    /// "Về việc tặng Giấy khen …".
    pub summary: String,
    /// "Căn cứ …;" lines, the last one "Theo đề nghị của …".
    pub bases: Vec<String>,
    /// What is given: "Giấy khen của Giám đốc Sở Khoa học và Công nghệ".
    pub award: String,
    /// Why, completing "cho N cá nhân …": "đã có thành tích xuất sắc trong phong trào thi đua năm 2024".
    pub achievement: String,
    /// Money for each person, in đồng (Decree 98 Art 53: already rounded up to 10,000).
    #[serde(default)]
    pub amount_each: Option<u64>,
    /// Where the money comes from: "Quỹ thi đua, khen thưởng của Sở".
    #[serde(default)]
    pub fund: Option<String>,
    /// Who carries it out: "Chánh Văn phòng Sở, Trưởng các phòng, đơn vị thuộc Sở và các cá nhân có tên tại Điều 1".
    pub executors: String,
    /// Title of the annex: "DANH SÁCH CÁ NHÂN ĐƯỢC TẶNG GIẤY KHEN".
    pub list_title: String,
    /// The people.
    pub people: Vec<ListedPerson>,
    /// The signer.
    pub signer: Signer,
    /// Recipients.
    #[serde(default)]
    pub recipients: Vec<String>,
    /// Archive line: "VT, VP".
    #[serde(default)]
    pub archive: Option<String>,
}

/// Builds the decision with its annexed list.
pub fn award_decision(d: &AwardDecision) -> Result<Document, ValidationErrors> {
    let mut c = Checker::new();
    c.required("authority", "Thẩm quyền quyết định", &d.authority);
    c.required("award", "Hình thức khen thưởng", &d.award);
    c.required("achievement", "Thành tích", &d.achievement);
    c.required("executors", "Tổ chức thi hành", &d.executors);
    c.required("list_title", "Tiêu đề danh sách", &d.list_title);
    c.optional("fund", "Nguồn kinh phí", d.fund.as_deref());
    if d.people.is_empty() {
        c.push("people", "Danh sách", "chưa có ai.");
    }
    for (i, p) in d.people.iter().enumerate() {
        c.required(
            &format!("people[{i}].name"),
            &format!("Danh sách, dòng {} – họ tên", i + 1),
            &p.name,
        );
    }
    c.finish()?;

    let header = Header {
        layout: HeaderLayout::Standard,
        governing_body: d.governing_body.clone(),
        issuing_body: d.issuing_body.clone(),
        number: d.number,
        type_symbol: DocKind::QuyetDinh.symbol().to_owned(),
        agency_symbol: d.agency_symbol.clone(),
        place: d.place.clone(),
        date: d.date,
    };
    let reference = header
        .reference()
        .unwrap_or_else(|| format!("{}/{}", dates_blank(), header.symbol()));
    let issued = match d.date {
        DocDate::Full { date } => dates::format_short(date),
        other => format!(
            "{0}/{0}/{1}",
            dates_blank(),
            other.year().map(|y| y.to_string()).unwrap_or_default()
        ),
    };
    let n = d.people.len();
    let mut doc = Document::new(DocKind::QuyetDinh, header, d.signer.clone());
    doc.summary = Some(d.summary.clone());
    doc.authority_line = Some(d.authority.to_uppercase());
    doc.bases = d.bases.clone();
    doc.enacting = Some("QUYẾT ĐỊNH:".to_owned());
    doc.blocks.push(Block::runs(vec![
        Inline::bold("Điều 1."),
        Inline::plain(format!(
            " Tặng {} cho {n} cá nhân {} (có danh sách kèm theo).",
            d.award, d.achievement
        )),
    ]));
    let mut article = 2;
    if let Some(amount) = d.amount_each {
        let fund = d
            .fund
            .as_deref()
            .map(|f| format!(" Kinh phí khen thưởng trích từ {f}."))
            .unwrap_or_default();
        doc.blocks.push(Block::runs(vec![
            Inline::bold(format!("Điều {article}.")),
            Inline::plain(format!(
                " Mỗi cá nhân được tặng kèm theo tiền thưởng là {} (Bằng chữ: {}).{fund}",
                words::money_in_digits(amount),
                words::money_in_words(amount)
            )),
        ]));
        article += 1;
    }
    doc.blocks.push(Block::runs(vec![
        Inline::bold(format!("Điều {article}.")),
        Inline::plain(format!(" Quyết định này có hiệu lực kể từ ngày ký. {} chịu trách nhiệm thi hành Quyết định này./.", d.executors)),
    ]));
    doc.recipients = d.recipients.clone();
    doc.archive = d.archive.clone();
    let rows = d
        .people
        .iter()
        .enumerate()
        .map(|(i, p)| {
            vec![
                (i + 1).to_string(),
                p.name.clone(),
                p.position.clone(),
                p.unit.clone(),
            ]
        })
        .collect();
    doc.annexes.push(Annex {
        title: d.list_title.clone(),
        subtitle: Some(format!(
            "(Kèm theo Quyết định số {reference} ngày {issued} của {})",
            d.authority
        )),
        table: Table {
            columns: vec![
                Column::new("TT", 2, Align::Center),
                Column::new("Họ và tên", 9, Align::Left),
                Column::new("Chức vụ", 8, Align::Left),
                Column::new("Đơn vị", 11, Align::Left),
            ],
            rows,
        },
    });
    doc.validate()?;
    Ok(doc)
}

fn dates_blank() -> &'static str {
    "     "
}
