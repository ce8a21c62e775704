//! `tdkt rules evaluate CASE|- [--reasons all|failed|none]` (spec/rules-evaluate.md), as a
//! function the `tdkt` binary calls and prints: no configuration, no database, no environment.
//!
//! Exit codes: 0 with the verdicts as one JSON document on stdout; 2 when the case is refused
//! (one line per problem on stderr, `path: message`, in document order; nothing on stdout) or the
//! `--reasons` value is unknown; 1 when the file cannot be read.

use std::io::Read;

use crate::engine::run;
use crate::parse::parse_case;
use crate::settings::{Options, ReasonFilter};

/// What the command prints and returns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CliOutcome {
    /// The process exit code.
    pub exit_code: i32,
    /// Everything for stdout (the JSON document and a final newline, or nothing).
    pub stdout: String,
    /// Everything for stderr (one line per problem, each ending with a newline).
    pub stderr: String,
}

impl CliOutcome {
    fn failure(exit_code: i32, stderr: String) -> CliOutcome {
        CliOutcome {
            exit_code,
            stdout: String::new(),
            stderr,
        }
    }
}

/// Runs `tdkt rules evaluate`. `path` is a file path, or `-` for `stdin`. `reasons` is the value
/// of `--reasons` if given; the default is `all` (every condition checked, as the spec's output
/// section describes a result).
pub fn evaluate_command(path: &str, reasons: Option<&str>, stdin: &mut dyn Read) -> CliOutcome {
    let filter = match reasons.map(ReasonFilter::from_code) {
        None => ReasonFilter::All,
        Some(Some(f)) => f,
        Some(None) => {
            return CliOutcome::failure(
                2,
                format!(
                    "--reasons: giá trị \"{}\" không hợp lệ (all, failed hoặc none)\n",
                    reasons.unwrap_or_default()
                ),
            );
        }
    };
    let mut json = Vec::new();
    let read = if path == "-" {
        stdin.read_to_end(&mut json).map(|_| ())
    } else {
        std::fs::read(path).map(|bytes| json = bytes)
    };
    if let Err(e) = read {
        let name = if path == "-" { "stdin" } else { path };
        return CliOutcome::failure(1, format!("không đọc được {name}: {e}\n"));
    }
    evaluate_json(&json, filter)
}

/// Evaluates a case file already in memory, with the command's outputs and exit codes (0 or 2).
pub fn evaluate_json(json: &[u8], reasons: ReasonFilter) -> CliOutcome {
    let case = match parse_case(json) {
        Ok(case) => case,
        Err(problems) => {
            let mut stderr = String::new();
            for p in problems {
                stderr.push_str(&p.to_string());
                stderr.push('\n');
            }
            return CliOutcome::failure(2, stderr);
        }
    };
    let run = run(
        &case,
        &Options {
            reasons,
            extra_codes: false,
        },
    );
    let mut out = Vec::with_capacity(run.json_size_hint());
    run.write_json(&mut out);
    out.push(b'\n');
    // The writer emits only UTF-8 (strings copied from valid `&str`s, ASCII punctuation).
    let stdout = String::from_utf8(out)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
    CliOutcome {
        exit_code: 0,
        stdout,
        stderr: String::new(),
    }
}
