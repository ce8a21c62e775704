//! Collective titles (Law 2022 Art 27–28) and the per-unit quotas, which only warn.
//!
//! Denominators count every member listed for the unit (direct members only); a deferred member
//! counts as neither LĐTT nor CSTĐCS; a unit with no members is not eligible.

use crate::case::Unit;
use crate::codes::{DisciplineLevel, Rating};
use crate::engine::{Env, Outcome};
use crate::output::{Reasons, Warning};
use crate::settings::{Quota, Ratio};

/// What the collective titles need to know of a unit's members.
#[derive(Clone, Debug, Default)]
pub(crate) struct MemberStats<'c> {
    pub members: u64,
    /// Eligible for LĐTT and not deferred.
    pub ldtt: u64,
    /// Eligible for CSTĐCS and not deferred.
    pub cstdcs: u64,
    /// Deferred members.
    pub deferred: u64,
    /// Effective rating HTNV or better.
    pub complete: u64,
    /// Effective rating HTTNV or better (the HTXSNV quota's base).
    pub httnv_plus: u64,
    /// Effective rating HTXSNV.
    pub htxsnv: u64,
    /// Members disciplined at cảnh cáo or above in the year (2017 set).
    pub canh_cao: u64,
    /// Ids of members below HTNV, kept only when messages are wanted.
    pub incomplete: Vec<&'c str>,
}

/// One member's contribution to [`MemberStats`].
pub(crate) struct MemberFacts<'c> {
    pub id: &'c str,
    pub rating: Option<Rating>,
    pub ldtt: bool,
    pub cstdcs: bool,
    pub pending: bool,
    pub worst_discipline: Option<DisciplineLevel>,
}

impl<'c> MemberStats<'c> {
    pub fn add(&mut self, m: &MemberFacts<'c>, keep_ids: bool) {
        self.members += 1;
        if m.pending {
            self.deferred += 1;
        } else {
            self.ldtt += u64::from(m.ldtt);
            self.cstdcs += u64::from(m.cstdcs);
        }
        if m.rating >= Some(Rating::Htnv) {
            self.complete += 1;
        } else if keep_ids {
            self.incomplete.push(m.id);
        }
        self.httnv_plus += u64::from(m.rating >= Some(Rating::Httnv));
        self.htxsnv += u64::from(m.rating == Some(Rating::Htxsnv));
        self.canh_cao += u64::from(m.worst_discipline >= Some(DisciplineLevel::CanhCao));
    }

    fn deferred_note(&self) -> String {
        if self.deferred == 0 {
            String::new()
        } else {
            format!(
                "; {} thành viên đang hoãn xét không được tính",
                self.deferred
            )
        }
    }
}

fn unit_rating_text(unit: &Unit, y: i32) -> (Option<Rating>, String) {
    match unit.ratings.get(&y) {
        Some(r) => (Some(*r), format!("Đơn vị xếp loại {} năm {y}", r.name_vi())),
        None => (None, format!("Đơn vị chưa được xếp loại năm {y}")),
    }
}

fn taken_as_met(what: &str) -> String {
    format!("{what}: hồ sơ không có dữ liệu, coi như đạt")
}

/// Tập thể lao động tiên tiến (Law 2022 Art 28): completes tasks well, more than half (or, by
/// setting, at least half) of the members LĐTT, takes part, united; in the 2017 set also no member
/// disciplined at cảnh cáo or above (Law 2003 Art 28).
pub(crate) fn ttldtt(env: &Env, unit: &Unit, s: &MemberStats) -> Outcome {
    let (y, cite) = (env.year, env.rules.cite.ttldtt);
    let strict = env.settings.ttldtt_more_than_half;
    let share_ok = s.members > 0
        && if strict {
            2 * s.ldtt > s.members
        } else {
            2 * s.ldtt >= s.members
        };
    let mut r = Reasons::new(env.filter);
    r.check("ttldtt.ldtt_share", share_ok, cite, || {
        let bound = if strict {
            "trên 50%"
        } else {
            "từ 50% trở lên"
        };
        if s.members == 0 {
            "Đơn vị không có thành viên: không đủ điều kiện".to_string()
        } else if share_ok {
            format!(
                "{}/{} thành viên đạt Lao động tiên tiến ({bound}){}",
                s.ldtt,
                s.members,
                s.deferred_note()
            )
        } else {
            format!(
                "{}/{} thành viên đạt Lao động tiên tiến{}: cần {bound} — sớm nhất năm {}",
                s.ldtt,
                s.members,
                s.deferred_note(),
                y + 1
            )
        }
    });
    let (rating, text) = unit_rating_text(unit, y);
    let rating_ok = rating >= Some(Rating::Httnv);
    r.check("ttldtt.rating", rating_ok, cite, || {
        if rating_ok {
            text
        } else {
            format!(
                "{text}: cần Hoàn thành tốt nhiệm vụ trở lên — sớm nhất năm {}",
                y + 1
            )
        }
    });
    r.check("ttldtt.movement", true, cite, || {
        taken_as_met("Tham gia phong trào thi đua")
    });
    r.check("ttldtt.unity", true, cite, || {
        taken_as_met("Nội bộ đoàn kết")
    });
    let mut ok = share_ok && rating_ok;
    if env.rules.ttldtt_bars_canh_cao {
        let clean = s.canh_cao == 0;
        ok &= clean;
        r.check("ttldtt.discipline", clean, cite, || {
            if clean {
                format!("Không có thành viên bị kỷ luật từ cảnh cáo trở lên năm {y}")
            } else {
                format!(
                    "{} thành viên bị kỷ luật từ cảnh cáo trở lên năm {y} — sớm nhất năm {}",
                    s.canh_cao,
                    y + 1
                )
            }
        });
    }
    Outcome::from_reasons(r, ok).with_next((!ok).then_some(y + 1))
}

/// Tập thể lao động xuất sắc (Law 2022 Art 27): HTXSNV, all members HTNV or better, at least 70%
/// LĐTT, at least one CSTĐCS, takes part, united.
pub(crate) fn ttldxs(env: &Env, unit: &Unit, s: &MemberStats) -> Outcome {
    let (y, cite) = (env.year, env.rules.cite.ttldxs);
    let mut r = Reasons::new(env.filter);
    let (rating, text) = unit_rating_text(unit, y);
    let rating_ok = rating == Some(Rating::Htxsnv);
    r.check("ttldxs.rating", rating_ok, cite, || {
        if rating_ok {
            text
        } else {
            format!(
                "{text}: cần Hoàn thành xuất sắc nhiệm vụ — sớm nhất năm {}",
                y + 1
            )
        }
    });
    let complete_ok = s.members > 0 && s.complete == s.members;
    r.check("ttldxs.members_complete", complete_ok, cite, || {
        if s.members == 0 {
            "Đơn vị không có thành viên: không đủ điều kiện".to_string()
        } else if complete_ok {
            format!("{}/{} thành viên hoàn thành nhiệm vụ trở lên (100%)", s.complete, s.members)
        } else {
            let mut ids = s.incomplete.clone();
            ids.sort_unstable();
            // A large unit would otherwise list hundreds of ids in one message.
            const SHOWN: usize = 10;
            let mut listed = ids.iter().take(SHOWN).copied().collect::<Vec<_>>().join(", ");
            if ids.len() > SHOWN {
                listed.push_str(&format!(" và {} người khác", ids.len() - SHOWN));
            }
            format!(
                "{}/{} thành viên hoàn thành nhiệm vụ trở lên (chưa đạt: {listed}): cần 100% — sớm nhất năm {}",
                s.complete,
                s.members,
                y + 1
            )
        }
    });
    let share_ok = Ratio::new(7, 10).reached_by(s.ldtt, s.members);
    r.check("ttldxs.ldtt_share", share_ok, cite, || {
        if share_ok {
            format!(
                "{}/{} thành viên đạt Lao động tiên tiến (từ 70%){}",
                s.ldtt,
                s.members,
                s.deferred_note()
            )
        } else {
            format!(
                "{}/{} thành viên đạt Lao động tiên tiến{}: cần từ 70% — sớm nhất năm {}",
                s.ldtt,
                s.members,
                s.deferred_note(),
                y + 1
            )
        }
    });
    let cstdcs_ok = s.cstdcs >= 1;
    r.check("ttldxs.cstdcs", cstdcs_ok, cite, || {
        if cstdcs_ok {
            format!("{} thành viên đạt Chiến sĩ thi đua cơ sở", s.cstdcs)
        } else {
            format!(
                "Chưa có thành viên đạt Chiến sĩ thi đua cơ sở năm {y} — sớm nhất năm {}",
                y + 1
            )
        }
    });
    r.check("ttldxs.movement", true, cite, || {
        taken_as_met("Sáng tạo, vượt khó, thi đua thiết thực, hiệu quả")
    });
    r.check("ttldxs.unity", true, cite, || {
        taken_as_met("Nội bộ đoàn kết, chấp hành tốt chủ trương, chính sách, pháp luật")
    });
    let ok = rating_ok && complete_ok && share_ok && cstdcs_ok;
    Outcome::from_reasons(r, ok).with_next((!ok).then_some(y + 1))
}

/// The unit's quota warnings, in code order (`CSTDCS`, then `HTXSNV`).
pub(crate) fn quota_warnings<'c>(
    env: &Env,
    unit: &'c Unit,
    s: &MemberStats,
    out: &mut Vec<Warning<'c>>,
) {
    if let Quota::AtMost(ratio) = env.settings.cstdcs_of_ldtt {
        let limit = ratio.floor_of(s.ldtt);
        if s.cstdcs > limit {
            let law = match env.rules.id {
                crate::ruleset::RuleSetId::Set2017 => format!("giới hạn theo {}", env.rules.cite.cstdcs_quota),
                _ => "Luật Thi đua, khen thưởng 2022 không quy định tỷ lệ này; đây là giới hạn do cơ quan đặt".to_string(),
            };
            out.push(Warning {
                kind: "quota",
                unit: &unit.id,
                code: "CSTDCS",
                limit,
                actual: s.cstdcs,
                message: format!(
                    "Đơn vị {}: {} người đạt Chiến sĩ thi đua cơ sở, vượt giới hạn {limit} ({} của {} người đạt Lao động tiên tiến) — cần giải trình bằng văn bản; không loại ai ({law})",
                    unit.id,
                    s.cstdcs,
                    ratio.percent_text(),
                    s.ldtt
                ),
            });
        }
    }
    if let Quota::AtMost(ratio) = env.settings.htxsnv_of_httnv {
        let limit = ratio.floor_of(s.httnv_plus);
        if s.htxsnv > limit {
            out.push(Warning {
                kind: "quota",
                unit: &unit.id,
                code: "HTXSNV",
                limit,
                actual: s.htxsnv,
                message: format!(
                    "Đơn vị {}: {} người xếp loại Hoàn thành xuất sắc nhiệm vụ, vượt giới hạn {limit} ({} của {} người Hoàn thành tốt nhiệm vụ trở lên) — cần giải trình bằng văn bản; không loại ai ({})",
                    unit.id,
                    s.htxsnv,
                    ratio.percent_text(),
                    s.httnv_plus,
                    env.rules.cite.htxsnv_quota
                ),
            });
        }
    }
}
