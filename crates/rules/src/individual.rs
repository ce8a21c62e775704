//! Individual titles: Lao động tiên tiến, Chiến sĩ thi đua cơ sở, cấp tỉnh and toàn quốc
//! (Law 2022 Art 21–24), with the special cases of DOMAIN.md 4.1.

use time::Date;

use crate::calendar::{WorkedTime, add_months, discipline_affects, jan_1, worked_time};
use crate::case::{Discipline, Person, format_date_vi};
use crate::codes::{Ground, InitiativeKind, Rating, Scope, TitleCode};
use crate::engine::{Env, Outcome};
use crate::history::{History, first_item, years_text};
use crate::output::Reasons;

/// Worked days below which a person is not rated (Decree 90/2020 Art 2.3: six months).
pub(crate) const MIN_WORKED_DAYS: i64 = 180;
/// Non-counting absence from which the rating is capped at HTNV (three months).
pub(crate) const CAP_ABSENCE_DAYS: i64 = 90;

/// Why the effective rating differs from the recorded one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum RatingNote {
    /// As recorded.
    Recorded,
    /// A discipline affects the year: KHTNV.
    Disciplined,
    /// Fewer than 180 worked days: not rated.
    TooFewDays,
    /// 90–179 days of non-counting absence: at most HTNV.
    Capped,
}

/// What the engine knows about one person in the evaluation year.
pub(crate) struct Facts<'p> {
    pub person: &'p Person,
    pub recorded: Option<Rating>,
    /// The rating after the discipline and worked-time rules.
    pub rating: Option<Rating>,
    pub note: RatingNote,
    pub time: WorkedTime,
    /// The day the six (ten) months are reached, when `recruited_on` is known.
    pub new_hire_until: Option<Date>,
    pub new_hire_ok: bool,
    pub discipline: Option<&'p Discipline>,
    pub ldtt: bool,
    /// The ground of the CSTĐCS and the item it rests on, when eligible.
    pub cstdcs: Option<(Ground, Option<&'p str>)>,
    pub history: History,
}

impl<'p> Facts<'p> {
    /// Everything, the history included.
    pub fn compute(env: &Env, person: &'p Person) -> Facts<'p> {
        let mut f = Facts::current(env, person);
        f.history = History::past(person, env.year);
        f.history.set_current(f.rating, f.cstdcs.is_some());
        f
    }

    /// The evaluation year only (what a unit needs of its members); `history` left empty.
    pub fn current(env: &Env, person: &'p Person) -> Facts<'p> {
        let y = env.year;
        let recorded = person.ratings.get(&y).copied();
        let time = worked_time(person.recruited_on, &person.absences, env.review_date);
        // The most severe discipline of the year, so the message names the weightiest measure.
        let discipline = person
            .discipline
            .iter()
            .filter(|d| discipline_affects(d, y))
            .max_by_key(|d| (d.level, d.effective_on, d.until));
        let (rating, note) = if discipline.is_some() {
            (Some(Rating::Khtnv), RatingNote::Disciplined)
        } else if time.worked_days < MIN_WORKED_DAYS {
            (None, RatingNote::TooFewDays)
        } else if (CAP_ABSENCE_DAYS..MIN_WORKED_DAYS).contains(&time.absent_days)
            && recorded > Some(Rating::Htnv)
        {
            (Some(Rating::Htnv), RatingNote::Capped)
        } else {
            (recorded, RatingNote::Recorded)
        };
        let new_hire_until = person
            .recruited_on
            .map(|r| add_months(r, env.rules.new_hire_months));
        let new_hire_ok = new_hire_until.is_none_or(|d| d <= env.review_date);
        let ldtt = rating >= Some(Rating::Httnv) && new_hire_ok;
        let ground = cstdcs_ground(env, person, rating);
        let cstdcs = if ldtt { ground } else { None };
        let history = History::default();
        Facts {
            person,
            recorded,
            rating,
            note,
            time,
            new_hire_until,
            new_hire_ok,
            discipline,
            ldtt,
            cstdcs,
            history,
        }
    }

    /// A short phrase saying why LĐTT fails, for other titles' messages.
    fn ldtt_gap(&self, env: &Env) -> String {
        let y = env.year;
        match (self.note, self.rating) {
            (RatingNote::Disciplined, _) => {
                format!("bị kỷ luật, năm {y} tính là Không hoàn thành nhiệm vụ")
            }
            (RatingNote::TooFewDays, _) => format!(
                "làm việc {} ngày, dưới 180 ngày nên không được xếp loại",
                self.time.worked_days
            ),
            (RatingNote::Capped, _) => format!(
                "nghỉ {} ngày không tính thời gian công tác nên xếp loại không quá Hoàn thành nhiệm vụ",
                self.time.absent_days
            ),
            (_, None) => format!("chưa được xếp loại năm {y}"),
            (_, Some(r)) if r < Rating::Httnv => format!("xếp loại {} năm {y}", r.name_vi()),
            _ => format!(
                "chưa đủ {} tháng công tác đến ngày bình xét",
                env.rules.new_hire_months
            ),
        }
    }
}

/// The first ground that holds of HTXSNV, initiative, S&T task (HTXSNV only where the rule set
/// accepts it); an item ground names the first item of the year by id in byte order.
fn cstdcs_ground<'p>(
    env: &Env,
    person: &'p Person,
    rating: Option<Rating>,
) -> Option<(Ground, Option<&'p str>)> {
    if env.rules.htxsnv_is_cstdcs_ground && rating == Some(Rating::Htxsnv) {
        return Some((Ground::Htxsnv, None));
    }
    if let Some(id) = first_item(person, env.year, InitiativeKind::Initiative) {
        return Some((Ground::Initiative, Some(id)));
    }
    first_item(person, env.year, InitiativeKind::StTask).map(|id| (Ground::StTask, Some(id)))
}

/// Lao động tiên tiến (Law 2022 Art 24; Circular 01/2024; Decree 90/2020 Art 2.3).
pub(crate) fn ldtt(env: &Env, f: &Facts) -> Outcome {
    let (y, cite) = (env.year, &env.rules.cite);
    let mut r = Reasons::new(env.filter);
    r.check(
        "ldtt.rating",
        f.rating >= Some(Rating::Httnv),
        cite.ldtt,
        || match (f.rating, f.note) {
            (Some(x), RatingNote::Recorded) if x >= Rating::Httnv => {
                format!("Xếp loại {} năm {y}", x.name_vi())
            }
            (Some(x), RatingNote::Recorded) => {
                format!(
                    "Xếp loại {} năm {y}: cần Hoàn thành tốt nhiệm vụ trở lên — sớm nhất năm {}",
                    x.name_vi(),
                    y + 1
                )
            }
            (None, RatingNote::Recorded) => {
                format!(
                    "Chưa được xếp loại chất lượng năm {y}: cần Hoàn thành tốt nhiệm vụ trở lên"
                )
            }
            _ => format!(
                "Không đạt xếp loại Hoàn thành tốt nhiệm vụ năm {y}: {} (xếp loại ghi nhận: {})",
                f.ldtt_gap(env),
                f.recorded.map_or("chưa xếp loại", Rating::code)
            ),
        },
    );
    r.check("ldtt.movement", true, cite.ldtt, || {
        "Tích cực tham gia phong trào thi đua: hồ sơ không có dữ liệu, coi như đạt".to_string()
    });
    let months = env.rules.new_hire_months;
    r.check("ldtt.new_hire", f.new_hire_ok, cite.new_hire, || match (f.person.recruited_on, f.new_hire_until) {
        (Some(from), Some(_)) if f.new_hire_ok => format!(
            "Bắt đầu công tác từ {}: đủ {months} tháng trước ngày bình xét {}",
            format_date_vi(from),
            format_date_vi(env.review_date)
        ),
        (Some(from), Some(until)) => format!(
            "Bắt đầu công tác từ {}: chưa đủ {months} tháng trước ngày bình xét {} (đủ từ {}) — sớm nhất năm {}",
            format_date_vi(from),
            format_date_vi(env.review_date),
            format_date_vi(until),
            y + 1
        ),
        _ => format!("Hồ sơ không có ngày bắt đầu công tác: coi như đã đủ {months} tháng"),
    });
    r.check("ldtt.worked_days", f.time.worked_days >= MIN_WORKED_DAYS, cite.worked_time, || {
        if f.time.worked_days >= MIN_WORKED_DAYS {
            format!("Thời gian làm việc năm {y} đến ngày bình xét: {} ngày (từ 180 ngày)", f.time.worked_days)
        } else {
            format!(
                "Thời gian làm việc năm {y} đến ngày bình xét: {} ngày, dưới 180 ngày nên không được xếp loại",
                f.time.worked_days
            )
        }
    });
    let capped = (CAP_ABSENCE_DAYS..MIN_WORKED_DAYS).contains(&f.time.absent_days);
    r.check("ldtt.absence", !capped, cite.worked_time, || {
        let days = f.time.absent_days;
        if capped {
            format!("Nghỉ {days} ngày không tính là thời gian công tác (từ 90 đến 179 ngày): xếp loại không cao hơn Hoàn thành nhiệm vụ")
        } else {
            format!("Nghỉ {days} ngày không tính là thời gian công tác (không trong khoảng 90–179 ngày)")
        }
    });
    if r.wanted() {
        let mut counted: Vec<_> = f
            .person
            .absences
            .iter()
            .filter(|a| a.kind.counts_as_work() && a.to >= jan_1(y) && a.from <= env.review_date)
            .map(|a| (a.from, a.to, a.kind))
            .collect();
        counted.sort_unstable();
        counted.dedup();
        let counted: Vec<String> = counted
            .into_iter()
            .map(|(from, to, kind)| {
                format!(
                    "{} {}–{}",
                    leave_name(kind),
                    format_date_vi(from),
                    format_date_vi(to)
                )
            })
            .collect();
        if !counted.is_empty() {
            r.check("ldtt.counted_leave", true, cite.counted_leave, || {
                format!("Được tính là thời gian công tác: {}", counted.join("; "))
            });
        }
    }
    r.check("ldtt.discipline", f.discipline.is_none(), cite.discipline, || match f.discipline {
        None => format!("Không bị kỷ luật trong năm {y}"),
        Some(d) => format!(
            "Bị kỷ luật {} từ {}{}: năm {y} tính là Không hoàn thành nhiệm vụ — sớm nhất năm {}",
            discipline_name(d.level),
            format_date_vi(d.effective_on),
            d.until.map(|u| format!(" đến {}", format_date_vi(u))).unwrap_or_default(),
            f.history.next_clean_year(f.person)
        ),
    });
    let next = (!f.ldtt).then(|| f.history.next_clean_year(f.person));
    Outcome::from_reasons(r, f.ldtt).with_next(next)
}

/// Chiến sĩ thi đua cơ sở (Law 2022 Art 23; Decree 91/2017 for the 2017 set).
pub(crate) fn cstdcs(env: &Env, f: &Facts) -> Outcome {
    let (y, cite) = (env.year, &env.rules.cite);
    let mut r = Reasons::new(env.filter);
    r.check("cstdcs.ldtt", f.ldtt, cite.cstdcs, || {
        if f.ldtt {
            format!("Đạt tiêu chuẩn Lao động tiên tiến năm {y}")
        } else {
            format!(
                "Chưa đạt tiêu chuẩn Lao động tiên tiến năm {y}: {}",
                f.ldtt_gap(env)
            )
        }
    });
    let ground = cstdcs_ground(env, f.person, f.rating);
    r.check("cstdcs.ground", ground.is_some(), cite.cstdcs, || match ground {
        Some((Ground::Htxsnv, _)) => format!("Hoàn thành xuất sắc nhiệm vụ năm {y}"),
        Some((Ground::Initiative, id)) => {
            format!("Sáng kiến {} được công nhận năm {y}", id.unwrap_or_default())
        }
        Some((Ground::StTask, id)) => {
            format!("Nhiệm vụ khoa học và công nghệ {} được nghiệm thu năm {y}", id.unwrap_or_default())
        }
        None if env.rules.htxsnv_is_cstdcs_ground => format!(
            "Chưa có căn cứ năm {y}: cần Hoàn thành xuất sắc nhiệm vụ, hoặc sáng kiến được công nhận, hoặc nhiệm vụ khoa học và công nghệ được nghiệm thu — sớm nhất năm {}",
            y + 1
        ),
        None => format!(
            "Chưa có căn cứ năm {y}: cần sáng kiến được công nhận hoặc nhiệm vụ khoa học và công nghệ được nghiệm thu (xếp loại Hoàn thành xuất sắc nhiệm vụ không là căn cứ theo bộ quy tắc 2017) — sớm nhất năm {}",
            y + 1
        ),
    });
    let next = f
        .cstdcs
        .is_none()
        .then(|| f.history.next_clean_year(f.person));
    let mut o = Outcome::from_reasons(r, f.cstdcs.is_some()).with_next(next);
    o.ground = f.cstdcs.map(|(g, _)| g);
    o
}

/// Chiến sĩ thi đua cấp tỉnh (Law 2022 Art 22): three consecutive CSTĐCS ending with the
/// evaluation year, after the period of the previous one, and an initiative or S&T task of
/// province-wide effect in those years.
pub(crate) fn cstd_tinh(env: &Env, f: &Facts) -> Outcome {
    let (y, cite, h) = (env.year, &env.rules.cite, &f.history);
    let mut r = Reasons::new(env.filter);
    let previous = latest_title(f.person, TitleCode::CstdTinh, y);
    let start = previous.map(|p| p + 1);
    r.check("cstd_tinh.window", true, cite.cstd_tinh, || match previous {
        Some(p) => format!("Đã đạt Chiến sĩ thi đua cấp tỉnh năm {p}: tính chuỗi Chiến sĩ thi đua cơ sở mới từ năm {}", p + 1),
        None => "Chưa đạt Chiến sĩ thi đua cấp tỉnh lần nào".to_string(),
    });
    let run = h.run(h.cstdcs, start);
    let run_ok = run >= 3;
    let clean = h.next_clean_year(f.person);
    let run_next = if clean == y + 1 {
        y + 3u32.saturating_sub(run).max(1) as i32
    } else {
        clean + 2
    };
    r.check("cstd_tinh.cstdcs_3_years", run_ok, cite.cstd_tinh, || {
        run_message(h, run, 3, "đạt Chiến sĩ thi đua cơ sở", run_next, start)
    });
    let from = (y - 2).max(start.unwrap_or(i32::MIN));
    let wide = f
        .person
        .initiatives
        .iter()
        .filter(|i| (from..=y).contains(&i.year) && i.scope >= Scope::Tinh)
        .min_by_key(|i| (&i.id, i.year, i.kind, i.scope));
    r.check("cstd_tinh.initiative", wide.is_some(), cite.cstd_tinh, || match wide {
        Some(i) => format!("{} {} có phạm vi ảnh hưởng cấp tỉnh (năm {})", item_name(i.kind), i.id, i.year),
        None => format!(
            "Chưa có sáng kiến hoặc nhiệm vụ khoa học và công nghệ có phạm vi ảnh hưởng cấp tỉnh trong {}",
            crate::history::years_phrase(y, (y - from + 1) as u32)
        ),
    });
    let ok = run_ok && wide.is_some();
    let next = (!ok).then(|| if run_ok { y + 1 } else { run_next });
    Outcome::from_reasons(r, ok).with_next(next)
}

/// Chiến sĩ thi đua toàn quốc (Law 2022 Art 21): CSTĐ cấp tỉnh two consecutive times — the
/// evaluation year's and one whose three-year period ended just before (year − 3) — and an
/// initiative or S&T task of nationwide effect in those six years. Library option only.
pub(crate) fn cstd_tq(env: &Env, f: &Facts, cstd_tinh_now: bool) -> Outcome {
    let (y, cite) = (env.year, &env.rules.cite);
    let mut r = Reasons::new(env.filter);
    let last_tq = latest_title(f.person, TitleCode::CstdTq, y).unwrap_or(i32::MIN);
    let before = f
        .person
        .titles
        .iter()
        .any(|t| t.code == TitleCode::CstdTinh && t.year == y - 3 && t.year > last_tq)
        && f.history.disciplined & (1 << 3) == 0;
    let twice = cstd_tinh_now && before;
    r.check("cstd_tq.cstd_tinh_twice", twice, cite.cstd_tq, || {
        match (cstd_tinh_now, before) {
            (true, true) => format!(
                "Chiến sĩ thi đua cấp tỉnh 2 lần liên tục ({} và {y})",
                y - 3
            ),
            (false, _) => format!("Năm {y} chưa đủ điều kiện Chiến sĩ thi đua cấp tỉnh"),
            (true, false) => format!(
                "Chưa có Chiến sĩ thi đua cấp tỉnh năm {} liền trước lần này",
                y - 3
            ),
        }
    });
    let nationwide = f
        .person
        .initiatives
        .iter()
        .filter(|i| (y - 5..=y).contains(&i.year) && i.scope == Scope::ToanQuoc)
        .min_by_key(|i| (&i.id, i.year, i.kind));
    r.check("cstd_tq.initiative", nationwide.is_some(), cite.cstd_tq, || match nationwide {
        Some(i) => format!("{} {} có phạm vi ảnh hưởng toàn quốc (năm {})", item_name(i.kind), i.id, i.year),
        None => format!("Chưa có sáng kiến hoặc nhiệm vụ khoa học và công nghệ có phạm vi ảnh hưởng toàn quốc trong các năm {}–{y}", y - 5),
    });
    Outcome::from_reasons(r, twice && nationwide.is_some())
}

/// The latest year a title `code` was recorded before `year`.
fn latest_title(person: &Person, code: TitleCode, year: i32) -> Option<i32> {
    person
        .titles
        .iter()
        .filter(|t| t.code == code && t.year < year)
        .map(|t| t.year)
        .max()
}

/// The message of a "`need` consecutive years" condition with a run of `run` years.
pub(crate) fn run_message(
    h: &History,
    run: u32,
    need: u32,
    what: &str,
    next: i32,
    start: Option<i32>,
) -> String {
    let y = h.year;
    let why = match (h.broken_by_discipline(run), start) {
        (Some(d), _) => format!(" (năm {d} bị kỷ luật: thành tích tính từ sau thời gian kỷ luật)"),
        (None, Some(s)) if y - s + 1 == run as i32 => format!(" (chỉ tính từ năm {s})"),
        _ => String::new(),
    };
    if run >= need {
        format!("{run} năm liên tục {what} ({})", years_text(y, run))
    } else if run == 0 {
        format!("Năm {y} chưa {what}{why}: cần {need} năm liên tục — sớm nhất năm {next}")
    } else {
        format!(
            "{run} năm liên tục {what} ({}){why}: cần thêm {} năm liên tục {what} — sớm nhất năm {next}",
            years_text(y, run),
            need - run
        )
    }
}

/// "Sáng kiến" or "Nhiệm vụ khoa học và công nghệ".
pub(crate) fn item_name(kind: InitiativeKind) -> &'static str {
    match kind {
        InitiativeKind::Initiative => "Sáng kiến",
        InitiativeKind::StTask => "Nhiệm vụ khoa học và công nghệ",
    }
}

fn leave_name(kind: crate::codes::AbsenceKind) -> &'static str {
    use crate::codes::AbsenceKind as K;
    match kind {
        K::Maternity => "nghỉ thai sản",
        K::DutyInjury => "điều trị do bị thương khi làm nhiệm vụ",
        K::Training => "đi đào tạo, bồi dưỡng theo cử của cơ quan",
        K::Sick => "nghỉ ốm",
        K::Unpaid => "nghỉ không lương",
        K::Other => "nghỉ khác",
    }
}

fn discipline_name(level: crate::codes::DisciplineLevel) -> &'static str {
    use crate::codes::DisciplineLevel as L;
    match level {
        L::KhienTrach => "khiển trách",
        L::CanhCao => "cảnh cáo",
        L::HaBacLuong => "hạ bậc lương",
        L::GiangChuc => "giáng chức",
        L::CachChuc => "cách chức",
        L::BuocThoiViec => "buộc thôi việc",
    }
}
