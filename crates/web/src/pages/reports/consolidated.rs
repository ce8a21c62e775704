//! The agency's consolidated review report (BÁO CÁO Sơ kết / Tổng kết công tác thi đua, khen
//! thưởng), a Decree 30 paper assembled from the unit reports the Office accepted: the figures of
//! each unit in a table, then each section with what every unit wrote.

use time::Date;

use tdkt_docs::plan::Plan;
use tdkt_docs::{Align, Block, Column, DocDate, DocKind, Document, Header, Inline, Table};
use tdkt_store::reports::{Content, Kind, SECTIONS, TargetCounts};

use crate::views::fmt_date;

/// An accepted unit report, as the paper uses it.
pub struct UnitReport {
    pub unit_name: String,
    pub content: Content,
    pub submitted_on: Option<Date>,
}

/// "Sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm 2024".
pub fn summary(kind: Kind, year: i32) -> String {
    match kind {
        Kind::MidYear => format!("Sơ kết công tác thi đua, khen thưởng 6 tháng đầu năm {year}"),
        Kind::YearEnd => format!("Tổng kết công tác thi đua, khen thưởng năm {year}"),
    }
}

/// Builds the paper. `plan_ref` cites the plan ("Kế hoạch số 05/KH-KHCN ngày …"); `expected` is
/// the number of units that report.
pub fn document(
    plan: &Plan,
    plan_ref: &str,
    agency_name: &str,
    kind: Kind,
    today: Date,
    reports: &[UnitReport],
    expected: usize,
) -> Document {
    let header = Header {
        layout: Default::default(),
        governing_body: plan.governing_body.clone(),
        issuing_body: plan.issuing_body.clone(),
        number: None,
        type_symbol: DocKind::BaoCao.symbol().to_owned(),
        agency_symbol: plan.agency_symbol.clone(),
        place: plan.place.clone(),
        date: DocDate::full(today),
    };
    let mut doc = Document::new(
        DocKind::BaoCao,
        header,
        plan.signer.clone().unwrap_or_default(),
    );
    doc.summary = Some(summary(kind, plan.year));
    let mut b = Vec::new();
    b.push(Block::paragraph(format!(
        "Thực hiện {plan_ref} về phát động phong trào thi đua năm {year}; trên cơ sở báo cáo {short} của {n}/{expected} phòng, đơn vị đã được Văn phòng tiếp nhận, {agency_name} báo cáo {what} như sau:",
        year = plan.year,
        short = kind.short(),
        n = reports.len(),
        what = summary(kind, plan.year).to_lowercase(),
    )));
    b.push(Block::heading(1, "I.", "KẾT QUẢ THỰC HIỆN"));
    b.push(Block::heading(
        2,
        "1.",
        "Công tác đăng ký thi đua và thực hiện chỉ tiêu",
    ));
    let mut t = TargetCounts::default();
    let (mut members, mut registered, mut initiatives) = (0, 0, 0);
    for r in reports {
        if let Some(f) = &r.content.figures {
            t.registered += f.targets.registered;
            t.met += f.targets.met;
            t.on_track += f.targets.on_track;
            t.overdue += f.targets.overdue;
            members += f.members;
            registered += f.registered_members;
            initiatives += f.initiatives.len();
        }
    }
    b.push(Block::paragraph(format!(
        "{registered}/{members} công chức, viên chức, người lao động của các phòng, đơn vị đã báo cáo đăng ký thi đua; các phòng, đơn vị đăng ký {} chỉ tiêu, trong đó {} chỉ tiêu đã đạt, {} chỉ tiêu đang thực hiện đúng tiến độ, {} chỉ tiêu quá hạn chưa đạt; {initiatives} sáng kiến, nhiệm vụ khoa học và công nghệ được công nhận trong năm. Số liệu từng phòng, đơn vị tại bảng dưới đây.",
        t.registered, t.met, t.on_track, t.overdue
    )));
    b.push(Block::Table(figures_table(reports)));
    let mut n = 1;
    for (key, heading) in [
        ("results", "Kết quả đạt được"),
        ("models", "Mô hình, cách làm hay"),
        ("exemplars", "Điển hình tiên tiến được phát hiện"),
    ] {
        n += 1;
        b.push(Block::heading(2, format!("{n}."), heading));
        section_blocks(&mut b, reports, key);
    }
    b.push(Block::heading(1, "II.", "KHÓ KHĂN, VƯỚNG MẮC"));
    section_blocks(&mut b, reports, "difficulties");
    b.push(Block::heading(1, "III.", "KIẾN NGHỊ, ĐỀ XUẤT"));
    section_blocks(&mut b, reports, "proposals");
    b.push(Block::paragraph(format!(
        "Trên đây là báo cáo {} của {agency_name}./.",
        summary(kind, plan.year).to_lowercase()
    )));
    doc.blocks = b;
    doc.recipients = vec![
        "Thường trực Hội đồng Thi đua – Khen thưởng tỉnh".into(),
        "Sở Nội vụ".into(),
        "Trưởng khối thi đua".into(),
        "Lãnh đạo Sở".into(),
        "Các phòng, đơn vị thuộc Sở".into(),
    ];
    doc.archive = Some("VT, VP".into());
    debug_assert!(SECTIONS.len() == 5);
    doc
}

fn figures_table(reports: &[UnitReport]) -> Table {
    let c = |t: &str, w, a| Column::new(t, w, a);
    Table {
        columns: vec![
            c("TT", 2, Align::Center),
            c("Phòng, đơn vị", 9, Align::Left),
            c("Đăng ký thi đua", 4, Align::Center),
            c("Chỉ tiêu đăng ký", 4, Align::Center),
            c("Đã đạt", 3, Align::Center),
            c("Đúng tiến độ", 4, Align::Center),
            c("Quá hạn", 3, Align::Center),
            c("Sáng kiến", 3, Align::Center),
            c("Ngày gửi", 5, Align::Center),
        ],
        rows: reports
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let f = r.content.figures.as_ref();
                let num = |v: Option<i64>| v.map(|v| v.to_string()).unwrap_or_default();
                vec![
                    (i + 1).to_string(),
                    r.unit_name.clone(),
                    f.map(|f| format!("{}/{}", f.registered_members, f.members))
                        .unwrap_or_default(),
                    num(f.map(|f| f.targets.registered)),
                    num(f.map(|f| f.targets.met)),
                    num(f.map(|f| f.targets.on_track)),
                    num(f.map(|f| f.targets.overdue)),
                    num(f.map(|f| f.initiatives.len() as i64)),
                    r.submitted_on.map(fmt_date).unwrap_or_default(),
                ]
            })
            .collect(),
    }
}

/// Each unit's text of a section: the unit's name in bold before its first paragraph.
fn section_blocks(b: &mut Vec<Block>, reports: &[UnitReport], key: &str) {
    let mut any = false;
    for r in reports {
        let text = r.content.sections.get(key);
        let mut paragraphs = text.split('\n').map(str::trim).filter(|p| !p.is_empty());
        let Some(first) = paragraphs.next() else {
            continue;
        };
        any = true;
        b.push(Block::runs(vec![
            Inline::bold(format!("{}: ", r.unit_name)),
            Inline::plain(first),
        ]));
        for p in paragraphs {
            b.push(Block::paragraph(p));
        }
    }
    if !any {
        b.push(Block::paragraph(
            "Các phòng, đơn vị không báo cáo nội dung này.",
        ));
    }
}
