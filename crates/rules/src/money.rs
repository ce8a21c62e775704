//! Reward money in exact integers: coefficients in tenths, amounts in đồng.

/// `coefficient × base`, rounded up to the next 10,000 đồng (Decree 98/2023 Art 53).
///
/// `coef_tenths` is the coefficient times ten (0.3 → 3). For example LĐTT decided on 20/12/2024:
/// 0.3 × 2,340,000 = 702,000 → 710,000.
pub fn reward_vnd(coef_tenths: u32, base_vnd: u64) -> u64 {
    // Tenths of a đồng; one step of 10,000 đồng is 100,000 tenths.
    let tenths = u64::from(coef_tenths) * base_vnd;
    tenths.div_ceil(100_000) * 10_000
}

#[cfg(test)]
mod tests {
    use super::reward_vnd;

    #[test]
    fn rounds_up_to_ten_thousand() {
        assert_eq!(reward_vnd(3, 2_340_000), 710_000);
        assert_eq!(reward_vnd(8, 2_340_000), 1_880_000);
        assert_eq!(reward_vnd(10, 2_340_000), 2_340_000);
        assert_eq!(reward_vnd(35, 2_340_000), 8_190_000);
        assert_eq!(reward_vnd(3, 1_800_000), 540_000);
        assert_eq!(reward_vnd(15, 1_490_000), 2_240_000);
        assert_eq!(reward_vnd(3, 1_000_001), 310_000);
        assert_eq!(reward_vnd(1, 100_000), 10_000);
        assert_eq!(reward_vnd(0, 2_340_000), 0);
    }
}
