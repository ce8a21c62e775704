//! `tdkt rules evaluate` without the `tdkt` binary:
//! `cargo run -p tdkt-rules --example evaluate -- CASE|- [--reasons all|failed|none]`.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut path = None;
    let mut reasons = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--reasons" => reasons = it.next().cloned(),
            _ if a.starts_with("--reasons=") => reasons = Some(a["--reasons=".len()..].to_string()),
            _ => path = Some(a.clone()),
        }
    }
    let Some(path) = path else {
        eprintln!("usage: evaluate CASE|- [--reasons all|failed|none]");
        std::process::exit(2);
    };
    // Streamed: a province's output never sits in memory as one text.
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let code = tdkt_rules::cli::evaluate_command_to(
        &path,
        reasons.as_deref(),
        &mut std::io::stdin().lock(),
        &mut out,
        &mut std::io::stderr().lock(),
    );
    drop(out);
    std::process::exit(code);
}
