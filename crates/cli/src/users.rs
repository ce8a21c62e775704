//! `tdkt user add|passwd|disable` (spec/cli.md). The password is read from stdin (one line) or
//! `TDKT_PASSWORD`; a terminal gets a prompt without echo.

use std::io::{BufRead, IsTerminal};

use clap::Subcommand;

use tdkt_domain::policy::Role;
use tdkt_store::audit::{Ctx, Who};
use tdkt_store::{Clock, Db, org, people, users};

use crate::Failure;

#[derive(Subcommand)]
pub enum UserCommand {
    /// Create an account with a role (or give an existing account one more role).
    Add {
        username: String,
        /// admin, lanh_dao, van_phong, hoi_dong, truong_don_vi or can_bo.
        #[arg(long)]
        role: String,
        /// The agency's symbol (e.g. KHCN); not needed for a province-wide admin.
        #[arg(long)]
        agency: Option<String>,
        /// The unit's code, for truong_don_vi.
        #[arg(long)]
        unit: Option<String>,
        /// The staff code of the person the account belongs to (required for can_bo).
        #[arg(long)]
        person: Option<String>,
    },
    /// Set a new password; the account's sessions end.
    Passwd { username: String },
    /// Disable an account; its sessions end and its API tokens are revoked.
    Disable { username: String },
}

fn usage(m: impl Into<String>) -> Failure {
    Failure::Usage(m.into())
}

fn read_password(prompt: &str) -> Result<String, Failure> {
    if let Ok(p) = std::env::var("TDKT_PASSWORD") {
        return Ok(p);
    }
    let p = if std::io::stdin().is_terminal() {
        rpassword::prompt_password(prompt).map_err(|e| Failure::Runtime(e.into()))?
    } else {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(|e| Failure::Runtime(e.into()))?;
        line.trim_end_matches(['\n', '\r']).to_owned()
    };
    if p.chars().count() < 4 {
        return Err(usage(
            "password: mật khẩu quá ngắn (ít nhất 4 ký tự; nên từ 10 ký tự)",
        ));
    }
    Ok(p)
}

pub async fn run(db: &Db, clock: &Clock, cmd: &UserCommand) -> Result<(), Failure> {
    let ctx = Ctx {
        clock: clock.clone(),
        who: Who::system("tdkt user"),
    };
    match cmd {
        UserCommand::Add {
            username,
            role,
            agency,
            unit,
            person,
        } => {
            let role = Role::from_code(role).ok_or_else(|| usage(format!("--role: “{role}” không hợp lệ (admin, lanh_dao, van_phong, hoi_dong, truong_don_vi, can_bo)")))?;
            let agency =
                match agency {
                    Some(sym) => Some(org::agency_by_symbol(db, sym).await?.ok_or_else(|| {
                        usage(format!("--agency: không có cơ quan ký hiệu “{sym}”"))
                    })?),
                    None if role == Role::Admin => None,
                    None => {
                        let all = org::agencies(
                            db,
                            &tdkt_domain::policy::Scope {
                                all: true,
                                ..Default::default()
                            },
                        )
                        .await?;
                        match all.len() {
                            1 => all.into_iter().next(),
                            0 => return Err(usage("--agency: chưa có cơ quan nào")),
                            _ => return Err(usage("--agency: cần ghi ký hiệu cơ quan")),
                        }
                    }
                };
            let unit_id = match (role, unit) {
                (Role::TruongDonVi, None) => {
                    return Err(usage("--unit: vai trò truong_don_vi cần mã đơn vị"));
                }
                (_, Some(code)) => {
                    let a = agency
                        .as_ref()
                        .ok_or_else(|| usage("--agency: cần ghi cơ quan của đơn vị"))?;
                    Some(
                        org::unit_by_code(db, a.id, code)
                            .await?
                            .ok_or_else(|| {
                                usage(format!(
                                    "--unit: không có đơn vị mã “{code}” trong {}",
                                    a.symbol
                                ))
                            })?
                            .id,
                    )
                }
                _ => None,
            };
            let person_id = match person {
                Some(code) => Some(
                    people::person_by_code(db, code)
                        .await?
                        .ok_or_else(|| usage(format!("--person: không có cán bộ mã “{code}”")))?
                        .id,
                ),
                None if role == Role::CanBo => {
                    return Err(usage("--person: vai trò can_bo cần mã cán bộ"));
                }
                None => None,
            };
            let existing = users::user_by_username(db, username).await?;
            let mut tx = db.begin().await?;
            let id = match existing {
                Some(u) => {
                    eprintln!("Tài khoản {username} đã có: thêm vai trò {}.", role.code());
                    u.id
                }
                None => {
                    if username.is_empty()
                        || !username
                            .chars()
                            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
                    {
                        return Err(usage("USERNAME: chỉ gồm chữ không dấu, chữ số và . _ -"));
                    }
                    let password = read_password(&format!("Mật khẩu cho {username}: "))?;
                    let hash = tokio::task::spawn_blocking(move || users::hash_password(&password))
                        .await
                        .map_err(|e| Failure::Runtime(e.into()))?;
                    let display = match person_id {
                        Some(p) => people::person(db, p).await?.full_name,
                        None => username.clone(),
                    };
                    users::create_user(&mut tx, &ctx, username, &hash, &display, person_id, None)
                        .await?
                }
            };
            users::add_role(&mut tx, &ctx, id, role, agency.map(|a| a.id), unit_id).await?;
            tx.commit().await?;
            Ok(())
        }
        UserCommand::Passwd { username } => {
            let u = users::user_by_username(db, username)
                .await?
                .ok_or_else(|| usage(format!("USERNAME: không có tài khoản “{username}”")))?;
            let password = read_password(&format!("Mật khẩu mới cho {username}: "))?;
            let hash = tokio::task::spawn_blocking(move || users::hash_password(&password))
                .await
                .map_err(|e| Failure::Runtime(e.into()))?;
            let mut tx = db.begin().await?;
            users::set_password(&mut tx, &ctx, u.id, &hash).await?;
            tx.commit().await?;
            Ok(())
        }
        UserCommand::Disable { username } => {
            let u = users::user_by_username(db, username)
                .await?
                .ok_or_else(|| usage(format!("USERNAME: không có tài khoản “{username}”")))?;
            let mut tx = db.begin().await?;
            users::set_disabled(&mut tx, &ctx, u.id, true).await?;
            tx.commit().await?;
            Ok(())
        }
    }
}
