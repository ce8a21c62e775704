//! The rule sets as data: which rules differ between them, their citations, their reward
//! coefficients and the base-salary table. A correction of the law is an edit here, not in the
//! evaluation code.
//!
//! - `2017`: evaluation years 2018–2023, Law 2003 (amended 2013) and Decree 91/2017/NĐ-CP.
//! - `2024`: evaluation year 2024, Law 06/2022/QH15, Decree 98/2023/NĐ-CP, Circular 01/2024/TT-BNV.
//! - `2025`: evaluation years 2025–2030, Decree 152/2025/NĐ-CP, which replaced Decree 98 on
//!   01/07/2025. The titles and their conditions are those of the Law 2022, which Decree 152 did
//!   not change: the only difference found (LEGAL-NOTES §3.1) is the Bằng khen coefficient, 1.5
//!   under Decree 152/2025 Art 54.1(b). Its principles (deferral, maternity leave, ladder windows)
//!   repeat Decree 98's, so the conditions are the same and only the citations name Decree 152.

use serde::{Serialize, Serializer};
use time::{Date, Month};

use crate::codes::Code;

/// Identifies a rule set; its code is the year its texts came into force.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RuleSetId {
    /// Law 2003/2013 + Decree 91/2017 (evaluation years 2018–2023).
    Set2017,
    /// Law 06/2022 + Decree 98/2023 + Circular 01/2024 (evaluation year 2024).
    Set2024,
    /// Decree 152/2025 (evaluation years 2025–2030).
    Set2025,
}

impl RuleSetId {
    /// `"2017"`, `"2024"` or `"2025"`.
    pub const fn code(self) -> &'static str {
        match self {
            RuleSetId::Set2017 => "2017",
            RuleSetId::Set2024 => "2024",
            RuleSetId::Set2025 => "2025",
        }
    }

    /// The rule set that governs `evaluation_year`, if any (2018–2030).
    pub const fn for_year(evaluation_year: i32) -> Option<RuleSetId> {
        match evaluation_year {
            2018..=2023 => Some(RuleSetId::Set2017),
            2024 => Some(RuleSetId::Set2024),
            2025..=2030 => Some(RuleSetId::Set2025),
            _ => None,
        }
    }

    /// The rule set's data.
    pub fn rules(self) -> &'static RuleSet {
        match self {
            RuleSetId::Set2017 => &SET_2017,
            RuleSetId::Set2024 => &SET_2024,
            RuleSetId::Set2025 => &SET_2025,
        }
    }
}

impl Serialize for RuleSetId {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

/// The citations of every rule, in Vietnamese, as they appear in the reasons.
#[derive(Debug)]
pub struct Citations {
    /// LĐTT standard (rating, takes part in the movement).
    pub ldtt: &'static str,
    /// New-hire exclusion.
    pub new_hire: &'static str,
    /// Worked time and absences (rating rules).
    pub worked_time: &'static str,
    /// Leave that counts as working time.
    pub counted_leave: &'static str,
    /// Discipline in the year.
    pub discipline: &'static str,
    /// Deferral while under review, and achievements counted from the end of discipline.
    pub pending: &'static str,
    /// CSTĐCS standard.
    pub cstdcs: &'static str,
    /// Quota on CSTĐCS.
    pub cstdcs_quota: &'static str,
    /// Quota on HTXSNV ratings.
    pub htxsnv_quota: &'static str,
    /// CSTĐ cấp tỉnh standard.
    pub cstd_tinh: &'static str,
    /// CSTĐ toàn quốc standard.
    pub cstd_tq: &'static str,
    /// TTLĐTT standard.
    pub ttldtt: &'static str,
    /// TTLĐXS standard.
    pub ttldxs: &'static str,
    /// Giấy khen standard.
    pub gk: &'static str,
    /// Bằng khen tỉnh, path (d).
    pub bk_tinh: &'static str,
    /// Bằng khen Thủ tướng, path (b).
    pub bk_ttg: &'static str,
    /// Huân chương Lao động hạng Ba, path (e).
    pub hcld3: &'static str,
    /// Ladder windows start after the previous award's period.
    pub ladder_window: &'static str,
    /// One achievement earns at most one form.
    pub no_reuse: &'static str,
    /// Rounding of reward money.
    pub money: &'static str,
}

/// A reward coefficient in tenths of the base salary (`3` = 0.3).
#[derive(Clone, Copy, Debug)]
pub struct Coefficient {
    /// The title or form.
    pub code: Code,
    /// Coefficient × 10.
    pub tenths: u32,
    /// Where it is written.
    pub citation: &'static str,
}

/// One row of the base-salary table (mức lương cơ sở).
#[derive(Clone, Copy, Debug)]
pub struct BaseSalary {
    /// First day in force.
    pub from: Date,
    /// Amount in đồng.
    pub vnd: u64,
    /// The decree that set it.
    pub citation: &'static str,
}

/// One rule set: the switches where the law differs, the citations, the money.
#[derive(Debug)]
pub struct RuleSet {
    /// Its identifier.
    pub id: RuleSetId,
    /// The texts it is made of.
    pub label: &'static str,
    /// First evaluation year it governs.
    pub first_year: i32,
    /// Last evaluation year it governs.
    pub last_year: i32,
    /// LĐTT excludes people recruited less than this many calendar months before the review.
    pub new_hire_months: u32,
    /// Whether an HTXSNV rating alone is a ground for CSTĐCS (not under Decree 91/2017).
    pub htxsnv_is_cstdcs_ground: bool,
    /// Whether TTLĐTT also needs no member disciplined at cảnh cáo or above (Law 2003 Art 28).
    pub ttldtt_bars_canh_cao: bool,
    /// Citations of every rule.
    pub cite: Citations,
    /// Reward coefficients.
    pub coefficients: &'static [Coefficient],
    /// The base-salary table, oldest first.
    pub base_salaries: &'static [BaseSalary],
}

impl RuleSet {
    /// The reward coefficient of `code`, if the rule set has one.
    pub fn coefficient(&self, code: Code) -> Option<&Coefficient> {
        self.coefficients.iter().find(|c| c.code == code)
    }

    /// The base salary in force on `day`, if the table reaches back that far.
    pub fn base_salary_on(&self, day: Date) -> Option<&BaseSalary> {
        self.base_salaries.iter().rev().find(|b| b.from <= day)
    }

    /// The reward in đồng for `code` decided on `decision_date`: coefficient × base salary in force
    /// that day, rounded up to the next 10,000 đồng (Decree 98/2023 Art 53).
    pub fn reward_vnd(&self, code: Code, decision_date: Date) -> Option<u64> {
        let c = self.coefficient(code)?;
        let base = self.base_salary_on(decision_date)?;
        Some(crate::money::reward_vnd(c.tenths, base.vnd))
    }
}

const fn day(year: i32, month: Month, d: u8) -> Date {
    match Date::from_calendar_date(year, month, d) {
        Ok(x) => x,
        Err(_) => panic!("invalid date in the rule data"),
    }
}

/// Mức lương cơ sở. The 2017 row lets decisions in the first half of 2018 be paid.
pub static BASE_SALARIES: [BaseSalary; 5] = [
    BaseSalary {
        from: day(2017, Month::July, 1),
        vnd: 1_300_000,
        citation: "Nghị định 47/2017/NĐ-CP",
    },
    BaseSalary {
        from: day(2018, Month::July, 1),
        vnd: 1_390_000,
        citation: "Nghị định 72/2018/NĐ-CP",
    },
    BaseSalary {
        from: day(2019, Month::July, 1),
        vnd: 1_490_000,
        citation: "Nghị định 38/2019/NĐ-CP",
    },
    BaseSalary {
        from: day(2023, Month::July, 1),
        vnd: 1_800_000,
        citation: "Nghị định 24/2023/NĐ-CP",
    },
    BaseSalary {
        from: day(2024, Month::July, 1),
        vnd: 2_340_000,
        citation: "Nghị định 73/2024/NĐ-CP",
    },
];

/// Appended to the citation of a rule the 2017 set borrows from the 2024 set (DOMAIN.md 4.3b: the
/// Law 2003 wording of these ladders is not confirmed in LEGAL-NOTES).
macro_rules! from_2024 {
    ($c:literal) => {
        concat!($c, " (quy tắc của bộ 2024, áp dụng cho bộ 2017)")
    };
}

static SET_2017: RuleSet = RuleSet {
    id: RuleSetId::Set2017,
    label: "Luật Thi đua, khen thưởng 2003 (sửa đổi 2013); Nghị định 91/2017/NĐ-CP",
    first_year: 2018,
    last_year: 2023,
    new_hire_months: 10,
    htxsnv_is_cstdcs_ground: false,
    ttldtt_bars_canh_cao: true,
    cite: Citations {
        ldtt: "Luật Thi đua, khen thưởng 2003 (sửa đổi 2013), Điều 24",
        new_hire: "Nghị định 91/2017/NĐ-CP (không xét người mới tuyển dụng dưới 10 tháng)",
        worked_time: "Nghị định 90/2020/NĐ-CP, Điều 2 khoản 3 (trước 20/8/2020: Nghị định 56/2015/NĐ-CP)",
        counted_leave: "Nghị định 91/2017/NĐ-CP",
        discipline: "Nghị định 91/2017/NĐ-CP (không xét người bị kỷ luật từ khiển trách trở lên)",
        pending: from_2024!("Nghị định 98/2023/NĐ-CP, Điều 4 khoản 4"),
        cstdcs: "Luật Thi đua, khen thưởng 2003 (sửa đổi 2013), Điều 23",
        cstdcs_quota: "Nghị định 91/2017/NĐ-CP, Điều 9 khoản 3",
        htxsnv_quota: "Nghị định 90/2020/NĐ-CP; Nghị định 48/2023/NĐ-CP",
        cstd_tinh: from_2024!("Luật Thi đua, khen thưởng 2022, Điều 22"),
        cstd_tq: from_2024!("Luật Thi đua, khen thưởng 2022, Điều 21"),
        ttldtt: "Luật Thi đua, khen thưởng 2003 (sửa đổi 2013), Điều 28",
        ttldxs: "Luật Thi đua, khen thưởng 2003 (sửa đổi 2013), Điều 27",
        gk: from_2024!("Luật Thi đua, khen thưởng 2022, Điều 75"),
        bk_tinh: from_2024!("Luật Thi đua, khen thưởng 2022, Điều 74 khoản 1 điểm d"),
        bk_ttg: from_2024!("Luật Thi đua, khen thưởng 2022, Điều 73 khoản 1 điểm b"),
        hcld3: from_2024!("Luật Thi đua, khen thưởng 2022, Điều 44 khoản 1 điểm e"),
        ladder_window: from_2024!("Nghị định 98/2023/NĐ-CP, Điều 30 khoản 9"),
        no_reuse: from_2024!("Luật Thi đua, khen thưởng 2022, Điều 5 khoản 2"),
        money: "Nghị định 91/2017/NĐ-CP",
    },
    coefficients: &[
        Coefficient {
            code: Code::Ldtt,
            tenths: 3,
            citation: "Nghị định 91/2017/NĐ-CP",
        },
        Coefficient {
            code: Code::Cstdcs,
            tenths: 10,
            citation: "Nghị định 91/2017/NĐ-CP",
        },
        Coefficient {
            code: Code::CstdTinh,
            tenths: 30,
            citation: "Nghị định 91/2017/NĐ-CP",
        },
        Coefficient {
            code: Code::CstdTq,
            tenths: 45,
            citation: "Nghị định 91/2017/NĐ-CP",
        },
        Coefficient {
            code: Code::Ttldtt,
            tenths: 8,
            citation: "Nghị định 91/2017/NĐ-CP",
        },
        Coefficient {
            code: Code::Ttldxs,
            tenths: 15,
            citation: "Nghị định 91/2017/NĐ-CP",
        },
        Coefficient {
            code: Code::Gk,
            tenths: 3,
            citation: "Nghị định 91/2017/NĐ-CP",
        },
        Coefficient {
            code: Code::BkTinh,
            tenths: 10,
            citation: "Nghị định 91/2017/NĐ-CP",
        },
        Coefficient {
            code: Code::BkTtg,
            tenths: 35,
            citation: "Nghị định 91/2017/NĐ-CP",
        },
    ],
    base_salaries: &BASE_SALARIES,
};

static SET_2024: RuleSet = RuleSet {
    id: RuleSetId::Set2024,
    label: "Luật Thi đua, khen thưởng 2022; Nghị định 98/2023/NĐ-CP; Thông tư 01/2024/TT-BNV",
    first_year: 2024,
    last_year: 2024,
    new_hire_months: 6,
    htxsnv_is_cstdcs_ground: true,
    ttldtt_bars_canh_cao: false,
    cite: Citations {
        ldtt: "Luật Thi đua, khen thưởng 2022, Điều 24",
        new_hire: "Thông tư 01/2024/TT-BNV",
        worked_time: "Nghị định 90/2020/NĐ-CP, Điều 2 khoản 3",
        counted_leave: "Nghị định 98/2023/NĐ-CP, Điều 4 khoản 5; Thông tư 01/2024/TT-BNV, Điều 1 khoản 5",
        discipline: "Nghị định 48/2023/NĐ-CP (sửa đổi Điều 2 Nghị định 90/2020/NĐ-CP)",
        pending: "Nghị định 98/2023/NĐ-CP, Điều 4 khoản 4",
        cstdcs: "Luật Thi đua, khen thưởng 2022, Điều 23",
        cstdcs_quota: "Luật Thi đua, khen thưởng 2022, Điều 7, Điều 10 (không quy định tỷ lệ)",
        htxsnv_quota: "Nghị định 90/2020/NĐ-CP; Nghị định 48/2023/NĐ-CP",
        cstd_tinh: "Luật Thi đua, khen thưởng 2022, Điều 22",
        cstd_tq: "Luật Thi đua, khen thưởng 2022, Điều 21",
        ttldtt: "Luật Thi đua, khen thưởng 2022, Điều 28",
        ttldxs: "Luật Thi đua, khen thưởng 2022, Điều 27",
        gk: "Luật Thi đua, khen thưởng 2022, Điều 75",
        bk_tinh: "Luật Thi đua, khen thưởng 2022, Điều 74 khoản 1 điểm d",
        bk_ttg: "Luật Thi đua, khen thưởng 2022, Điều 73 khoản 1 điểm b",
        hcld3: "Luật Thi đua, khen thưởng 2022, Điều 44 khoản 1 điểm e",
        ladder_window: "Nghị định 98/2023/NĐ-CP, Điều 30 khoản 9",
        no_reuse: "Luật Thi đua, khen thưởng 2022, Điều 5 khoản 2",
        money: "Nghị định 98/2023/NĐ-CP, Điều 53",
    },
    coefficients: &[
        Coefficient {
            code: Code::Ldtt,
            tenths: 3,
            citation: "Nghị định 98/2023/NĐ-CP, Điều 54",
        },
        Coefficient {
            code: Code::Cstdcs,
            tenths: 10,
            citation: "Nghị định 98/2023/NĐ-CP, Điều 54",
        },
        Coefficient {
            code: Code::CstdTinh,
            tenths: 30,
            citation: "Nghị định 98/2023/NĐ-CP, Điều 54",
        },
        Coefficient {
            code: Code::CstdTq,
            tenths: 45,
            citation: "Nghị định 98/2023/NĐ-CP, Điều 54",
        },
        Coefficient {
            code: Code::Ttldtt,
            tenths: 8,
            citation: "Nghị định 98/2023/NĐ-CP, Điều 54",
        },
        Coefficient {
            code: Code::Ttldxs,
            tenths: 15,
            citation: "Nghị định 98/2023/NĐ-CP, Điều 54",
        },
        Coefficient {
            code: Code::Gk,
            tenths: 3,
            citation: "Nghị định 98/2023/NĐ-CP, Điều 58",
        },
        // [C] DOMAIN.md 4.5: the Decree 98 value is not confirmed; 1.0 is the default.
        Coefficient {
            code: Code::BkTinh,
            tenths: 10,
            citation: "Nghị định 98/2023/NĐ-CP, Điều 58",
        },
        Coefficient {
            code: Code::BkTtg,
            tenths: 35,
            citation: "Nghị định 98/2023/NĐ-CP, Điều 58",
        },
    ],
    base_salaries: &BASE_SALARIES,
};

static SET_2025: RuleSet = RuleSet {
    id: RuleSetId::Set2025,
    label: "Luật Thi đua, khen thưởng 2022; Nghị định 152/2025/NĐ-CP; Thông tư 01/2024/TT-BNV",
    first_year: 2025,
    last_year: 2030,
    new_hire_months: 6,
    htxsnv_is_cstdcs_ground: true,
    ttldtt_bars_canh_cao: false,
    cite: Citations {
        ldtt: "Luật Thi đua, khen thưởng 2022, Điều 24",
        new_hire: "Thông tư 01/2024/TT-BNV",
        worked_time: "Nghị định 90/2020/NĐ-CP, Điều 2 khoản 3",
        counted_leave: "Nghị định 152/2025/NĐ-CP (như Nghị định 98/2023/NĐ-CP, Điều 4 khoản 5); Thông tư 01/2024/TT-BNV, Điều 1 khoản 5",
        discipline: "Nghị định 48/2023/NĐ-CP (sửa đổi Điều 2 Nghị định 90/2020/NĐ-CP)",
        pending: "Nghị định 152/2025/NĐ-CP (như Nghị định 98/2023/NĐ-CP, Điều 4 khoản 4)",
        cstdcs: "Luật Thi đua, khen thưởng 2022, Điều 23",
        cstdcs_quota: "Luật Thi đua, khen thưởng 2022, Điều 7, Điều 10 (không quy định tỷ lệ)",
        htxsnv_quota: "Nghị định 90/2020/NĐ-CP; Nghị định 48/2023/NĐ-CP",
        cstd_tinh: "Luật Thi đua, khen thưởng 2022, Điều 22",
        cstd_tq: "Luật Thi đua, khen thưởng 2022, Điều 21",
        ttldtt: "Luật Thi đua, khen thưởng 2022, Điều 28",
        ttldxs: "Luật Thi đua, khen thưởng 2022, Điều 27",
        gk: "Luật Thi đua, khen thưởng 2022, Điều 75",
        bk_tinh: "Luật Thi đua, khen thưởng 2022, Điều 74 khoản 1 điểm d",
        bk_ttg: "Luật Thi đua, khen thưởng 2022, Điều 73 khoản 1 điểm b",
        hcld3: "Luật Thi đua, khen thưởng 2022, Điều 44 khoản 1 điểm e",
        ladder_window: "Nghị định 152/2025/NĐ-CP (như Nghị định 98/2023/NĐ-CP, Điều 30 khoản 9)",
        no_reuse: "Luật Thi đua, khen thưởng 2022, Điều 5 khoản 2",
        money: "Nghị định 152/2025/NĐ-CP",
    },
    coefficients: &[
        Coefficient {
            code: Code::Ldtt,
            tenths: 3,
            citation: "Nghị định 152/2025/NĐ-CP",
        },
        Coefficient {
            code: Code::Cstdcs,
            tenths: 10,
            citation: "Nghị định 152/2025/NĐ-CP",
        },
        Coefficient {
            code: Code::CstdTinh,
            tenths: 30,
            citation: "Nghị định 152/2025/NĐ-CP",
        },
        Coefficient {
            code: Code::CstdTq,
            tenths: 45,
            citation: "Nghị định 152/2025/NĐ-CP",
        },
        Coefficient {
            code: Code::Ttldtt,
            tenths: 8,
            citation: "Nghị định 152/2025/NĐ-CP",
        },
        Coefficient {
            code: Code::Ttldxs,
            tenths: 15,
            citation: "Nghị định 152/2025/NĐ-CP",
        },
        Coefficient {
            code: Code::Gk,
            tenths: 3,
            citation: "Nghị định 152/2025/NĐ-CP, Điều 54 khoản 1 điểm e",
        },
        // The one difference from the 2024 set that LEGAL-NOTES §3.1 confirms.
        Coefficient {
            code: Code::BkTinh,
            tenths: 15,
            citation: "Nghị định 152/2025/NĐ-CP, Điều 54 khoản 1 điểm b",
        },
        Coefficient {
            code: Code::BkTtg,
            tenths: 35,
            citation: "Nghị định 152/2025/NĐ-CP, Điều 54 khoản 1 điểm a",
        },
    ],
    base_salaries: &BASE_SALARIES,
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_sets_cover_2018_to_2030() {
        assert_eq!(RuleSetId::for_year(2017), None);
        assert_eq!(RuleSetId::for_year(2018), Some(RuleSetId::Set2017));
        assert_eq!(RuleSetId::for_year(2023), Some(RuleSetId::Set2017));
        assert_eq!(RuleSetId::for_year(2024), Some(RuleSetId::Set2024));
        assert_eq!(RuleSetId::for_year(2025), Some(RuleSetId::Set2025));
        assert_eq!(RuleSetId::for_year(2030), Some(RuleSetId::Set2025));
        assert_eq!(RuleSetId::for_year(2031), None);
        for id in [RuleSetId::Set2017, RuleSetId::Set2024, RuleSetId::Set2025] {
            let r = id.rules();
            assert_eq!(r.id, id);
            for y in r.first_year..=r.last_year {
                assert_eq!(RuleSetId::for_year(y), Some(id));
            }
        }
    }

    #[test]
    fn base_salary_changes_on_1_july_2024() {
        let r = RuleSetId::Set2024.rules();
        assert_eq!(
            r.base_salary_on(day(2024, Month::June, 30)).unwrap().vnd,
            1_800_000
        );
        assert_eq!(
            r.base_salary_on(day(2024, Month::July, 1)).unwrap().vnd,
            2_340_000
        );
        assert_eq!(
            r.base_salary_on(day(2019, Month::July, 1)).unwrap().vnd,
            1_490_000
        );
        assert_eq!(
            r.base_salary_on(day(2018, Month::June, 30)).unwrap().vnd,
            1_300_000
        );
        assert!(r.base_salary_on(day(2017, Month::June, 30)).is_none());
    }
}
