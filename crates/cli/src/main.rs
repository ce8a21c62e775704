//! `tdkt` — the one binary: server, demo, migrations, accounts, backup and restore
//! (spec/cli.md). Exit codes: 0 success; 1 runtime failure; 2 bad usage, bad setting or refused
//! input, with one line on stderr naming the flag, setting or field.

mod config;
mod demo;
mod export;
mod users;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use tdkt_store::{Clock, Db, DbConfig};

use crate::config::BadSetting;

#[derive(Parser)]
#[command(
    name = "tdkt",
    version,
    about = "tdkt — phần mềm quản lý công tác thi đua, khen thưởng"
)]
struct Cli {
    /// The data folder: the SQLite database and tdkt.toml (default ./tdkt-data; ./tdkt-demo for demo).
    #[arg(long, env = "TDKT_DATA", global = true)]
    data: Option<PathBuf>,
    /// The settings file (default DIR/tdkt.toml when present).
    #[arg(long, env = "TDKT_CONFIG", global = true)]
    config: Option<PathBuf>,
    /// The calendar date the app lives on, YYYY-MM-DD (default today; demo: 2024-12-16).
    #[arg(long, env = "TDKT_TODAY", global = true)]
    today: Option<String>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run the server (migrations run at start).
    Serve {
        /// Address to listen on; port 0 picks a free port.
        #[arg(long, env = "TDKT_LISTEN")]
        listen: Option<String>,
    },
    /// Run the server on a demo database (created on first run).
    Demo {
        #[arg(long, env = "TDKT_LISTEN")]
        listen: Option<String>,
        /// Recreate the demo database.
        #[arg(long)]
        reset: bool,
        /// Create the demo database if missing, then exit.
        #[arg(long)]
        no_serve: bool,
        /// The size of the demo world (only when creating it).
        #[arg(long, value_enum, default_value_t = Scale::Agency)]
        scale: Scale,
    },
    /// Apply migrations and exit.
    Migrate,
    /// Accounts.
    #[command(subcommand)]
    User(users::UserCommand),
    /// Write a consistent copy of the database, as an SQLite file in tdkt's schema.
    Backup { file: PathBuf },
    /// Documents: the plan, achievement reports.
    #[command(subcommand)]
    Export(export::ExportCommand),
    /// The rule engine (../shared/spec/rules-evaluate.md).
    #[command(subcommand)]
    Rules(RulesCommand),
    /// Load a backup into an empty database (SQLite or PostgreSQL).
    Restore {
        file: PathBuf,
        /// Replace whatever the target database holds.
        #[arg(long)]
        force: bool,
    },
}

#[derive(Subcommand)]
enum RulesCommand {
    /// Evaluate a case file (or `-` for stdin): verdicts as JSON on stdout. Reads no settings,
    /// no environment and no database.
    Evaluate {
        case: String,
        /// Which reasons to print: all, failed or none (default all).
        #[arg(long)]
        reasons: Option<String>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Scale {
    Agency,
    Province,
}

/// What a command needs to start: where the data is, the clock, the settings file.
struct Env {
    db_config: DbConfig,
    clock: Clock,
    file: config::FileConfig,
}

fn env(cli: &Cli, default_dir: &str, default_today: Option<&str>) -> Result<Env, BadSetting> {
    let data_dir = cli
        .data
        .clone()
        .unwrap_or_else(|| PathBuf::from(default_dir));
    let file = config::load_file(cli.config.as_deref(), &data_dir)?;
    let today = match cli
        .today
        .as_deref()
        .or(file.today.as_deref())
        .or(default_today)
    {
        Some(t) => Some(config::parse_today(t)?),
        None => None,
    };
    let tz = std::env::var("TDKT_TZ")
        .ok()
        .or_else(|| file.tz.clone())
        .unwrap_or_else(|| "Asia/Ho_Chi_Minh".into());
    let clock = Clock::new(today, &tz).map_err(|e| BadSetting(format!("TDKT_TZ: {e}")))?;
    let db_config = match std::env::var("DATABASE_URL")
        .ok()
        .filter(|u| !u.trim().is_empty())
    {
        Some(url) if url.starts_with("postgres://") || url.starts_with("postgresql://") => {
            DbConfig::Postgres(url)
        }
        Some(url) => {
            return Err(BadSetting(format!(
                "DATABASE_URL: chỉ hỗ trợ postgres://…, không phải “{}”",
                url.split(':').next().unwrap_or("")
            )));
        }
        None => DbConfig::Sqlite(data_dir.join("tdkt.db")),
    };
    Ok(Env {
        db_config,
        clock,
        file,
    })
}

fn listen_addr(flag: Option<&str>, file: &config::FileConfig) -> Result<SocketAddr, BadSetting> {
    let s = flag.or(file.listen.as_deref()).unwrap_or("127.0.0.1:8080");
    s.parse()
        .map_err(|_| BadSetting(format!("--listen: “{s}” không phải địa chỉ dạng IP:CỔNG")))
}

fn init_logs() {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_env("TDKT_LOG")
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=warn"));
    use std::io::IsTerminal;
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(std::io::stderr().is_terminal())
        .with_writer(std::io::stderr)
        .init();
}

/// Failures: a refused input (exit 2) or a runtime failure (exit 1).
enum Failure {
    Usage(String),
    Runtime(anyhow::Error),
}

impl From<BadSetting> for Failure {
    fn from(e: BadSetting) -> Self {
        Failure::Usage(e.0)
    }
}

impl From<anyhow::Error> for Failure {
    fn from(e: anyhow::Error) -> Self {
        Failure::Runtime(e)
    }
}

impl From<tdkt_store::StoreError> for Failure {
    fn from(e: tdkt_store::StoreError) -> Self {
        Failure::Runtime(e.into())
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    // The rule engine's command is self-contained: no logs, no runtime, no settings.
    if let Command::Rules(RulesCommand::Evaluate { case, reasons }) = &cli.command {
        let code = tdkt_rules::cli::evaluate_command_to(
            case,
            reasons.as_deref(),
            &mut std::io::stdin().lock(),
            &mut std::io::BufWriter::new(std::io::stdout().lock()),
            &mut std::io::stderr().lock(),
        );
        return ExitCode::from(code as u8);
    }
    init_logs();
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("tdkt: không khởi động được: {e}");
            return ExitCode::from(1);
        }
    };
    match rt.block_on(run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(m)) => {
            eprintln!("{m}");
            ExitCode::from(2)
        }
        Err(Failure::Runtime(e)) => {
            eprintln!("tdkt: {e:#}");
            ExitCode::from(1)
        }
    }
}

async fn open(env: &Env) -> Result<Db, Failure> {
    let db = Db::connect(&env.db_config)
        .await
        .map_err(|e| Failure::Runtime(anyhow::anyhow!("không mở được cơ sở dữ liệu: {e}")))?;
    Ok(db)
}

async fn run(cli: Cli) -> Result<(), Failure> {
    match &cli.command {
        Command::Serve { listen } => {
            let env = env(&cli, "./tdkt-data", None)?;
            let addr = listen_addr(listen.as_deref(), &env.file)?;
            let web = config::web_config(&env.file, false)?;
            let db = open(&env).await?;
            db.migrate(&env.clock).await?;
            serve(db, env.clock, web, addr).await
        }
        Command::Demo {
            listen,
            reset,
            no_serve,
            scale,
        } => {
            let env = env(&cli, "./tdkt-demo", Some("2024-12-16"))?;
            let addr = listen_addr(listen.as_deref(), &env.file)?;
            let web = config::web_config(&env.file, true)?;
            if *reset && let DbConfig::Sqlite(path) = &env.db_config {
                for ext in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{ext}", path.display()));
                }
            }
            let db = open(&env).await?;
            demo::ensure(&db, &env.clock, *reset, *scale).await?;
            if *no_serve {
                return Ok(());
            }
            serve(db, env.clock, web, addr).await
        }
        Command::Migrate => {
            let env = env(&cli, "./tdkt-data", None)?;
            let db = open(&env).await?;
            let n = db.migrate(&env.clock).await?;
            eprintln!(
                "Đã áp dụng {n} bản nâng cấp lược đồ (phiên bản {}).",
                db.schema_version().await?
            );
            Ok(())
        }
        Command::User(cmd) => {
            let env = env(&cli, "./tdkt-data", None)?;
            let db = open(&env).await?;
            db.migrate(&env.clock).await?;
            users::run(&db, &env.clock, cmd).await
        }
        Command::Backup { file } => {
            let env = env(&cli, "./tdkt-data", None)?;
            let db = open(&env).await?;
            db.migrate(&env.clock).await?;
            tdkt_store::backup::backup(&db, &env.clock, file).await?;
            eprintln!("Đã sao lưu vào {}", file.display());
            Ok(())
        }
        Command::Rules(_) => unreachable!("handled in main"),
        Command::Export(cmd) => {
            // Exports only read: without --data, use the demo's folder when it is the only one here.
            let default_dir = if cli.data.is_none()
                && std::env::var("DATABASE_URL").is_err()
                && !std::path::Path::new("./tdkt-data/tdkt.db").exists()
                && std::path::Path::new("./tdkt-demo/tdkt.db").exists()
            {
                "./tdkt-demo"
            } else {
                "./tdkt-data"
            };
            let env = env(&cli, default_dir, None)?;
            let db = open(&env).await?;
            db.migrate(&env.clock).await?;
            export::run(&db, cmd).await
        }
        Command::Restore { file, force } => {
            let env = env(&cli, "./tdkt-data", None)?;
            if !file.is_file() {
                return Err(Failure::Usage(format!(
                    "FILE: không đọc được tệp {}",
                    file.display()
                )));
            }
            let db = open(&env).await?;
            match tdkt_store::backup::restore(&db, &env.clock, file, *force).await {
                Ok(n) => {
                    eprintln!("Đã khôi phục {n} dòng từ {}", file.display());
                    Ok(())
                }
                Err(tdkt_store::StoreError::Other(m)) => {
                    Err(Failure::Usage(format!("restore: {m}")))
                }
                Err(e) => Err(e.into()),
            }
        }
    }
}

async fn serve(
    db: Db,
    clock: Clock,
    web: tdkt_web::WebConfig,
    addr: SocketAddr,
) -> Result<(), Failure> {
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .map_err(|e| Failure::Runtime(anyhow::anyhow!("không mở được cổng {addr}: {e}")))?;
    let bound = listener
        .local_addr()
        .map_err(|e| Failure::Runtime(e.into()))?;
    let state = tdkt_web::AppState::new(db.clone(), clock.clone(), web);
    let app = tdkt_web::app(state.clone());
    tdkt_web::jobs::spawn(state);
    println!("listening on http://{bound}");
    use std::io::Write;
    let _ = std::io::stdout().flush();
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown())
    .await
    .map_err(|e| Failure::Runtime(e.into()))?;
    db.close().await;
    Ok(())
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}
