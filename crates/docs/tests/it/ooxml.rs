//! A small, strict reader for the DOCX files we write: unzip, parse every XML part into a tree,
//! resolve paragraph and run formatting through the style chain, and check the ECMA-376 element
//! order (the `xsd:sequence` of each complex type, transcribed here independently of the writer).

use std::collections::HashMap;
use std::io::{Cursor, Read};

use quick_xml::events::Event;

/// An XML element.
#[derive(Debug, Clone, Default)]
pub struct El {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
}

#[derive(Debug, Clone)]
pub enum Node {
    El(El),
    Text(String),
}

impl El {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
    pub fn elements(&self) -> impl Iterator<Item = &El> {
        self.children.iter().filter_map(|n| match n {
            Node::El(e) => Some(e),
            Node::Text(_) => None,
        })
    }
    pub fn child(&self, name: &str) -> Option<&El> {
        self.elements().find(|e| e.name == name)
    }
    /// All descendants named `name`, in document order.
    pub fn find_all<'a>(&'a self, name: &str, out: &mut Vec<&'a El>) {
        for e in self.elements() {
            if e.name == name {
                out.push(e);
            }
            e.find_all(name, out);
        }
    }
    pub fn all(&self, name: &str) -> Vec<&El> {
        let mut out = Vec::new();
        self.find_all(name, &mut out);
        out
    }
    /// The text of the element: w:t content, w:tab as a tab, w:br as a line break.
    pub fn text(&self) -> String {
        let mut s = String::new();
        self.collect_text(&mut s);
        s
    }
    fn collect_text(&self, s: &mut String) {
        match self.name.as_str() {
            "w:t" => {
                for c in &self.children {
                    if let Node::Text(t) = c {
                        s.push_str(t);
                    }
                }
            }
            "w:tab" => s.push('\t'),
            "w:br" => s.push('\n'),
            "w:instrText" | "w:pPr" | "w:rPr" => {}
            _ => {
                for e in self.elements() {
                    e.collect_text(s);
                }
            }
        }
    }
}

/// Parses an XML part; fails on anything malformed.
pub fn parse(xml: &str) -> El {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut stack: Vec<El> = vec![El {
        name: "#root".into(),
        ..El::default()
    }];
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(e) => stack.push(element(&e, reader.decoder())),
            Event::Empty(e) => {
                let el = element(&e, reader.decoder());
                stack
                    .last_mut()
                    .expect("parent")
                    .children
                    .push(Node::El(el));
            }
            Event::End(_) => {
                let el = stack.pop().expect("open element");
                stack
                    .last_mut()
                    .expect("parent")
                    .children
                    .push(Node::El(el));
            }
            Event::Text(t) => {
                let text = t.decode().expect("utf-8").into_owned();
                let text = quick_xml::escape::unescape(&text)
                    .expect("valid entities")
                    .into_owned();
                stack
                    .last_mut()
                    .expect("parent")
                    .children
                    .push(Node::Text(text));
            }
            Event::GeneralRef(r) => {
                let name = r.decode().expect("utf-8");
                let ch = match name.as_ref() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    other => panic!("unexpected entity &{other};"),
                };
                stack
                    .last_mut()
                    .expect("parent")
                    .children
                    .push(Node::Text(ch.to_owned()));
            }
            Event::Eof => break,
            Event::Decl(_)
            | Event::Comment(_)
            | Event::PI(_)
            | Event::DocType(_)
            | Event::CData(_) => {}
        }
    }
    assert_eq!(stack.len(), 1, "unclosed elements");
    let root = stack.pop().expect("root");
    let mut elements = root.elements().cloned().collect::<Vec<_>>();
    assert_eq!(elements.len(), 1, "one root element");
    elements.remove(0)
}

fn element(e: &quick_xml::events::BytesStart<'_>, decoder: quick_xml::encoding::Decoder) -> El {
    let name = String::from_utf8(e.name().as_ref().to_vec()).expect("utf-8 name");
    let attrs = e
        .attributes()
        .map(|a| {
            let a = a.expect("attribute");
            let key = String::from_utf8(a.key.as_ref().to_vec()).expect("utf-8 key");
            let value = a
                .decoded_and_normalized_value(quick_xml::XmlVersion::Implicit1_0, decoder)
                .expect("attribute value")
                .into_owned();
            (key, value)
        })
        .collect();
    El {
        name,
        attrs,
        children: Vec::new(),
    }
}

/// A DOCX opened: its parts as text and parsed.
pub struct Docx {
    pub parts: HashMap<String, String>,
    pub document: El,
    pub styles: El,
}

impl Docx {
    pub fn open(bytes: &[u8]) -> Self {
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip package");
        let mut parts = HashMap::new();
        for i in 0..zip.len() {
            let mut f = zip.by_index(i).expect("entry");
            let mut s = String::new();
            f.read_to_string(&mut s).expect("UTF-8 part");
            parts.insert(f.name().to_owned(), s);
        }
        for (name, xml) in &parts {
            if name.ends_with(".xml") || name.ends_with(".rels") {
                let _ = parse(xml);
            }
        }
        let document = parse(&parts["word/document.xml"]);
        let styles = parse(&parts["word/styles.xml"]);
        Self {
            parts,
            document,
            styles,
        }
    }

    pub fn body(&self) -> &El {
        self.document.child("w:body").expect("w:body")
    }

    /// Every paragraph in reading order (inside tables too), with its resolved formatting.
    pub fn paragraphs(&self) -> Vec<Para> {
        self.body()
            .all("w:p")
            .into_iter()
            .map(|p| self.resolve(p))
            .collect()
    }

    fn style(&self, id: &str) -> Option<&El> {
        self.styles
            .elements()
            .find(|s| s.name == "w:style" && s.attr("w:styleId") == Some(id))
    }

    /// Folds run properties: docDefaults, then the style chain (base first), then direct.
    fn resolve(&self, p: &El) -> Para {
        let mut f = Fmt::default();
        if let Some(rpr) = self
            .styles
            .child("w:docDefaults")
            .and_then(|d| d.child("w:rPrDefault"))
            .and_then(|d| d.child("w:rPr"))
        {
            f.apply_rpr(rpr);
        }
        let ppr = p.child("w:pPr");
        let style_id = ppr
            .and_then(|p| p.child("w:pStyle"))
            .and_then(|s| s.attr("w:val"))
            .unwrap_or("Normal")
            .to_owned();
        let mut chain = Vec::new();
        let mut next = Some(style_id.clone());
        while let Some(id) = next {
            let s = self
                .style(&id)
                .unwrap_or_else(|| panic!("style {id} is defined"));
            next = s
                .child("w:basedOn")
                .and_then(|b| b.attr("w:val"))
                .map(str::to_owned);
            chain.push(s);
        }
        for s in chain.iter().rev() {
            if let Some(rpr) = s.child("w:rPr") {
                f.apply_rpr(rpr);
            }
            if let Some(ppr) = s.child("w:pPr") {
                f.apply_ppr(ppr);
            }
        }
        if let Some(ppr) = ppr {
            f.apply_ppr(ppr);
        }
        // The first run with text decides the run-level formatting.
        let first_run = p
            .elements()
            .filter(|r| r.name == "w:r")
            .find(|r| !r.text().trim().is_empty());
        let mut run_fmt = f.clone();
        if let Some(rpr) = first_run.and_then(|r| r.child("w:rPr")) {
            run_fmt.apply_rpr(rpr);
        }
        Para {
            style: style_id,
            text: p.text(),
            fmt: run_fmt,
        }
    }
}

/// Resolved formatting.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Fmt {
    pub bold: bool,
    pub italic: bool,
    pub underline: bool,
    /// Half-points.
    pub size: u32,
    pub jc: Option<String>,
    pub first_line: Option<i64>,
    pub fonts: Vec<(String, String)>,
}

impl Fmt {
    fn apply_rpr(&mut self, rpr: &El) {
        for e in rpr.elements() {
            let on = e.attr("w:val").is_none_or(|v| v != "0" && v != "false");
            match e.name.as_str() {
                "w:b" => self.bold = on,
                "w:i" => self.italic = on,
                "w:u" => self.underline = e.attr("w:val") != Some("none"),
                "w:sz" => self.size = e.attr("w:val").expect("size").parse().expect("number"),
                "w:rFonts" => self.fonts = e.attrs.clone(),
                _ => {}
            }
        }
    }
    fn apply_ppr(&mut self, ppr: &El) {
        if let Some(jc) = ppr.child("w:jc") {
            self.jc = jc.attr("w:val").map(str::to_owned);
        }
        if let Some(ind) = ppr.child("w:ind")
            && let Some(v) = ind.attr("w:firstLine")
        {
            self.first_line = Some(v.parse().expect("number"));
        }
    }
}

/// A paragraph as read back.
#[derive(Debug, Clone)]
pub struct Para {
    pub style: String,
    pub text: String,
    pub fmt: Fmt,
}

/// The ECMA-376 (Part 1, transitional) sequences for the complex types we write.
fn sequence(parent: &str) -> Option<&'static [&'static str]> {
    Some(match parent {
        "w:pPr" => &[
            "w:pStyle",
            "w:keepNext",
            "w:keepLines",
            "w:pageBreakBefore",
            "w:framePr",
            "w:widowControl",
            "w:numPr",
            "w:suppressLineNumbers",
            "w:pBdr",
            "w:shd",
            "w:tabs",
            "w:suppressAutoHyphens",
            "w:kinsoku",
            "w:wordWrap",
            "w:overflowPunct",
            "w:topLinePunct",
            "w:autoSpaceDE",
            "w:autoSpaceDN",
            "w:bidi",
            "w:adjustRightInd",
            "w:snapToGrid",
            "w:spacing",
            "w:ind",
            "w:contextualSpacing",
            "w:mirrorIndents",
            "w:suppressOverlap",
            "w:jc",
            "w:textDirection",
            "w:textAlignment",
            "w:textboxTightWrap",
            "w:outlineLvl",
            "w:divId",
            "w:cnfStyle",
            "w:rPr",
            "w:sectPr",
            "w:pPrChange",
        ],
        "w:rPr" => &[
            "w:rStyle",
            "w:rFonts",
            "w:b",
            "w:bCs",
            "w:i",
            "w:iCs",
            "w:caps",
            "w:smallCaps",
            "w:strike",
            "w:dstrike",
            "w:outline",
            "w:shadow",
            "w:emboss",
            "w:imprint",
            "w:noProof",
            "w:snapToGrid",
            "w:vanish",
            "w:webHidden",
            "w:color",
            "w:spacing",
            "w:w",
            "w:kern",
            "w:position",
            "w:sz",
            "w:szCs",
            "w:highlight",
            "w:u",
            "w:effect",
            "w:bdr",
            "w:shd",
            "w:fitText",
            "w:vertAlign",
            "w:rtl",
            "w:cs",
            "w:em",
            "w:lang",
            "w:eastAsianLayout",
            "w:specVanish",
            "w:oMath",
        ],
        "w:style" => &[
            "w:name",
            "w:aliases",
            "w:basedOn",
            "w:next",
            "w:link",
            "w:autoRedefine",
            "w:hidden",
            "w:uiPriority",
            "w:semiHidden",
            "w:unhideWhenUsed",
            "w:qFormat",
            "w:locked",
            "w:personal",
            "w:personalCompose",
            "w:personalReply",
            "w:rsid",
            "w:pPr",
            "w:rPr",
            "w:tblPr",
            "w:trPr",
            "w:tcPr",
            "w:tblStylePr",
        ],
        "w:tblPr" => &[
            "w:tblStyle",
            "w:tblpPr",
            "w:tblOverlap",
            "w:bidiVisual",
            "w:tblStyleRowBandSize",
            "w:tblStyleColBandSize",
            "w:tblW",
            "w:jc",
            "w:tblCellSpacing",
            "w:tblInd",
            "w:tblBorders",
            "w:shd",
            "w:tblLayout",
            "w:tblCellMar",
            "w:tblLook",
            "w:tblCaption",
            "w:tblDescription",
        ],
        "w:tcPr" => &[
            "w:cnfStyle",
            "w:tcW",
            "w:gridSpan",
            "w:hMerge",
            "w:vMerge",
            "w:tcBorders",
            "w:shd",
            "w:noWrap",
            "w:tcMar",
            "w:textDirection",
            "w:tcFitText",
            "w:vAlign",
            "w:hideMark",
        ],
        "w:sectPr" => &[
            "w:headerReference",
            "w:footerReference",
            "w:footnotePr",
            "w:endnotePr",
            "w:type",
            "w:pgSz",
            "w:pgMar",
            "w:paperSrc",
            "w:pgBorders",
            "w:lnNumType",
            "w:pgNumType",
            "w:cols",
            "w:formProt",
            "w:vAlign",
            "w:noEndnote",
            "w:titlePg",
            "w:textDirection",
            "w:bidi",
            "w:rtlGutter",
            "w:docGrid",
            "w:printerSettings",
        ],
        "w:tbl" => &["w:tblPr", "w:tblGrid", "w:tr"],
        "w:tr" => &["w:tblPrEx", "w:trPr", "w:tc"],
        "w:tc" => &["w:tcPr", "w:p", "w:tbl"],
        "w:p" => &["w:pPr", "w:r"],
        "w:pBdr" => &[
            "w:top",
            "w:left",
            "w:bottom",
            "w:right",
            "w:between",
            "w:bar",
        ],
        "w:tblBorders" => &[
            "w:top",
            "w:left",
            "w:bottom",
            "w:right",
            "w:insideH",
            "w:insideV",
        ],
        "w:tblCellMar" => &["w:top", "w:left", "w:bottom", "w:right"],
        "w:docDefaults" => &["w:rPrDefault", "w:pPrDefault"],
        "w:styles" => &["w:docDefaults", "w:latentStyles", "w:style"],
        "w:font" => &[
            "w:altName",
            "w:panose1",
            "w:charset",
            "w:family",
            "w:notTrueType",
            "w:pitch",
            "w:sig",
        ],
        "w:settings" => &[
            "w:zoom",
            "w:defaultTabStop",
            "w:characterSpacingControl",
            "w:compat",
            "w:themeFontLang",
        ],
        _ => return None,
    })
}

/// Children that may repeat or mix freely (choice groups), checked for membership only.
fn unordered(parent: &str) -> Option<&'static [&'static str]> {
    Some(match parent {
        "w:trPr" => &[
            "w:cantSplit",
            "w:tblHeader",
            "w:trHeight",
            "w:jc",
            "w:hidden",
        ],
        "w:r" => &["w:t", "w:br", "w:tab", "w:fldChar", "w:instrText"],
        _ => return None,
    })
}

/// Checks every element's children against its sequence; returns the violations.
pub fn order_violations(el: &El, out: &mut Vec<String>) {
    if el.name == "w:r" {
        // rPr first, then run content in any order.
        for (i, c) in el.elements().enumerate() {
            let content = unordered("w:r").is_some_and(|u| u.contains(&c.name.as_str()));
            if !(content || (c.name == "w:rPr" && i == 0)) {
                out.push(format!("<w:r>: <{}> out of place", c.name));
            }
        }
    } else if let Some(seq) = sequence(&el.name) {
        let mut last = 0;
        let mut last_name = "";
        for c in el.elements() {
            match seq.iter().position(|n| *n == c.name) {
                Some(rank) if rank >= last => {
                    last = rank;
                    last_name = &c.name;
                }
                Some(_) => out.push(format!("<{}>: <{}> after <{}>", el.name, c.name, last_name)),
                None => out.push(format!("<{}>: unexpected child <{}>", el.name, c.name)),
            }
        }
        if el.name == "w:tc" && el.elements().last().map(|e| e.name.as_str()) != Some("w:p") {
            out.push("<w:tc> must end with a paragraph".into());
        }
    } else if let Some(set) = unordered(&el.name) {
        for c in el.elements() {
            if !set.contains(&c.name.as_str()) {
                out.push(format!("<{}>: unexpected child <{}>", el.name, c.name));
            }
        }
    }
    for c in el.elements() {
        order_violations(c, out);
    }
}

/// Whitespace-normalised text: NBSP and runs of spaces become one space.
pub fn norm(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c == '\u{a0}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}
