//! Times the issue-4 benchmark: a decision with an annexed list of 1,000 names, as DOCX and as
//! PDF. Run it in release (`bench/documents.sh` does, and compares with LibreOffice):
//!
//! ```text
//! cargo run --release -p tdkt-docs --example bench_documents -- [OUT_DIR] [NAMES]
//! ```
//!
//! Prints one `key value` line per figure; writes the DOCX and PDF into OUT_DIR when given.

use std::time::{Duration, Instant};

use tdkt_docs::{decision, samples, to_docx, to_pdf};

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.1}", d.as_secs_f64() * 1000.0)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let out = args.next();
    let names: usize = args
        .next()
        .map(|n| n.parse().expect("NAMES is a number"))
        .unwrap_or(1000);

    let start = Instant::now();
    let doc = decision::award_decision(&samples::award_decision(names)).expect("valid decision");
    println!("names {names}");
    println!("build_ms {}", ms(start.elapsed()));

    // The first PDF pays for starting the engine (parsing the fonts, the standard library).
    let start = Instant::now();
    let pdf = to_pdf(&doc).expect("pdf");
    println!("pdf_first_ms {}", ms(start.elapsed()));

    let docx_runs: Vec<Duration> = (0..21)
        .map(|_| {
            let start = Instant::now();
            let bytes = to_docx(&doc).expect("docx");
            std::hint::black_box(bytes);
            start.elapsed()
        })
        .collect();
    println!("docx_median_ms {}", ms(median(docx_runs)));

    let pdf_runs: Vec<Duration> = (0..5)
        .map(|_| {
            let start = Instant::now();
            let bytes = to_pdf(&doc).expect("pdf");
            std::hint::black_box(bytes);
            start.elapsed()
        })
        .collect();
    println!("pdf_median_ms {}", ms(median(pdf_runs)));

    let docx = to_docx(&doc).expect("docx");
    println!("docx_bytes {}", docx.len());
    println!("pdf_bytes {}", pdf.len());
    if let Some(dir) = out {
        std::fs::create_dir_all(&dir).expect("output directory");
        std::fs::write(format!("{dir}/quyet-dinh-{names}.docx"), &docx).expect("write docx");
        std::fs::write(format!("{dir}/quyet-dinh-{names}.pdf"), &pdf).expect("write pdf");
    }
}
