//! `tdkt rules evaluate CASE|- [--reasons all|failed|none]` (spec/rules-evaluate.md), as a
//! function the `tdkt` binary calls and prints: no configuration, no database, no environment.
//!
//! Exit codes: 0 with the verdicts as one JSON document on stdout; 2 when the case is refused
//! (one line per problem on stderr, `path: message`, in document order; nothing on stdout) or the
//! `--reasons` value is unknown; 1 when the file cannot be read.

use std::io::{Read, Write};

use crate::engine::Plan;
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

/// Runs `tdkt rules evaluate`. `path` is a file path, or `-` for `stdin`. `reasons` is the value
/// of `--reasons` if given; the default is `all` (every condition checked, as the spec's output
/// section describes a result). The outputs are returned in memory; see [`evaluate_command_to`]
/// to stream them.
pub fn evaluate_command(path: &str, reasons: Option<&str>, stdin: &mut dyn Read) -> CliOutcome {
    let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
    let exit_code = evaluate_command_to(path, reasons, stdin, &mut stdout, &mut stderr);
    CliOutcome {
        exit_code,
        stdout: into_string(stdout),
        stderr: into_string(stderr),
    }
}

/// [`evaluate_command`] writing to `stdout` and `stderr` as it goes, and returning the exit code:
/// a province's verdicts never sit in memory as one text. Nothing reaches `stdout` unless the case
/// is accepted.
pub fn evaluate_command_to(
    path: &str,
    reasons: Option<&str>,
    stdin: &mut dyn Read,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> i32 {
    let filter = match reasons.map(ReasonFilter::from_code) {
        None => ReasonFilter::All,
        Some(Some(f)) => f,
        Some(None) => {
            let value = reasons.unwrap_or_default();
            let _ = writeln!(
                stderr,
                "--reasons: giá trị \"{value}\" không hợp lệ (all, failed hoặc none)"
            );
            return 2;
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
        let _ = writeln!(stderr, "không đọc được {name}: {e}");
        return 1;
    }
    evaluate_json_to(&json, filter, stdout, stderr)
}

/// Evaluates a case file already in memory, with the command's outputs and exit codes (0 or 2).
pub fn evaluate_json(json: &[u8], reasons: ReasonFilter) -> CliOutcome {
    let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
    let exit_code = evaluate_json_to(json, reasons, &mut stdout, &mut stderr);
    CliOutcome {
        exit_code,
        stdout: into_string(stdout),
        stderr: into_string(stderr),
    }
}

/// [`evaluate_json`] writing to `stdout` and `stderr`; returns the exit code (1 if writing fails).
pub fn evaluate_json_to(
    json: &[u8],
    reasons: ReasonFilter,
    stdout: &mut dyn Write,
    stderr: &mut dyn Write,
) -> i32 {
    let case = match parse_case(json) {
        Ok(case) => case,
        Err(problems) => {
            let mut text = String::new();
            for p in problems {
                text.push_str(&p.to_string());
                text.push('\n');
            }
            let _ = stderr.write_all(text.as_bytes());
            return 2;
        }
    };
    let plan = Plan::new(
        &case,
        &Options {
            reasons,
            extra_codes: false,
        },
    );
    match plan
        .write_json(stdout, 1 << 16)
        .and_then(|()| stdout.flush())
    {
        Ok(()) => 0,
        Err(e) => {
            let _ = writeln!(stderr, "lỗi khi ghi kết quả: {e}");
            1
        }
    }
}

/// Our writers emit UTF-8 only (text copied from `&str`s, ASCII punctuation).
fn into_string(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}
