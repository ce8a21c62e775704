//! The Giấy khen in full mode as DOCX: A4 landscape with a double page border, for agencies
//! that want to retouch the design in Word before printing on plain paper.

use std::fmt::Write as _;

use super::parts::{self, id};
use super::xml::{Jc, PPr, RPr, TblPr, cell_start, paragraph, row_start};
use crate::certificate::Certificate;
use crate::layout::twips;
use crate::model::{MOTTO, NATIONAL_NAME};
use crate::nfc;

const RED: &str = "9B1B1B";
const BLUE: &str = "1A237E";

fn centred(out: &mut String, rpr: RPr, text: &str, before_pt: i64) {
    let ppr = PPr {
        jc: Some(Jc::Center),
        spacing: Some((before_pt * 20, 0)),
        ..PPr::default()
    };
    paragraph(out, &ppr, rpr, &nfc(text));
}

fn size(pt: i64) -> Option<i64> {
    Some(pt * 2)
}

/// The certificate (full design) as DOCX bytes, after validating it.
pub fn certificate_docx(c: &Certificate) -> Result<Vec<u8>, crate::Error> {
    c.validate()?;
    let mut out = String::with_capacity(8_000);
    let _ = write!(
        out,
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"{}\" xmlns:r=\"{}\"><w:body>",
        parts::W_NS,
        parts::R_NS
    );
    let bold = |pt| RPr {
        bold: true,
        size: size(pt),
        ..RPr::default()
    };
    paragraph(
        &mut out,
        &PPr {
            style: Some(id::NATIONAL),
            ..PPr::default()
        },
        RPr::default(),
        NATIONAL_NAME,
    );
    paragraph(
        &mut out,
        &PPr {
            style: Some(id::MOTTO),
            ..PPr::default()
        },
        RPr::default(),
        MOTTO,
    );
    centred(&mut out, bold(16), &c.issuer_title, 24);
    centred(&mut out, bold(20), &c.verb, 30);
    centred(
        &mut out,
        RPr {
            color: Some(RED),
            ..bold(54)
        },
        &c.title,
        0,
    );
    centred(
        &mut out,
        RPr {
            italic: true,
            color: Some(BLUE),
            ..bold(28)
        },
        &c.recipient,
        12,
    );
    if let Some(unit) = &c.unit {
        centred(
            &mut out,
            RPr {
                size: size(18),
                ..RPr::default()
            },
            unit,
            6,
        );
    }
    centred(
        &mut out,
        RPr {
            italic: true,
            size: size(18),
            ..RPr::default()
        },
        &c.achievement,
        8,
    );
    paragraph(
        &mut out,
        &PPr {
            spacing: Some((480, 0)),
            ..PPr::default()
        },
        RPr::default(),
        "",
    );

    // Decision at the left, place, date and signature at the right.
    let grid = [twips(120.0), twips(125.0)];
    TblPr {
        width: grid[0] + grid[1],
        indent: 0,
        borders: false,
        cell_margin: 85,
    }
    .write(&mut out, &grid);
    row_start(&mut out, false);
    cell_start(&mut out, grid[0], false);
    let small = RPr {
        size: size(13),
        ..RPr::default()
    };
    let left = PPr {
        spacing: Some((twips(40.0), 0)),
        ..PPr::default()
    };
    paragraph(&mut out, &left, small, &nfc(&c.decision_line()));
    if let Some(r) = &c.register_number {
        paragraph(
            &mut out,
            &PPr::default(),
            small,
            &nfc(&format!("Số sổ vàng: {r}")),
        );
    }
    out.push_str("</w:tc>");
    cell_start(&mut out, grid[1], false);
    centred(
        &mut out,
        RPr {
            italic: true,
            size: size(14),
            ..RPr::default()
        },
        &c.place_date_line(),
        0,
    );
    for line in c.signer.title_lines() {
        centred(&mut out, bold(15), line, 0);
    }
    let name = PPr {
        jc: Some(Jc::Center),
        spacing: Some((twips(24.0), 0)),
        ..PPr::default()
    };
    paragraph(&mut out, &name, bold(16), &nfc(&c.signer.name));
    out.push_str("</w:tc></w:tr></w:tbl><w:p/>");

    let m = twips(18.0);
    let _ = write!(
        out,
        r#"<w:sectPr><w:pgSz w:w="16838" w:h="11906" w:orient="landscape"/><w:pgMar w:top="{m}" w:right="{m}" w:bottom="{m}" w:left="{m}" w:header="567" w:footer="567" w:gutter="0"/><w:pgBorders w:offsetFrom="page">"#
    );
    for side in ["top", "left", "bottom", "right"] {
        let _ = write!(
            out,
            r#"<w:{side} w:val="double" w:sz="18" w:space="24" w:color="{RED}"/>"#
        );
    }
    out.push_str(r#"</w:pgBorders><w:cols w:space="720"/><w:docGrid w:linePitch="360"/></w:sectPr></w:body></w:document>"#);
    super::package(out, &format!("Giấy khen {}", c.recipient))
}
