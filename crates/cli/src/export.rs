//! `tdkt export plan|report` (spec/cli.md): the plan document, and achievement reports (Mẫu 03
//! for a person, Mẫu 02 for a unit), as DOCX or PDF, to a file or stdout (`--out -`).

use std::io::Write;
use std::path::PathBuf;

use clap::{Args, Subcommand, ValueEnum};

use tdkt_docs::Format;
use tdkt_docs::plan::Plan;
use tdkt_store::{Db, org, people, plans};

use crate::Failure;

#[derive(Subcommand)]
pub enum ExportCommand {
    /// The year's plan (kế hoạch) as a Decree 30 document.
    Plan {
        #[arg(long)]
        year: i32,
        /// The agency's symbol (default: the only agency with a plan that year).
        #[arg(long)]
        agency: Option<String>,
        #[command(flatten)]
        out: Output,
    },
    /// An achievement report: Mẫu 03 (--person) or Mẫu 02 (--unit).
    Report {
        /// A staff code (mã cán bộ).
        #[arg(long, conflicts_with = "unit", required_unless_present = "unit")]
        person: Option<String>,
        /// A unit code (mã đơn vị).
        #[arg(long)]
        unit: Option<String>,
        /// The agency's symbol, when a unit code is used by several agencies.
        #[arg(long)]
        agency: Option<String>,
        #[arg(long)]
        year: i32,
        #[command(flatten)]
        out: Output,
    },
}

#[derive(Args)]
pub struct Output {
    #[arg(long, value_enum)]
    format: FormatArg,
    /// The file to write (replaced if it exists), or `-` for stdout.
    #[arg(long)]
    out: PathBuf,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Docx,
    Pdf,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Docx => Format::Docx,
            FormatArg::Pdf => Format::Pdf,
        }
    }
}

fn usage(m: impl Into<String>) -> Failure {
    Failure::Usage(m.into())
}

fn refused(field: &str, e: tdkt_docs::ValidationErrors) -> Failure {
    usage(format!(
        "{field}: {}",
        e.0.iter()
            .map(|f| f.message.as_str())
            .collect::<Vec<_>>()
            .join("; ")
    ))
}

fn write_out(out: &Output, bytes: &[u8]) -> Result<(), Failure> {
    if out.out.as_os_str() == "-" {
        let mut so = std::io::stdout().lock();
        so.write_all(bytes)
            .and_then(|_| so.flush())
            .map_err(|e| Failure::Runtime(e.into()))
    } else {
        let tmp = out.out.with_extension("tmp-tdkt");
        std::fs::write(&tmp, bytes)
            .and_then(|_| std::fs::rename(&tmp, &out.out))
            .map_err(|e| {
                Failure::Runtime(anyhow::anyhow!("không ghi được {}: {e}", out.out.display()))
            })
    }
}

pub async fn run(db: &Db, cmd: &ExportCommand) -> Result<(), Failure> {
    match cmd {
        ExportCommand::Plan { year, agency, out } => {
            let row = match agency {
                Some(sym) => {
                    let a = org::agency_by_symbol(db, sym).await?.ok_or_else(|| {
                        usage(format!("--agency: không có cơ quan ký hiệu “{sym}”"))
                    })?;
                    plans::plan_for(db, a.id, *year).await?.ok_or_else(|| {
                        usage(format!("--year: {} chưa có kế hoạch năm {year}", a.symbol))
                    })?
                }
                None => {
                    let mut all = plans::plans_of_year(db, *year).await?;
                    match all.len() {
                        0 => return Err(usage(format!("--year: không có kế hoạch năm {year}"))),
                        1 => all.remove(0),
                        _ => {
                            return Err(usage(format!(
                                "--agency: có {} cơ quan có kế hoạch năm {year}; hãy ghi ký hiệu cơ quan",
                                all.len()
                            )));
                        }
                    }
                }
            };
            let plan = Plan::from_json(&row.content).map_err(|e| Failure::Runtime(e.into()))?;
            let doc = plan.to_document().map_err(|e| refused("plan", e))?;
            let format: Format = out.format.into();
            let bytes = tokio::task::spawn_blocking(move || tdkt_docs::render(&doc, format))
                .await
                .map_err(|e| Failure::Runtime(e.into()))?
                .map_err(|e| Failure::Runtime(e.into()))?;
            write_out(out, &bytes)
        }
        ExportCommand::Report {
            person,
            unit,
            agency,
            year,
            out,
        } => {
            let doc = match (person, unit) {
                (Some(code), _) => {
                    let p = people::person_by_code(db, code)
                        .await?
                        .ok_or_else(|| usage(format!("--person: không có cán bộ mã “{code}”")))?;
                    let texts = tdkt_web::achievement::person_texts(db, p.id, *year).await?;
                    tdkt_web::achievement::individual(db, p.id, *year, &texts)
                        .await?
                        .map_err(|e| refused("--person", e))?
                }
                (None, Some(code)) => {
                    let candidates = match agency {
                        Some(sym) => {
                            let a = org::agency_by_symbol(db, sym).await?.ok_or_else(|| {
                                usage(format!("--agency: không có cơ quan ký hiệu “{sym}”"))
                            })?;
                            org::unit_by_code(db, a.id, code)
                                .await?
                                .into_iter()
                                .collect::<Vec<_>>()
                        }
                        None => org::units_by_code(db, code).await?,
                    };
                    let u = match candidates.len() {
                        0 => return Err(usage(format!("--unit: không có đơn vị mã “{code}”"))),
                        1 => &candidates[0],
                        _ => {
                            // The demo's own agency first: KHCN when it is one of them.
                            let khcn = org::agency_by_symbol(db, "KHCN").await?;
                            match khcn.and_then(|k| candidates.iter().find(|u| u.agency_id == k.id))
                            {
                                Some(u) if agency.is_none() && crate::demo::is_demo(db).await? => u,
                                _ => {
                                    return Err(usage(format!(
                                        "--agency: mã đơn vị “{code}” có ở {} cơ quan; hãy ghi ký hiệu cơ quan",
                                        candidates.len()
                                    )));
                                }
                            }
                        }
                    };
                    let texts = tdkt_web::achievement::unit_texts(db, u.id, *year).await?;
                    tdkt_web::achievement::collective(db, u.id, *year, &texts)
                        .await?
                        .map_err(|e| refused("--unit", e))?
                }
                (None, None) => return Err(usage("--person hoặc --unit: cần ghi một trong hai")),
            };
            let format: Format = out.format.into();
            let bytes = tokio::task::spawn_blocking(move || tdkt_docs::render(&doc, format))
                .await
                .map_err(|e| Failure::Runtime(e.into()))?
                .map_err(|e| Failure::Runtime(e.into()))?;
            write_out(out, &bytes)
        }
    }
}
