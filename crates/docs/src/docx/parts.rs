//! The fixed parts of the package: content types, relationships, styles, settings, fonts.

use std::fmt::Write;

use crate::docx::xml::escape_into;
use crate::layout::{self, half_points, size, twips};

pub const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
pub const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const XML_DECL: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
/// The font named in every slot; Word has it, LibreOffice maps it to a metric twin.
pub const FONT: &str = "Times New Roman";

pub fn content_types() -> String {
    let wml = "application/vnd.openxmlformats-officedocument.wordprocessingml";
    format!(
        "{XML_DECL}<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/word/document.xml\" ContentType=\"{wml}.document.main+xml\"/>\
<Override PartName=\"/word/styles.xml\" ContentType=\"{wml}.styles+xml\"/>\
<Override PartName=\"/word/settings.xml\" ContentType=\"{wml}.settings+xml\"/>\
<Override PartName=\"/word/fontTable.xml\" ContentType=\"{wml}.fontTable+xml\"/>\
<Override PartName=\"/word/header1.xml\" ContentType=\"{wml}.header+xml\"/>\
<Override PartName=\"/word/header2.xml\" ContentType=\"{wml}.header+xml\"/>\
<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
<Override PartName=\"/docProps/app.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>\
</Types>"
    )
}

pub fn package_rels() -> String {
    format!(
        "{XML_DECL}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" Target=\"docProps/app.xml\"/>\
</Relationships>"
    )
}

pub fn document_rels() -> String {
    let base = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    format!(
        "{XML_DECL}<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"{base}/styles\" Target=\"styles.xml\"/>\
<Relationship Id=\"rId2\" Type=\"{base}/settings\" Target=\"settings.xml\"/>\
<Relationship Id=\"rId3\" Type=\"{base}/fontTable\" Target=\"fontTable.xml\"/>\
<Relationship Id=\"rId4\" Type=\"{base}/header\" Target=\"header1.xml\"/>\
<Relationship Id=\"rId5\" Type=\"{base}/header\" Target=\"header2.xml\"/>\
</Relationships>"
    )
}

/// Relationship ids of the two headers in `document_rels`.
pub const HEADER_DEFAULT_RID: &str = "rId4";
pub const HEADER_FIRST_RID: &str = "rId5";

pub fn core_props(title: &str) -> String {
    let mut t = String::new();
    escape_into(&mut t, title);
    format!(
        "{XML_DECL}<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
<dc:title>{t}</dc:title><dc:creator>tdkt</dc:creator><dc:language>vi-VN</dc:language></cp:coreProperties>"
    )
}

pub fn app_props() -> String {
    format!(
        "{XML_DECL}<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\">\
<Application>tdkt</Application></Properties>"
    )
}

pub fn settings() -> String {
    format!(
        "{XML_DECL}<w:settings xmlns:w=\"{W_NS}\"><w:zoom w:percent=\"100\"/>\
<w:defaultTabStop w:val=\"720\"/><w:characterSpacingControl w:val=\"doNotCompress\"/>\
<w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/></w:compat>\
<w:themeFontLang w:val=\"vi-VN\"/></w:settings>"
    )
}

pub fn font_table() -> String {
    format!(
        "{XML_DECL}<w:fonts xmlns:w=\"{W_NS}\"><w:font w:name=\"{FONT}\">\
<w:panose1 w:val=\"02020603050405020304\"/><w:charset w:val=\"00\"/><w:family w:val=\"roman\"/><w:pitch w:val=\"variable\"/>\
</w:font></w:fonts>"
    )
}

/// The page-number header (from page 2) and the empty first-page header.
pub fn headers() -> (String, String) {
    let page = format!(
        "{XML_DECL}<w:hdr xmlns:w=\"{W_NS}\" xmlns:r=\"{R_NS}\"><w:p><w:pPr><w:pStyle w:val=\"Header\"/></w:pPr>\
<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\"> PAGE </w:instrText></w:r>\
<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>2</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>\
</w:p></w:hdr>"
    );
    let first = format!(
        "{XML_DECL}<w:hdr xmlns:w=\"{W_NS}\" xmlns:r=\"{R_NS}\"><w:p><w:pPr><w:pStyle w:val=\"Header\"/></w:pPr></w:p></w:hdr>"
    );
    (page, first)
}

/// One paragraph style, with only what differs from its base.
struct StyleDef {
    id: &'static str,
    name: &'static str,
    based_on: Option<&'static str>,
    next: Option<&'static str>,
    keep_next: bool,
    border_bottom: bool,
    /// (before, after) in twips.
    spacing: Option<(i64, i64)>,
    /// Line spacing in 240ths of a line.
    line: Option<i64>,
    first_line: Option<i64>,
    jc: Option<&'static str>,
    bold: bool,
    italic: bool,
    size_pt: Option<f32>,
    underline: bool,
    /// Outline level (0 = top) so Word's navigation pane lists the headings.
    outline: Option<u8>,
}

const BASE: StyleDef = StyleDef {
    id: "",
    name: "",
    based_on: Some("Normal"),
    next: None,
    keep_next: false,
    border_bottom: false,
    spacing: None,
    line: None,
    first_line: None,
    jc: None,
    bold: false,
    italic: false,
    size_pt: None,
    underline: false,
    outline: None,
};

/// Style ids used by the document writer.
pub mod id {
    pub const BODY: &str = "tdktBody";
    pub const HEADING: [&str; 3] = ["tdktHeading1", "tdktHeading2", "tdktHeading3"];
    pub const BULLET: &str = "tdktBullet";
    pub const BASIS: &str = "tdktBasis";
    pub const CENTER_BOLD: &str = "tdktCenterBold";
    pub const GOVERNING: &str = "tdktGoverningBody";
    pub const ISSUER: &str = "tdktIssuingBody";
    pub const NATIONAL: &str = "tdktNationalName";
    pub const MOTTO: &str = "tdktMotto";
    pub const NUMBER: &str = "tdktNumber";
    pub const PLACE_DATE: &str = "tdktPlaceDate";
    pub const TITLE: &str = "tdktTitle";
    pub const SUMMARY: &str = "tdktSummary";
    pub const SUMMARY_NOTE: &str = "tdktSummaryNote";
    pub const RULE: &str = "tdktRule";
    pub const SPACER: &str = "tdktSpacer";
    pub const SIGNER_TITLE: &str = "tdktSignerTitle";
    pub const SIGNER_NOTE: &str = "tdktSignerNote";
    pub const SIGNER_NAME: &str = "tdktSignerName";
    pub const RECIPIENTS_LABEL: &str = "tdktRecipientsLabel";
    pub const RECIPIENT: &str = "tdktRecipient";
    pub const TABLE_HEADER: &str = "tdktTableHeader";
    pub const TABLE_CELL: &str = "tdktTableCell";
    pub const ANNEX_TITLE: &str = "tdktAnnexTitle";
    pub const ANNEX_NOTE: &str = "tdktAnnexNote";
}

fn style_defs() -> Vec<StyleDef> {
    let body_line = (layout::LINE_SPACING * 240.0).round() as i64;
    let after = (layout::PARAGRAPH_AFTER_PT * 20.0).round() as i64;
    let indent = twips(layout::FIRST_LINE_INDENT_MM);
    let centred = |id, name, bold, italic, size_pt: f32| StyleDef {
        id,
        name,
        jc: Some("center"),
        bold,
        italic,
        size_pt: Some(size_pt),
        spacing: Some((0, 0)),
        ..BASE
    };
    vec![
        StyleDef {
            id: id::BODY,
            name: "Nội dung văn bản",
            spacing: Some((0, after)),
            line: Some(body_line),
            first_line: Some(indent),
            jc: Some("both"),
            ..BASE
        },
        StyleDef {
            id: id::HEADING[0],
            outline: Some(0),
            name: "Đề mục cấp 1",
            based_on: Some(id::BODY),
            next: Some(id::BODY),
            keep_next: true,
            bold: true,
            ..BASE
        },
        StyleDef {
            id: id::HEADING[1],
            outline: Some(1),
            name: "Đề mục cấp 2",
            based_on: Some(id::BODY),
            next: Some(id::BODY),
            keep_next: true,
            bold: true,
            ..BASE
        },
        StyleDef {
            id: id::HEADING[2],
            outline: Some(2),
            name: "Đề mục cấp 3",
            based_on: Some(id::BODY),
            next: Some(id::BODY),
            keep_next: true,
            bold: true,
            italic: true,
            ..BASE
        },
        StyleDef {
            id: id::BULLET,
            name: "Gạch đầu dòng",
            based_on: Some(id::BODY),
            ..BASE
        },
        StyleDef {
            id: id::BASIS,
            name: "Căn cứ",
            based_on: Some(id::BODY),
            italic: true,
            ..BASE
        },
        StyleDef {
            spacing: Some((120, 120)),
            keep_next: true,
            ..centred(id::CENTER_BOLD, "Giữa đậm", true, false, size::BODY)
        },
        centred(
            id::GOVERNING,
            "Cơ quan chủ quản",
            false,
            false,
            size::GOVERNING_BODY,
        ),
        centred(
            id::ISSUER,
            "Cơ quan ban hành",
            true,
            false,
            size::ISSUING_BODY,
        ),
        centred(id::NATIONAL, "Quốc hiệu", true, false, size::NATIONAL_NAME),
        StyleDef {
            underline: true,
            ..centred(id::MOTTO, "Tiêu ngữ", true, false, size::MOTTO)
        },
        StyleDef {
            spacing: Some((160, 0)),
            ..centred(id::NUMBER, "Số và ký hiệu", false, false, size::NUMBER)
        },
        StyleDef {
            spacing: Some((160, 0)),
            ..centred(
                id::PLACE_DATE,
                "Địa danh và thời gian",
                false,
                true,
                size::PLACE_DATE,
            )
        },
        StyleDef {
            spacing: Some((480, 0)),
            keep_next: true,
            ..centred(id::TITLE, "Tên loại văn bản", true, false, size::TITLE)
        },
        StyleDef {
            keep_next: true,
            ..centred(id::SUMMARY, "Trích yếu", true, false, size::SUMMARY)
        },
        StyleDef {
            keep_next: true,
            ..centred(
                id::SUMMARY_NOTE,
                "Ghi chú trích yếu",
                false,
                true,
                size::SUMMARY,
            )
        },
        StyleDef {
            id: id::RULE,
            name: "Đường kẻ ngắn",
            border_bottom: true,
            // Clear of the descenders and dots below (ọ, ệ) of the line above.
            spacing: Some((60, 0)),
            line: Some(240),
            size_pt: Some(2.0),
            ..BASE
        },
        StyleDef {
            id: id::SPACER,
            name: "Khoảng trống",
            spacing: Some((0, 0)),
            line: Some(240),
            size_pt: Some(2.0),
            ..BASE
        },
        StyleDef {
            keep_next: true,
            ..centred(
                id::SIGNER_TITLE,
                "Chức vụ người ký",
                true,
                false,
                size::SIGNER,
            )
        },
        StyleDef {
            keep_next: true,
            ..centred(id::SIGNER_NOTE, "Ghi chú chữ ký", false, true, size::SIGNER)
        },
        StyleDef {
            spacing: Some((twips(layout::SIGNATURE_SPACE_MM), 0)),
            ..centred(
                id::SIGNER_NAME,
                "Họ tên người ký",
                true,
                false,
                size::SIGNER,
            )
        },
        StyleDef {
            id: id::RECIPIENTS_LABEL,
            name: "Nơi nhận",
            keep_next: true,
            spacing: Some((0, 0)),
            bold: true,
            italic: true,
            size_pt: Some(size::RECIPIENTS_LABEL),
            ..BASE
        },
        StyleDef {
            id: id::RECIPIENT,
            name: "Danh sách nơi nhận",
            spacing: Some((0, 0)),
            size_pt: Some(size::RECIPIENTS),
            ..BASE
        },
        StyleDef {
            spacing: Some((40, 40)),
            ..centred(id::TABLE_HEADER, "Tiêu đề bảng", true, false, size::TABLE)
        },
        StyleDef {
            id: id::TABLE_CELL,
            name: "Ô bảng",
            spacing: Some((40, 40)),
            size_pt: Some(size::TABLE),
            ..BASE
        },
        StyleDef {
            keep_next: true,
            ..centred(id::ANNEX_TITLE, "Tiêu đề phụ lục", true, false, size::TITLE)
        },
        StyleDef {
            keep_next: true,
            ..centred(id::ANNEX_NOTE, "Dòng kèm theo", false, true, size::BODY)
        },
        StyleDef {
            id: "Header",
            name: "header",
            jc: Some("center"),
            size_pt: Some(size::PAGE_NUMBER),
            spacing: Some((0, 0)),
            ..BASE
        },
    ]
}

fn rfonts() -> String {
    format!(r#"<w:rFonts w:ascii="{FONT}" w:hAnsi="{FONT}" w:eastAsia="{FONT}" w:cs="{FONT}"/>"#)
}

/// styles.xml: Times New Roman in every font slot, 14 pt body, one style per element.
pub fn styles() -> String {
    let body = half_points(size::BODY);
    let mut out = String::with_capacity(12_000);
    let _ = write!(
        out,
        "{XML_DECL}<w:styles xmlns:w=\"{W_NS}\"><w:docDefaults><w:rPrDefault><w:rPr>{fonts}\
<w:sz w:val=\"{body}\"/><w:szCs w:val=\"{body}\"/><w:lang w:val=\"vi-VN\" w:eastAsia=\"en-US\" w:bidi=\"ar-SA\"/>\
</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"240\" w:lineRule=\"auto\"/></w:pPr>\
</w:pPrDefault></w:docDefaults>\
<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/>\
<w:rPr>{fonts}<w:sz w:val=\"{body}\"/><w:szCs w:val=\"{body}\"/></w:rPr></w:style>\
<w:style w:type=\"character\" w:default=\"1\" w:styleId=\"DefaultParagraphFont\"><w:name w:val=\"Default Paragraph Font\"/>\
<w:uiPriority w:val=\"1\"/><w:semiHidden/><w:unhideWhenUsed/></w:style>\
<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/><w:uiPriority w:val=\"99\"/>\
<w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar>\
<w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/>\
</w:tblCellMar></w:tblPr></w:style>",
        fonts = rfonts()
    );
    for s in style_defs() {
        let _ = write!(
            out,
            r#"<w:style w:type="paragraph" w:customStyle="{}" w:styleId="{}">"#,
            u8::from(s.id != "Header"),
            s.id
        );
        out.push_str("<w:name w:val=\"");
        escape_into(&mut out, s.name);
        out.push_str("\"/>");
        if let Some(b) = s.based_on {
            let _ = write!(out, r#"<w:basedOn w:val="{b}"/>"#);
        }
        if let Some(n) = s.next {
            let _ = write!(out, r#"<w:next w:val="{n}"/>"#);
        }
        out.push_str("<w:qFormat/><w:pPr>");
        if s.keep_next {
            out.push_str("<w:keepNext/>");
        }
        if s.border_bottom {
            out.push_str(r#"<w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>"#);
        }
        if s.spacing.is_some() || s.line.is_some() {
            out.push_str("<w:spacing");
            if let Some((before, after)) = s.spacing {
                let _ = write!(out, r#" w:before="{before}" w:after="{after}""#);
            }
            if let Some(line) = s.line {
                let _ = write!(out, r#" w:line="{line}" w:lineRule="auto""#);
            }
            out.push_str("/>");
        }
        if let Some(first) = s.first_line {
            let _ = write!(out, r#"<w:ind w:firstLine="{first}"/>"#);
        }
        if let Some(jc) = s.jc {
            let _ = write!(out, r#"<w:jc w:val="{jc}"/>"#);
        }
        if let Some(level) = s.outline {
            let _ = write!(out, r#"<w:outlineLvl w:val="{level}"/>"#);
        }
        out.push_str("</w:pPr><w:rPr>");
        if s.bold {
            out.push_str("<w:b/><w:bCs/>");
        }
        if s.italic {
            out.push_str("<w:i/><w:iCs/>");
        }
        if let Some(pt) = s.size_pt {
            let hp = half_points(pt);
            let _ = write!(out, r#"<w:sz w:val="{hp}"/><w:szCs w:val="{hp}"/>"#);
        }
        if s.underline {
            out.push_str(r#"<w:u w:val="single"/>"#);
        }
        out.push_str("</w:rPr></w:style>");
    }
    out.push_str("</w:styles>");
    out
}
