//! Settings with defaults, never constants (DOMAIN.md 4.4): quotas that only warn, the TTLĐTT
//! "more than half" strictness, the reading of Bằng khen path (d), and the council's voting
//! thresholds (used by the council workflow, not by the verdicts).

use serde::{Serialize, Serializer};

use crate::codes::Authority;
use crate::ruleset::RuleSetId;

/// An exact non-negative fraction (`num / den`), so that quotas and thresholds never suffer from
/// binary floating point: `floor(0.29 × 100)` is 29 here.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ratio {
    num: u64,
    den: u64,
}

impl Ratio {
    /// `num / den`; `den` must not be zero.
    pub const fn new(num: u64, den: u64) -> Ratio {
        assert!(den != 0, "ratio with a zero denominator");
        Ratio { num, den }
    }

    /// The ratio a decimal literal such as `0.15` or `1` stands for; `None` when the text is not
    /// a plain non-negative decimal or has too many digits to be exact.
    pub fn from_decimal(text: &str) -> Option<Ratio> {
        let (int, frac) = text.split_once('.').unwrap_or((text, ""));
        if int.is_empty() || !int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) {
            return None;
        }
        let frac = frac.trim_end_matches('0');
        if int.len() + frac.len() > 18 {
            return None;
        }
        let den = 10u64.pow(u32::try_from(frac.len()).ok()?);
        let num: u64 = format!("{int}{frac}").parse().ok()?;
        Some(Ratio { num, den })
    }

    /// The exact decimal a JSON number stands for. JSON numbers arrive as `f64`; the shortest
    /// decimal that rounds to it is what the author wrote (`0.15`), and that is what counts.
    pub fn from_f64(value: f64) -> Option<Ratio> {
        if !value.is_finite() || value < 0.0 {
            return None;
        }
        Ratio::from_decimal(&format!("{value}"))
    }

    /// `floor(self × base)`, the quota limit for a base of `base` people.
    pub fn floor_of(self, base: u64) -> u64 {
        (u128::from(self.num) * u128::from(base) / u128::from(self.den)) as u64
    }

    /// Whether `part / whole >= self` (false when `whole` is zero).
    pub fn reached_by(self, part: u64, whole: u64) -> bool {
        whole != 0
            && u128::from(part) * u128::from(self.den) >= u128::from(self.num) * u128::from(whole)
    }

    /// Whether the ratio lies between 0 and 1 inclusive.
    pub fn is_fraction(self) -> bool {
        self.num <= self.den
    }

    /// The value as a float, for display and JSON only.
    pub fn as_f64(self) -> f64 {
        self.num as f64 / self.den as f64
    }

    /// The value in percent, for messages ("20%", "66,67%").
    pub fn percent_text(self) -> String {
        let den = u128::from(self.den);
        let hundredths = ((u128::from(self.num) * 20_000 + den) / (2 * den)) as u64;
        match hundredths % 100 {
            0 => format!("{}%", hundredths / 100),
            f if f % 10 == 0 => format!("{},{}%", hundredths / 100, f / 10),
            f => format!("{},{:02}%", hundredths / 100, f),
        }
    }
}

impl Serialize for Ratio {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(self.as_f64())
    }
}

/// A quota: a cap as a share of a base, or none.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Quota {
    /// No cap.
    Uncapped,
    /// At most `floor(ratio × base)`.
    AtMost(Ratio),
}

impl Serialize for Quota {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Quota::Uncapped => s.serialize_none(),
            Quota::AtMost(r) => r.serialize(s),
        }
    }
}

/// The settings a case may set (`settings` in the case file); `None` takes the rule set's default.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SettingOverrides {
    /// `quotas.HTXSNV_of_HTTNV`.
    pub htxsnv_of_httnv: Option<Quota>,
    /// `quotas.CSTDCS_of_LDTT`.
    pub cstdcs_of_ldtt: Option<Quota>,
    /// `ttldtt_more_than_half`.
    pub ttldtt_more_than_half: Option<bool>,
    /// `bk_path_d_initiatives_on_both_branches`.
    pub bk_path_d_initiatives_on_both_branches: Option<bool>,
}

impl SettingOverrides {
    /// Whether nothing is overridden.
    pub fn is_empty(&self) -> bool {
        *self == SettingOverrides::default()
    }
}

impl Serialize for SettingOverrides {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        struct Quotas<'a>(&'a SettingOverrides);
        impl Serialize for Quotas<'_> {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                let mut m = s.serialize_map(None)?;
                if let Some(q) = self.0.htxsnv_of_httnv {
                    m.serialize_entry("HTXSNV_of_HTTNV", &q)?;
                }
                if let Some(q) = self.0.cstdcs_of_ldtt {
                    m.serialize_entry("CSTDCS_of_LDTT", &q)?;
                }
                m.end()
            }
        }
        let mut m = s.serialize_map(None)?;
        if self.htxsnv_of_httnv.is_some() || self.cstdcs_of_ldtt.is_some() {
            m.serialize_entry("quotas", &Quotas(self))?;
        }
        if let Some(b) = self.ttldtt_more_than_half {
            m.serialize_entry("ttldtt_more_than_half", &b)?;
        }
        if let Some(b) = self.bk_path_d_initiatives_on_both_branches {
            m.serialize_entry("bk_path_d_initiatives_on_both_branches", &b)?;
        }
        m.end()
    }
}

/// The settings in force for one evaluation: the rule set's defaults with the case's overrides.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Settings {
    /// HTXSNV ratings per unit, as a share of members rated HTTNV or above (default 20%; a setting, not confirmed nationally).
    pub htxsnv_of_httnv: Quota,
    /// CSTĐCS per unit as a share of members eligible for LĐTT (default none; 15% in the 2017
    /// set, Decree 91/2017). The Law 2022 sets no quota: it only warns.
    pub cstdcs_of_ldtt: Quota,
    /// TTLĐTT needs more than half of the members LĐTT (`true`, default) or at least half.
    pub ttldtt_more_than_half: bool,
    /// Bằng khen path (d): the two initiatives are required on the CSTĐCS branch too (default,
    /// the Ministry of Home Affairs' reading) or only on the HTXSNV branch.
    pub bk_path_d_initiatives_on_both_branches: bool,
    /// The council's voting rules (used by the council workflow).
    pub council: CouncilVoting,
}

impl Settings {
    /// The defaults of a rule set (DOMAIN.md 4.4).
    pub fn defaults(rule_set: RuleSetId) -> Settings {
        Settings {
            htxsnv_of_httnv: Quota::AtMost(Ratio::new(1, 5)),
            cstdcs_of_ldtt: match rule_set {
                RuleSetId::Set2017 => Quota::AtMost(Ratio::new(15, 100)),
                RuleSetId::Set2024 | RuleSetId::Set2025 => Quota::Uncapped,
            },
            ttldtt_more_than_half: true,
            bk_path_d_initiatives_on_both_branches: true,
            council: CouncilVoting::default(),
        }
    }

    /// The defaults of `rule_set` with `overrides` applied.
    pub fn resolve(rule_set: RuleSetId, overrides: &SettingOverrides) -> Settings {
        let d = Settings::defaults(rule_set);
        Settings {
            htxsnv_of_httnv: overrides.htxsnv_of_httnv.unwrap_or(d.htxsnv_of_httnv),
            cstdcs_of_ldtt: overrides.cstdcs_of_ldtt.unwrap_or(d.cstdcs_of_ldtt),
            ttldtt_more_than_half: overrides
                .ttldtt_more_than_half
                .unwrap_or(d.ttldtt_more_than_half),
            bk_path_d_initiatives_on_both_branches: overrides
                .bk_path_d_initiatives_on_both_branches
                .unwrap_or(d.bk_path_d_initiatives_on_both_branches),
            council: d.council,
        }
    }
}

/// Whose votes a threshold is measured against.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Denominator {
    /// All members of the council (default; absent members may vote in writing).
    AllMembers,
    /// Members present at the session.
    Present,
}

/// Council voting rules (DOMAIN.md 4.4: settings, none confirmed for Decree 98 and Circular 01/2024).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct CouncilVoting {
    /// Quorum: share of members present for a valid session (default 2/3).
    pub quorum: Ratio,
    /// Approval threshold for what the director decides — LĐTT-level titles, CSTĐCS, Giấy khen
    /// (default 70%).
    pub threshold_agency_level: Ratio,
    /// Approval threshold for proposals upward — CSTĐ cấp tỉnh and higher (default 90%).
    pub threshold_proposals: Ratio,
    /// Denominator of the thresholds (default all members).
    pub denominator: Denominator,
}

impl Default for CouncilVoting {
    fn default() -> CouncilVoting {
        CouncilVoting {
            quorum: Ratio::new(2, 3),
            threshold_agency_level: Ratio::new(70, 100),
            threshold_proposals: Ratio::new(90, 100),
            denominator: Denominator::AllMembers,
        }
    }
}

impl CouncilVoting {
    /// The approval threshold for a title or form decided by `authority`.
    pub fn threshold_for(&self, authority: Authority) -> Ratio {
        match authority {
            Authority::GiamDocSo => self.threshold_agency_level,
            _ => self.threshold_proposals,
        }
    }
}

/// Which reasons the output carries.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ReasonFilter {
    /// Every condition checked (default).
    #[default]
    All,
    /// Only the conditions that failed.
    Failed,
    /// None: `reasons` is an empty array (fastest: no message is even formatted).
    None,
}

impl ReasonFilter {
    /// Parses `all`, `failed` or `none`.
    pub fn from_code(code: &str) -> Option<ReasonFilter> {
        match code {
            "all" => Some(ReasonFilter::All),
            "failed" => Some(ReasonFilter::Failed),
            "none" => Some(ReasonFilter::None),
            _ => None,
        }
    }
}

/// How to evaluate a case.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// Which reasons to keep.
    pub reasons: ReasonFilter,
    /// Also evaluate the codes outside the command's contract — `CSTD_TQ`, `GK`, `HCLD3` — for the
    /// web application. Off by default, so the command prints exactly the codes of the spec.
    pub extra_codes: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratios_are_exact_decimals() {
        let r = Ratio::from_f64(0.29).unwrap();
        assert_eq!(r.floor_of(100), 29);
        assert_eq!(Ratio::from_f64(0.15).unwrap().floor_of(20), 3);
        assert_eq!(Ratio::from_f64(0.2).unwrap().floor_of(14), 2);
        assert_eq!(Ratio::from_f64(1.0).unwrap().floor_of(7), 7);
        assert_eq!(Ratio::from_f64(0.0).unwrap().floor_of(7), 0);
        assert!(Ratio::from_f64(1.5).is_some_and(|r| !r.is_fraction()));
        assert_eq!(Ratio::from_decimal("1e-3"), None);
        assert!(Ratio::new(7, 10).reached_by(7, 10));
        assert!(!Ratio::new(7, 10).reached_by(6, 10));
        assert_eq!(Ratio::new(1, 5).percent_text(), "20%");
        assert_eq!(Ratio::new(2, 3).percent_text(), "66,67%");
    }

    #[test]
    fn defaults_depend_on_the_rule_set() {
        let s = Settings::defaults(RuleSetId::Set2017);
        assert_eq!(s.cstdcs_of_ldtt, Quota::AtMost(Ratio::new(15, 100)));
        assert_eq!(
            Settings::defaults(RuleSetId::Set2024).cstdcs_of_ldtt,
            Quota::Uncapped
        );
        let o = SettingOverrides {
            cstdcs_of_ldtt: Some(Quota::Uncapped),
            ..Default::default()
        };
        assert_eq!(
            Settings::resolve(RuleSetId::Set2017, &o).cstdcs_of_ldtt,
            Quota::Uncapped
        );
        assert_eq!(
            s.council.threshold_for(Authority::ThuTuong),
            Ratio::new(90, 100)
        );
    }
}
