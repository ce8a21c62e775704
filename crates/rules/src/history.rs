//! A person's past as year masks, and the ladder windows (spec "Ladder windows").
//!
//! Bit `k` of a mask stands for the year `Y - k`, `Y` being the evaluation year; 64 years reach
//! past any career. Runs of consecutive years ending with `Y` are then a count of trailing ones.

use crate::calendar::discipline_affects;
use crate::case::{Award, Person};
use crate::codes::{AwardCode, AwardType, Ground, InitiativeKind, Rating, TitleCode};

/// The years of one person's history that the ladders look at.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct History {
    /// The evaluation year.
    pub year: i32,
    /// Years a discipline affects (they count as KHTNV, with no title).
    pub disciplined: u64,
    /// Years rated HTTNV or better.
    pub httnv_plus: u64,
    /// Years rated HTXSNV.
    pub htxsnv: u64,
    /// Years with a CSTĐCS (recorded before the evaluation year, computed for it).
    pub cstdcs: u64,
}

/// The lowest `n` bits set.
pub(crate) fn low_bits(n: u32) -> u64 {
    if n >= 64 { u64::MAX } else { (1u64 << n) - 1 }
}

impl History {
    /// The bit of `year`, if within the 64 years ending with the evaluation year.
    pub fn bit(&self, year: i32) -> Option<u32> {
        let k = self.year - year;
        (0..64).contains(&k).then_some(k as u32)
    }

    /// The past (years before the evaluation year); the evaluation year's bits are added by
    /// [`History::set_current`].
    pub fn past(person: &Person, year: i32) -> History {
        let mut h = History {
            year,
            ..History::default()
        };
        for d in &person.discipline {
            let first = d.effective_on.year().max(year - 63);
            let last = d
                .until
                .map_or(d.effective_on.year(), |u| u.year())
                .min(year);
            for y in first..=last {
                if discipline_affects(d, y)
                    && let Some(k) = h.bit(y)
                {
                    h.disciplined |= 1 << k;
                }
            }
        }
        for (&y, &r) in person.ratings.range(year - 63..year) {
            if let Some(k) = h.bit(y) {
                if r >= Rating::Httnv {
                    h.httnv_plus |= 1 << k;
                }
                if r == Rating::Htxsnv {
                    h.htxsnv |= 1 << k;
                }
            }
        }
        for t in &person.titles {
            if t.code == TitleCode::Cstdcs
                && t.year < year
                && let Some(k) = h.bit(t.year)
            {
                h.cstdcs |= 1 << k;
            }
        }
        // A disciplined year counts as KHTNV whatever was recorded, so it holds no title either.
        let clean = !(h.disciplined & !1);
        h.httnv_plus &= clean;
        h.htxsnv &= clean;
        h.cstdcs &= clean;
        h
    }

    /// Adds the evaluation year: its effective rating and whether its CSTĐCS is eligible.
    pub fn set_current(&mut self, rating: Option<Rating>, cstdcs: bool) {
        let set = |mask: &mut u64, on: bool| {
            if on {
                *mask |= 1;
            } else {
                *mask &= !1;
            }
        };
        set(&mut self.httnv_plus, rating >= Some(Rating::Httnv));
        set(&mut self.htxsnv, rating == Some(Rating::Htxsnv));
        set(&mut self.cstdcs, cstdcs);
    }

    /// Length of the run of years in `mask` ending with the evaluation year, counting only years
    /// from `window_start` on.
    pub fn run(&self, mask: u64, window_start: Option<i32>) -> u32 {
        let limit = window_start.map_or(64, |s| (self.year - s + 1).clamp(0, 64) as u32);
        (!mask).trailing_zeros().min(limit)
    }

    /// How many years of `mask` fall within the last `len` years.
    pub fn count(&self, mask: u64, len: u32) -> u32 {
        (mask & low_bits(len)).count_ones()
    }

    /// The disciplined year just before a run of `len` years, if that is what broke it.
    pub fn broken_by_discipline(&self, len: u32) -> Option<i32> {
        (len < 64 && self.disciplined & (1 << len) != 0).then(|| self.year - len as i32)
    }

    /// The first year after the evaluation year that no known discipline affects.
    pub fn next_clean_year(&self, person: &Person) -> i32 {
        let mut y = self.year + 1;
        while person.discipline.iter().any(|d| discipline_affects(d, y)) && y < self.year + 64 {
            y += 1;
        }
        y
    }
}

/// The start of a ladder window: the latest `cong_trang` award among `codes` (by decision date),
/// and the first year the window counts — the year after its `period_to_year`, or the year of its
/// decision when it names no period (Decree 98/2023 Art 30.9, as the spec reads it).
pub(crate) fn window_after<'p>(
    awards: &'p [Award],
    codes: &[AwardCode],
) -> Option<(&'p Award, i32)> {
    awards
        .iter()
        .filter(|a| a.kind == AwardType::CongTrang && codes.contains(&a.code))
        .map(|a| (a, window_start_of(a)))
        // Ties broken on every field, so the choice never depends on input order.
        .max_by_key(|(a, start)| (a.decided_on, *start, a.code, a.period_to_year))
}

/// The first year a window opened by `award` counts.
pub(crate) fn window_start_of(award: &Award) -> i32 {
    award
        .period_to_year
        .map_or(award.decided_on.year(), |p| p + 1)
}

/// Whether the person holds a `cong_trang` award among `codes`; also reports an award of another
/// type, which never counts (Decree 98/2023 Art 4(3)).
pub(crate) fn holds<'p>(
    awards: &'p [Award],
    codes: &[AwardCode],
) -> (Option<&'p Award>, Option<&'p Award>) {
    let key = |a: &&Award| (a.decided_on, a.code, a.period_to_year, a.kind);
    let of = |cong_trang: bool| {
        awards.iter().filter(move |a| {
            codes.contains(&a.code) && (a.kind == AwardType::CongTrang) == cong_trang
        })
    };
    (of(true).max_by_key(key), of(false).max_by_key(key))
}

/// The ids of initiatives and S&T tasks already used as the ground of a CSTĐCS: they cannot count
/// again for Bằng khen path (d) (Law 2022 Art 5.2; Ministry of Home Affairs guidance).
pub(crate) fn consumed_items<'p>(person: &'p Person, current: Option<&'p str>) -> Vec<&'p str> {
    let mut used: Vec<&str> = current.into_iter().collect();
    for t in &person.titles {
        let kind = match t.ground {
            Some(Ground::Initiative) if t.code == TitleCode::Cstdcs => InitiativeKind::Initiative,
            Some(Ground::StTask) if t.code == TitleCode::Cstdcs => InitiativeKind::StTask,
            _ => continue,
        };
        match &t.initiative_id {
            Some(id) => used.push(id),
            // No id recorded: the engine's own choice rule names the item it rested on.
            None => {
                if let Some(id) = first_item(person, t.year, kind) {
                    used.push(id);
                }
            }
        }
    }
    used
}

/// The first item of `kind` recognised in `year`, by id in byte order.
pub(crate) fn first_item(person: &Person, year: i32, kind: InitiativeKind) -> Option<&str> {
    person
        .initiatives
        .iter()
        .filter(|i| i.year == year && i.kind == kind)
        .map(|i| i.id.as_str())
        .min()
}

/// Initiatives and S&T tasks recognised (at any scope) in `from..=to`, not in `used`, by kind:
/// `(initiatives, st_tasks)`, ids sorted.
pub(crate) fn fresh_items<'p>(
    person: &'p Person,
    from: i32,
    to: i32,
    used: &[&str],
) -> (Vec<&'p str>, Vec<&'p str>) {
    let mut ini = Vec::new();
    let mut st = Vec::new();
    for i in &person.initiatives {
        if (from..=to).contains(&i.year) && !used.contains(&i.id.as_str()) {
            match i.kind {
                InitiativeKind::Initiative => ini.push(i.id.as_str()),
                InitiativeKind::StTask => st.push(i.id.as_str()),
            }
        }
    }
    ini.sort_unstable();
    st.sort_unstable();
    (ini, st)
}

/// Years `Y - len + 1 ..= Y` as text ("2023–2024", or "2024").
pub(crate) fn years_text(year: i32, len: u32) -> String {
    let first = year - len as i32 + 1;
    if first >= year {
        format!("{year}")
    } else {
        format!("{first}–{year}")
    }
}

/// "năm 2024" or "các năm 2023–2024", for the last `len` years.
pub(crate) fn years_phrase(year: i32, len: u32) -> String {
    if len <= 1 {
        format!("năm {year}")
    } else {
        format!("các năm {}", years_text(year, len))
    }
}

/// The years of `mask` among the last `len`, oldest first ("2020, 2022, 2024").
pub(crate) fn listed_years(h: &History, mask: u64, len: u32) -> String {
    (0..len.min(64))
        .rev()
        .filter(|k| mask & (1 << k) != 0)
        .map(|k| (h.year - k as i32).to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::{Discipline, Title, parse_date};
    use crate::codes::DisciplineLevel;

    #[test]
    fn runs_stop_at_the_window_and_at_discipline() {
        let mut p = Person::default();
        for y in 2018..2024 {
            p.ratings.insert(y, Rating::Httnv);
            p.titles.push(Title {
                code: TitleCode::Cstdcs,
                year: y,
                ground: None,
                initiative_id: None,
            });
        }
        let mut h = History::past(&p, 2024);
        h.set_current(Some(Rating::Htxsnv), true);
        assert_eq!(h.run(h.httnv_plus, None), 7);
        assert_eq!(h.run(h.httnv_plus, Some(2022)), 3);
        assert_eq!(h.run(h.htxsnv, None), 1);
        assert_eq!(h.count(h.cstdcs, 3), 3);
        p.discipline.push(Discipline {
            effective_on: parse_date("2021-03-01").unwrap(),
            level: DisciplineLevel::CanhCao,
            until: Some(parse_date("2022-02-01").unwrap()),
        });
        let mut h = History::past(&p, 2024);
        h.set_current(Some(Rating::Httnv), false);
        assert_eq!(h.run(h.httnv_plus, None), 2);
        assert_eq!(h.broken_by_discipline(2), Some(2022));
        assert_eq!(h.run(h.cstdcs, None), 0);
        assert_eq!(years_text(2024, 2), "2023–2024");
        assert_eq!(listed_years(&h, h.httnv_plus, 5), "2020, 2023, 2024");
    }
}
