//! `tdkt demo`: the seed's world as of 16/12/2024 — UBND tỉnh Bắc Giang, Sở KH&CN Bắc Giang
//! (KHCN) in an emulation cluster with four other provincial departments, its units and staff
//! with their records, and the demo accounts of spec/cli.md (password `demo`).
//!
//! The people and their history 2020–2024 are described in [`featured`] (the illustrative cast:
//! who shows which rule, and the expected 2024 verdicts), [`staff`] (who works where) and
//! [`history`] (how the generated history follows the law). Everything is deterministic.

mod featured;
mod history;
mod launch;
mod movement;
mod names;
mod org;
mod province;
mod rng;
mod staff;
#[cfg(test)]
mod tests;

use tdkt_domain::policy::Scope;
use tdkt_store::audit::{Ctx, Who};
use tdkt_store::settings::{self, SettingScope};
use tdkt_store::{Clock, Db, backup};

use crate::{Failure, Scale};

/// The setting that marks a database as a demo database.
const MARK: &str = "demo.created";

/// The password of every demo account.
pub const PASSWORD: &str = "demo";

/// Is this a demo database?
pub async fn is_demo(db: &Db) -> Result<bool, Failure> {
    let mark: Option<String> = settings::get(db, None, MARK, None).await?;
    Ok(mark.is_some())
}

/// Creates the demo world unless this database already holds it. A database holding anything
/// else is refused (exit 2), so that `tdkt demo` never writes into real data.
pub async fn ensure(db: &Db, clock: &Clock, reset: bool, scale: Scale) -> Result<(), Failure> {
    let size = (scale == Scale::Province).then_some(province::Size::PROVINCE);
    ensure_sized(db, clock, reset, size.as_ref()).await
}

/// [`ensure`], growing the agency demo into a province of `size` when one is given.
async fn ensure_sized(
    db: &Db,
    clock: &Clock,
    reset: bool,
    size: Option<&province::Size>,
) -> Result<(), Failure> {
    db.migrate(clock).await?;
    let is_demo: Option<String> = settings::get(db, None, MARK, None).await?;
    let empty = backup::is_empty(db).await?;
    if is_demo.is_some() && !reset {
        return Ok(());
    }
    if !empty && is_demo.is_none() {
        return Err(Failure::Usage(
            "DATABASE_URL: cơ sở dữ liệu đã có dữ liệu không phải bản trình diễn; tdkt demo chỉ dùng cơ sở dữ liệu trống hoặc đã là bản trình diễn".into(),
        ));
    }
    if !empty {
        backup::wipe(db).await?;
    }
    let ctx = Ctx {
        clock: clock.clone(),
        who: Who::system("demo"),
    };
    let started = std::time::Instant::now();
    let mut tx = db.begin().await?;
    let world = org::create(&mut tx, &ctx).await?;
    let members = staff::members();
    let plan = history::plan(&members);
    let person_ids = history::write(&mut tx, &ctx, &world, &members, &plan).await?;
    let plan_id = launch::write(&mut tx, &ctx, &world).await?;
    tx.commit().await?;
    // The year's movement, in transactions of its own (a report's figures are drawn from the
    // database), then the province for `--scale province` and the mark, in one last transaction:
    // the database is marked as the demo only once it is whole, and wiped if it cannot be made so.
    let year = movement::World {
        db,
        today: clock.today(),
        org: &world,
        members: &members,
        ids: &person_ids,
        history: &plan,
        plan_id,
    };
    let finish = async {
        let moved = movement::write(&year).await?;
        let mut tx = db.begin().await?;
        if let Some(size) = size {
            let base = province::Base {
                world: &world,
                members: &members,
                person_ids: &person_ids,
            };
            province::write(&mut tx, &ctx, &base, size).await?;
        }
        settings::set(
            &mut tx,
            &ctx,
            SettingScope::Global,
            MARK,
            &clock.today().to_string(),
        )
        .await?;
        tx.commit().await?;
        Ok::<_, tdkt_store::StoreError>(moved)
    };
    let moved = match finish.await {
        Ok(m) => m,
        Err(e) => {
            backup::wipe(db).await?;
            return Err(e.into());
        }
    };
    let agencies = tdkt_store::org::agencies(
        db,
        &Scope {
            all: true,
            ..Default::default()
        },
    )
    .await?;
    tracing::info!(
        agencies = agencies.len(),
        khcn = world.khcn,
        other_agencies = world.others.len(),
        units = world.units.len(),
        people = members.len(),
        registrations = moved.registrations,
        targets = moved.targets,
        progress = moved.progress,
        reports = moved.reports,
        files = moved.files,
        transactions = moved.transactions,
        elapsed_ms = started.elapsed().as_millis() as u64,
        "demo database created"
    );
    Ok(())
}
