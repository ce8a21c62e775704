//! Writes sample papers into a directory, for people to look at and for scripts/check-documents:
//!
//! ```text
//! cargo run -p tdkt-docs --example render_samples -- OUT_DIR
//! ```
//!
//! The seed plan (DOCX + PDF), a Mẫu 03 and a Mẫu 02 (DOCX + PDF), a Giấy khen in full and print
//! modes (and the full design as DOCX), the calibration page, and a decision with a 1,000-name annex (DOCX + PDF).

use std::path::Path;
use std::time::Instant;

use tdkt_docs::certificate::{self, CertificateMode, PrintCalibration};
use tdkt_docs::{Document, Format, decision, plan, report, samples};

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    std::fs::write(dir.join(name), bytes).unwrap_or_else(|e| panic!("write {name}: {e}"));
    println!("{name}\t{} bytes", bytes.len());
}

fn both(dir: &Path, stem: &str, doc: &Document) {
    for format in [Format::Docx, Format::Pdf] {
        let start = Instant::now();
        let bytes = tdkt_docs::render(doc, format).unwrap_or_else(|e| panic!("{stem}: {e}"));
        let name = format!("{stem}.{}", format.extension());
        write(dir, &name, &bytes);
        eprintln!("  {name}: {:.1} ms", start.elapsed().as_secs_f64() * 1000.0);
    }
}

fn main() {
    let Some(out) = std::env::args().nth(1) else {
        eprintln!("usage: render_samples OUT_DIR");
        std::process::exit(2);
    };
    let dir = Path::new(&out);
    std::fs::create_dir_all(dir).expect("create the output directory");

    let seed = plan::seed_plan_khcn_2024().expect("the seed plan parses");
    both(
        dir,
        "ke-hoach-2024",
        &seed.to_document().expect("the seed plan is valid"),
    );
    both(
        dir,
        "mau-03-ca-nhan",
        &report::individual_report(&samples::individual_report()).expect("Mẫu 03"),
    );
    both(
        dir,
        "mau-02-tap-the",
        &report::collective_report(&samples::collective_report()).expect("Mẫu 02"),
    );
    both(
        dir,
        "quyet-dinh-1000",
        &decision::award_decision(&samples::award_decision(1000)).expect("decision"),
    );

    let cert = samples::certificate();
    write(
        dir,
        "giay-khen-day-du.pdf",
        &certificate::certificate_pdf(&cert, &CertificateMode::Full).expect("full"),
    );
    write(
        dir,
        "giay-khen-day-du.docx",
        &certificate::certificate_docx(&cert).expect("full, as DOCX"),
    );
    let cal = PrintCalibration {
        offset_x_mm: 1.5,
        offset_y_mm: -2.0,
        ..PrintCalibration::default()
    };
    write(
        dir,
        "giay-khen-in-phoi.pdf",
        &certificate::certificate_pdf(&cert, &CertificateMode::Print(cal)).expect("print"),
    );
    write(
        dir,
        "giay-khen-hieu-chinh.pdf",
        &certificate::calibration_pdf(&cal).expect("calibration"),
    );
}
