//! Progress through the year ("5 rõ"): the updates of each target, planned from its fate.
//!
//! A member reports at the end of each quarter (late March, June, September; late November and
//! mid-December for what is still due), a unit head every month; each update carries the value
//! reached so far. Nobody reports while on leave. No update falls in the first days of June or
//! November, while the units write their review reports, so that a report's figures are those of
//! its day. A met target reaches its value by its due date; a target on track (due 31/12) is
//! still below it on 16/12; an overdue one stopped below it; a target due 31/03 that was late is
//! caught up in June (overdue at the mid-year review, met at the year's end).

use time::Date;
use time::macros::date;

use super::super::rng::Rng;
use super::registrations::{Fate, Target};

/// A planned progress update.
#[derive(Debug, Clone)]
pub struct Update {
    pub on: Date,
    pub value: f64,
    pub note: Option<String>,
}

/// The days a member may report at the end of each quarter (and in December), by month.
const QUARTERLY: &[(u8, &[u8])] = &[
    (3, &[27, 28, 29]),
    (6, &[25, 26, 27, 28]),
    (9, &[25, 26, 27]),
    (11, &[26, 27, 28, 29]),
    (12, &[10, 11, 12, 13]),
];

/// The days a unit head reports each month (working days, none in 01–12/06 or 01–12/11).
const MONTHLY: &[Date] = &[
    date!(2024 - 02 - 29),
    date!(2024 - 03 - 29),
    date!(2024 - 04 - 26),
    date!(2024 - 05 - 31),
    date!(2024 - 06 - 28),
    date!(2024 - 07 - 31),
    date!(2024 - 08 - 30),
    date!(2024 - 09 - 27),
    date!(2024 - 10 - 31),
    date!(2024 - 11 - 29),
    date!(2024 - 12 - 13),
];

/// The last day the demo's year reports on.
const LAST: Date = date!(2024 - 12 - 13);

/// Why an overdue target fell short.
const SHORT: &[&str] = &[
    "Chưa đạt: một số hồ sơ phải bổ sung, chưa đủ điều kiện xử lý.",
    "Chưa đạt: đơn vị thiếu người do cán bộ nghỉ dài ngày.",
    "Chưa đạt: doanh nghiệp, cơ sở chậm hoàn thiện hồ sơ.",
    "Chưa đạt: kế hoạch điều chỉnh theo chỉ đạo của UBND tỉnh.",
];

fn label(on: Date, monthly: bool) -> String {
    if monthly {
        return format!("Lũy kế đến hết tháng {}/2024", u8::from(on.month()));
    }
    match u8::from(on.month()) {
        3 => "Lũy kế quý I/2024".into(),
        6 => "Lũy kế 6 tháng đầu năm 2024".into(),
        9 => "Lũy kế 9 tháng năm 2024".into(),
        11 => "Lũy kế 11 tháng năm 2024".into(),
        _ => format!("Lũy kế đến ngày {}", tdkt_domain::vn::format_date(on)),
    }
}

fn scale(value: f64, percent: bool, lo: i32, hi: i32, rng: &mut Rng) -> f64 {
    let f = f64::from(rng.range(lo, hi)) / 100.0;
    if percent {
        (value * f * 10.0).floor() / 10.0
    } else {
        (value * f).floor()
    }
}

/// The updates of a target approved on `approved`, whose owner is away during `away`.
pub fn updates(
    t: &Target,
    approved: Date,
    away: Option<(Date, Date)>,
    rng: &mut Rng,
) -> Vec<Update> {
    let percent = t.percent();
    let end = match t.fate {
        Fate::Met | Fate::Overdue => t.due.min(LAST),
        Fate::OnTrack => LAST,
        Fate::LateMet => date!(2024 - 06 - 28),
    };
    let mut days: Vec<Date> = if t.monthly {
        MONTHLY.to_vec()
    } else {
        QUARTERLY
            .iter()
            .filter_map(|(m, ds)| {
                let month = time::Month::try_from(*m).ok()?;
                Date::from_calendar_date(2024, month, *rng.pick(ds)).ok()
            })
            .collect()
    };
    days.retain(|d| {
        *d > approved && *d <= end && !away.is_some_and(|(from, to)| *d >= from && *d <= to)
    });
    let n = days.len();
    if n == 0 {
        return Vec::new();
    }
    let last_value = match t.fate {
        Fate::Met | Fate::LateMet if percent => t.value,
        Fate::Met | Fate::LateMet => (t.value * f64::from(rng.range(100, 112)) / 100.0).ceil(),
        _ if percent => scale(t.value, true, 95, 99, rng),
        Fate::OnTrack => scale(t.value, false, 80, 95, rng),
        Fate::Overdue => scale(t.value, false, 55, 92, rng),
    };
    let mut out: Vec<Update> = Vec::with_capacity(n);
    let mut so_far = 0.0_f64;
    for (k, on) in days.iter().enumerate() {
        let last = k + 1 == n;
        let value = if last {
            last_value
        } else if percent {
            // A rate: what it stands at so far.
            match t.fate {
                Fate::Met | Fate::LateMet if rng.chance(70) => t.value,
                _ => scale(t.value, true, 95, 99, rng),
            }
        } else if t.fate == Fate::LateMet && k == 0 {
            // Due 31/03 and short of it then.
            scale(t.value, false, 60, 90, rng)
        } else {
            let share = (k + 1) as f64 / n as f64;
            let jitter = f64::from(rng.range(85, 105)) / 100.0;
            (last_value * share * jitter)
                .floor()
                .max(so_far)
                .min(last_value)
        };
        so_far = if percent { value } else { so_far.max(value) };
        let note = if last {
            match t.fate {
                Fate::Met | Fate::LateMet => Some("Hoàn thành chỉ tiêu đăng ký.".to_owned()),
                Fate::Overdue => Some(rng.pick(SHORT).to_string()),
                Fate::OnTrack => Some(label(*on, t.monthly)),
            }
        } else if rng.chance(60) {
            Some(label(*on, t.monthly))
        } else {
            None
        };
        out.push(Update {
            on: *on,
            value: if percent { value } else { so_far },
            note,
        });
    }
    out
}
