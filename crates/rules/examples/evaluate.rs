//! `tdkt rules evaluate` without the `tdkt` binary:
//! `cargo run -p tdkt-rules --example evaluate -- CASE|- [--reasons all|failed|none]`.

use std::io::Write;

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
    let out =
        tdkt_rules::cli::evaluate_command(&path, reasons.as_deref(), &mut std::io::stdin().lock());
    // A closed pipe is not worth a panic; the exit code still tells.
    let _ = std::io::stdout().lock().write_all(out.stdout.as_bytes());
    let _ = std::io::stderr().lock().write_all(out.stderr.as_bytes());
    std::process::exit(out.exit_code);
}
