//! The seed plan in the demo: Kế hoạch phát động phong trào thi đua năm 2024 of Sở KH&CN Bắc
//! Giang, entered as data (its text exactly as the seed writes it) and launched by the Office on
//! 24/01/2024 — two days after the province's plan 15/KH-UBND of 22/01/2024, a week before the
//! registration deadline. The paper keeps the seed's blanks ("Số:     /KH-KHCN", "ngày    tháng
//! 01 năm 2024"): its number and day were not entered from the register.

use time::macros::date;

use tdkt_store::audit::{Ctx, Who};
use tdkt_store::{Clock, StoreResult, Tx, plans};

use super::org::DemoOrg;

/// The day the Office launched the plan.
pub const LAUNCHED_ON: time::Date = date!(2024 - 01 - 24);

/// Writes the plan (created on 22/01, launched on 24/01) and returns its id.
pub async fn write(tx: &mut Tx, ctx: &Ctx, world: &DemoOrg) -> StoreResult<i64> {
    let plan = tdkt_docs::plan::seed_plan_khcn_2024()
        .map_err(|e| tdkt_store::StoreError::Other(e.to_string()))?;
    let content =
        serde_json::to_string(&plan).map_err(|e| tdkt_store::StoreError::Other(e.to_string()))?;
    let office = Who {
        user_id: world.users.get("vanphong").copied(),
        username: "vanphong".into(),
        ip: None,
    };
    let at = |d| Ctx {
        clock: Clock::new(Some(d), "Asia/Ho_Chi_Minh").unwrap_or_else(|_| ctx.clock.clone()),
        who: office.clone(),
    };
    let id = plans::create_plan(
        tx,
        &at(date!(2024 - 01 - 22)),
        world.khcn,
        plan.year,
        &content,
        &tdkt_web::plan_edit::derive(&plan),
    )
    .await?;
    plans::publish(tx, &at(LAUNCHED_ON), id, None, None, &content).await?;
    Ok(id)
}
