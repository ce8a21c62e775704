//! The registrations of 2024 (đăng ký thi đua, "3 đảm, 3 hơn, 5 rõ"), planned as plain data: who
//! registers which title with which measurable targets, on which day, and who approves.
//!
//! - Every member of Sở KH&CN at work in January registers (the three who joined later — on
//!   01/03, 17/06 and 03/09 — have none): Lao động tiên tiến, or Chiến sĩ thi đua cơ sở for the
//!   strong performers (the illustrative cast meant for it, and staff rated HTXSNV or CSTĐCS in
//!   2023, or with an initiative under way), with 2–4 targets of their unit's work.
//! - Each target has a value, a unit of measure, a due date in 2024 and, for most, last year's
//!   value; a few are not higher than last year (the "3 hơn" flag).
//! - A member submits between the launch (24/01) and the deadline (31/01, the day itself
//!   allowed); the unit head approves within a working day or two — the Office for a unit head's
//!   own, the Chi cục's head for the heads of its two phòng, the director for his deputies. Exactly
//!   one is returned: Phạm Thị Lan Anh's (canbo) first target could not be measured; she fixes it
//!   and sends it again, and Lê Quang Vinh (truongphong) approves it.
//! - Each unit (not the leadership, which is no collective) registers Tập thể lao động tiên
//!   tiến, or Tập thể lao động xuất sắc for the strongest units, with unit targets; the Office
//!   approves in the first days of February.

use std::collections::HashMap;

use time::macros::date;
use time::{Date, Duration, Weekday};

use super::super::history::Plan;
use super::super::org::KHCN_UNITS;
use super::super::rng::Rng;
use super::super::staff::{Member, Origin};

/// What happens to a target by 16/12/2024.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fate {
    /// Reached, by its due date.
    Met,
    /// Due 31/12 and not reached yet.
    OnTrack,
    /// Due date passed, value not reached.
    Overdue,
    /// Due 31/03, reached only in June (overdue at the mid-year review).
    LateMet,
}

/// A planned target.
#[derive(Debug, Clone)]
pub struct Target {
    pub name: String,
    pub value: f64,
    pub uom: &'static str,
    pub last: Option<f64>,
    pub due: Date,
    /// The member responsible (None: the registration's owner).
    pub responsible: Option<usize>,
    pub fate: Fate,
    /// Reported every month (a unit's targets) rather than every quarter.
    pub monthly: bool,
}

impl Target {
    pub fn percent(&self) -> bool {
        self.uom == "%"
    }
}

/// A return for a fix: the reviewer's reason, and the first target as fixed.
#[derive(Debug, Clone)]
pub struct Fix {
    pub returned_on: Date,
    pub reason: &'static str,
    pub fixed_on: Date,
    pub first: Target,
}

/// A planned registration: a member's (`member`) or a unit's own.
#[derive(Debug, Clone)]
pub struct Reg {
    pub member: Option<usize>,
    pub unit: &'static str,
    /// Who writes and submits it (a member index: the person, or the unit head).
    pub owner: usize,
    /// Who approves it (a member index).
    pub reviewer: usize,
    pub title: &'static str,
    pub commitment: String,
    pub targets: Vec<Target>,
    pub submitted_on: Date,
    pub fix: Option<Fix>,
    pub approved_on: Date,
}

/// A kind of target: name, unit of measure, lowest and highest value, rounding step.
type Kind = (&'static str, &'static str, u32, u32, u32);

const VAN_BAN: Kind = ("Số văn bản tham mưu ban hành", "văn bản", 8, 16, 1);
const TTHC: Kind = ("Tỷ lệ hồ sơ TTHC giải quyết đúng hạn", "%", 100, 100, 1);

/// The targets a member may register, by unit and post.
fn kinds(unit: &str, position: &str) -> &'static [Kind] {
    match position {
        "Nhân viên lái xe" => &[
            (
                "Số chuyến xe phục vụ công tác an toàn",
                "chuyến",
                90,
                140,
                5,
            ),
            ("Số km xe vận hành an toàn", "km", 18_000, 26_000, 1_000),
        ],
        "Nhân viên bảo vệ" => &[
            ("Số ca trực bảo vệ cơ quan an toàn", "ca", 170, 190, 5),
            ("Số lượt kiểm tra phòng cháy, chữa cháy", "lượt", 12, 24, 2),
        ],
        "Nhân viên phục vụ" => &[
            ("Số cuộc họp, hội nghị được phục vụ", "cuộc", 80, 120, 5),
            ("Tỷ lệ phòng họp chuẩn bị đúng yêu cầu", "%", 100, 100, 1),
        ],
        "Văn thư" => &[
            (
                "Số văn bản đến được vào sổ, chuyển xử lý",
                "văn bản",
                2_500,
                3_500,
                100,
            ),
            (
                "Số hồ sơ lưu trữ được chỉnh lý, số hoá",
                "hồ sơ",
                200,
                400,
                20,
            ),
        ],
        "Thủ quỹ" => &[
            (
                "Số chứng từ thu, chi tiền mặt được kiểm soát",
                "chứng từ",
                500,
                800,
                50,
            ),
            ("Số lần kiểm kê quỹ tiền mặt", "lần", 12, 12, 1),
        ],
        "Kế toán" => &[
            (
                "Số chứng từ kế toán được kiểm soát, hạch toán",
                "chứng từ",
                1_200,
                2_000,
                100,
            ),
            (
                "Số báo cáo tài chính, quyết toán nộp đúng hạn",
                "báo cáo",
                4,
                6,
                1,
            ),
        ],
        "Chuyên viên phụ trách thi đua, khen thưởng" => &[
            (
                "Số hồ sơ đề nghị khen thưởng được thẩm định",
                "hồ sơ",
                100,
                140,
                5,
            ),
            (
                "Số báo cáo thi đua, khen thưởng gửi đúng hạn",
                "báo cáo",
                10,
                14,
                1,
            ),
            VAN_BAN,
        ],
        _ => match unit {
            "LD" => &[
                (
                    "Số nhiệm vụ KH&CN cấp tỉnh chỉ đạo nghiệm thu",
                    "nhiệm vụ",
                    8,
                    15,
                    1,
                ),
                ("Số hội nghị, hội thảo KH&CN chủ trì", "hội nghị", 4, 8, 1),
                (
                    "Tỷ lệ nhiệm vụ UBND tỉnh giao hoàn thành đúng hạn",
                    "%",
                    100,
                    100,
                    1,
                ),
            ],
            "VP" => &[
                VAN_BAN,
                (
                    "Số tin bài đăng trên Cổng thông tin điện tử của Sở",
                    "tin bài",
                    30,
                    50,
                    5,
                ),
                ("Tỷ lệ văn bản đến được xử lý đúng hạn", "%", 100, 100, 1),
                (
                    "Số hồ sơ TTHC tiếp nhận tại Bộ phận một cửa",
                    "hồ sơ",
                    150,
                    300,
                    10,
                ),
            ],
            "TTRA" => &[
                (
                    "Số cuộc thanh tra, kiểm tra chủ trì hoặc tham gia",
                    "cuộc",
                    4,
                    8,
                    1,
                ),
                (
                    "Tỷ lệ đơn thư khiếu nại, tố cáo giải quyết đúng hạn",
                    "%",
                    100,
                    100,
                    1,
                ),
                (
                    "Số cơ sở được kiểm tra chấp hành pháp luật về KH&CN",
                    "cơ sở",
                    15,
                    30,
                    1,
                ),
                VAN_BAN,
            ],
            "KHTC" => &[
                (
                    "Số hồ sơ quyết toán nhiệm vụ KH&CN được thẩm tra",
                    "hồ sơ",
                    20,
                    40,
                    1,
                ),
                (
                    "Số dự toán kinh phí nhiệm vụ KH&CN được thẩm định",
                    "dự toán",
                    15,
                    30,
                    1,
                ),
                ("Tỷ lệ giải ngân kế hoạch vốn được giao", "%", 95, 100, 1),
                VAN_BAN,
            ],
            "QLKH" => &[
                ("Số hồ sơ nhiệm vụ KH&CN thẩm định", "hồ sơ", 20, 30, 1),
                (
                    "Số nhiệm vụ KH&CN được kiểm tra tiến độ",
                    "nhiệm vụ",
                    10,
                    20,
                    1,
                ),
                (
                    "Số nhiệm vụ KH&CN được nghiệm thu đúng hạn",
                    "nhiệm vụ",
                    5,
                    10,
                    1,
                ),
                VAN_BAN,
            ],
            "QLCN" => &[
                (
                    "Số hợp đồng chuyển giao công nghệ được thẩm định",
                    "hợp đồng",
                    5,
                    10,
                    1,
                ),
                (
                    "Số doanh nghiệp được hỗ trợ đổi mới công nghệ",
                    "doanh nghiệp",
                    8,
                    15,
                    1,
                ),
                (
                    "Số hồ sơ đăng ký sở hữu trí tuệ được hướng dẫn",
                    "hồ sơ",
                    20,
                    40,
                    1,
                ),
                (
                    "Số doanh nghiệp tham gia chợ công nghệ và thiết bị",
                    "doanh nghiệp",
                    10,
                    20,
                    1,
                ),
            ],
            "QLCNG" => &[
                (
                    "Số giấy phép an toàn bức xạ được thẩm định",
                    "giấy phép",
                    15,
                    30,
                    1,
                ),
                (
                    "Số cơ sở X-quang y tế được kiểm tra an toàn bức xạ",
                    "cơ sở",
                    10,
                    20,
                    1,
                ),
                TTHC,
                VAN_BAN,
            ],
            "CCTDC" => &[
                TTHC,
                (
                    "Số cuộc kiểm tra nhà nước về tiêu chuẩn, đo lường, chất lượng",
                    "cuộc",
                    4,
                    8,
                    1,
                ),
                VAN_BAN,
            ],
            "CCTDC-TC" => &[
                (
                    "Số cơ sở kinh doanh được kiểm tra chất lượng hàng hóa",
                    "cơ sở",
                    30,
                    60,
                    5,
                ),
                (
                    "Số hồ sơ công bố hợp chuẩn, hợp quy được tiếp nhận",
                    "hồ sơ",
                    40,
                    80,
                    5,
                ),
                (
                    "Số doanh nghiệp được hướng dẫn áp dụng hệ thống quản lý chất lượng",
                    "doanh nghiệp",
                    5,
                    10,
                    1,
                ),
                ("Số hồ sơ mã số, mã vạch được hướng dẫn", "hồ sơ", 20, 40, 5),
            ],
            "CCTDC-DL" => &[
                (
                    "Số phương tiện đo được kiểm định",
                    "phương tiện",
                    1_200,
                    2_000,
                    100,
                ),
                (
                    "Số cửa hàng xăng dầu được kiểm tra đo lường",
                    "cửa hàng",
                    30,
                    60,
                    5,
                ),
                (
                    "Số chuẩn đo lường được hiệu chuẩn đúng hạn",
                    "chuẩn",
                    10,
                    20,
                    1,
                ),
            ],
            _ => &[
                ("Số tin bài tuyên truyền KH&CN", "tin bài", 30, 50, 5),
                (
                    "Số mô hình ứng dụng tiến bộ KH&CN được triển khai",
                    "mô hình",
                    2,
                    5,
                    1,
                ),
                (
                    "Số lượt nông dân được tập huấn chuyển giao kỹ thuật",
                    "lượt người",
                    150,
                    300,
                    10,
                ),
                ("Sản lượng giống nấm sản xuất", "tấn", 8, 15, 1),
                (
                    "Số cây giống nuôi cấy mô sản xuất",
                    "cây",
                    20_000,
                    50_000,
                    1_000,
                ),
            ],
        },
    }
}

/// A unit's own targets: (name, unit of measure, value, last year's value, due).
fn unit_targets(unit: &str) -> &'static [(&'static str, &'static str, u32, u32, Date)] {
    const DEC: Date = date!(2024 - 12 - 31);
    const NOV: Date = date!(2024 - 11 - 30);
    match unit {
        "VP" => &[
            ("Tỷ lệ văn bản đến được xử lý đúng hạn", "%", 100, 98, DEC),
            (
                "Số tin bài đăng trên Cổng thông tin điện tử của Sở",
                "tin bài",
                150,
                132,
                DEC,
            ),
            (
                "Số hồ sơ thi đua, khen thưởng được thẩm định",
                "hồ sơ",
                120,
                108,
                NOV,
            ),
        ],
        "TTRA" => &[
            ("Số cuộc thanh tra, kiểm tra", "cuộc", 12, 12, NOV),
            ("Tỷ lệ đơn thư giải quyết đúng hạn", "%", 100, 97, DEC),
            (
                "Số cơ sở được kiểm tra chấp hành pháp luật về KH&CN",
                "cơ sở",
                60,
                52,
                NOV,
            ),
        ],
        "KHTC" => &[
            ("Tỷ lệ giải ngân kế hoạch vốn được giao", "%", 100, 96, DEC),
            (
                "Số hồ sơ quyết toán nhiệm vụ KH&CN được thẩm tra",
                "hồ sơ",
                90,
                81,
                NOV,
            ),
        ],
        "QLKH" => &[
            (
                "Số nhiệm vụ KH&CN cấp tỉnh được tuyển chọn, giao trực tiếp",
                "nhiệm vụ",
                18,
                15,
                DEC,
            ),
            ("Số nhiệm vụ KH&CN được nghiệm thu", "nhiệm vụ", 22, 19, NOV),
            ("Số hồ sơ nhiệm vụ KH&CN thẩm định", "hồ sơ", 80, 72, NOV),
        ],
        "QLCN" => &[
            (
                "Số doanh nghiệp được hỗ trợ đổi mới công nghệ",
                "doanh nghiệp",
                40,
                35,
                DEC,
            ),
            (
                "Số hợp đồng chuyển giao công nghệ được thẩm định",
                "hợp đồng",
                25,
                21,
                NOV,
            ),
        ],
        "QLCNG" => &[
            (
                "Số giấy phép an toàn bức xạ được cấp",
                "giấy phép",
                60,
                54,
                DEC,
            ),
            ("Tỷ lệ hồ sơ TTHC giải quyết đúng hạn", "%", 100, 99, DEC),
        ],
        "CCTDC" => &[
            ("Số cuộc kiểm tra nhà nước về TĐC", "cuộc", 20, 18, NOV),
            ("Tỷ lệ hồ sơ TTHC giải quyết đúng hạn", "%", 100, 99, DEC),
        ],
        "CCTDC-TC" => &[
            (
                "Số cơ sở được kiểm tra chất lượng hàng hóa",
                "cơ sở",
                180,
                165,
                NOV,
            ),
            (
                "Số hồ sơ công bố hợp chuẩn, hợp quy",
                "hồ sơ",
                300,
                310,
                DEC,
            ),
        ],
        "CCTDC-DL" => &[
            (
                "Số phương tiện đo được kiểm định",
                "phương tiện",
                12_000,
                11_200,
                DEC,
            ),
            (
                "Số cửa hàng xăng dầu được kiểm tra đo lường",
                "cửa hàng",
                150,
                140,
                NOV,
            ),
        ],
        _ => &[
            (
                "Số mô hình ứng dụng tiến bộ KH&CN được chuyển giao",
                "mô hình",
                12,
                10,
                NOV,
            ),
            ("Số tin bài tuyên truyền KH&CN", "tin bài", 200, 180, DEC),
            (
                "Số lượt nông dân được tập huấn chuyển giao kỹ thuật",
                "lượt người",
                1_500,
                1_350,
                DEC,
            ),
        ],
    }
}

/// The units whose registration aims at Tập thể lao động xuất sắc.
const TTLDXS_UNITS: &[&str] = &["VP", "QLKH", "CCTDC-DL", "TTUD"];

/// The illustrative cast registering Chiến sĩ thi đua cơ sở.
const CSTDCS_CAST: &[&str] = &[
    "KHCN040", "KHCN041", "KHCN042", "KHCN043", "KHCN044", "KHCN045", "KHCN046", "KHCN052",
    "KHCN058",
];

/// Phạm Thị Lan Anh (canbo): the registration returned once.
pub const RETURNED: &str = "KHCN031";
/// Why her head returned it.
pub const RETURN_REASON: &str = "Chỉ tiêu “Hoàn thành nhiệm vụ thẩm định hồ sơ” chưa đo được, cần ghi số lượng và đơn vị tính cụ thể (ví dụ: 25 hồ sơ).";

/// The launch and the registration deadline.
const LAUNCH: Date = date!(2024 - 01 - 24);
const DEADLINE: Date = date!(2024 - 01 - 31);

/// The next working day (Monday to Friday) after `d`.
pub fn next_workday(d: Date) -> Date {
    let mut n = d + Duration::days(1);
    while matches!(n.weekday(), Weekday::Saturday | Weekday::Sunday) {
        n += Duration::days(1);
    }
    n
}

fn round_to(v: f64, step: u32) -> f64 {
    let s = f64::from(step);
    ((v / s).round() * s).max(s)
}

/// Draws a due date: end of March, June, September, November or December.
fn due_date(rng: &mut Rng) -> Date {
    match rng.below(100) {
        0..5 => date!(2024 - 03 - 31),
        5..20 => date!(2024 - 06 - 30),
        20..40 => date!(2024 - 09 - 30),
        40..75 => date!(2024 - 11 - 30),
        _ => date!(2024 - 12 - 31),
    }
}

/// Draws what happens to a target due on `due`.
fn fate(rng: &mut Rng, due: Date) -> Fate {
    if due == date!(2024 - 12 - 31) {
        if rng.chance(35) {
            Fate::Met
        } else {
            Fate::OnTrack
        }
    } else if due == date!(2024 - 03 - 31) {
        if rng.chance(60) {
            Fate::Met
        } else {
            Fate::LateMet
        }
    } else if rng.chance(12) {
        Fate::Overdue
    } else {
        Fate::Met
    }
}

/// A member's targets: 2–4 kinds of their unit's work.
fn person_targets(rng: &mut Rng, m: &Member) -> Vec<Target> {
    let all = kinds(m.unit, m.draft.position.as_deref().unwrap_or(""));
    let n = (2 + rng.below(3)).min(all.len());
    let mut picked: Vec<usize> = (0..all.len()).collect();
    while picked.len() > n {
        picked.remove(rng.below(picked.len()));
    }
    picked
        .into_iter()
        .map(|k| {
            let (name, uom, lo, hi, step) = all[k];
            let percent = uom == "%";
            let value = if percent {
                f64::from(rng.range(lo as i32, hi as i32))
            } else {
                round_to(f64::from(rng.range(lo as i32, hi as i32)), step)
            };
            // Last year's value for most; a few not lower than this year's ("3 hơn" flag).
            let last = match rng.below(100) {
                0..25 => None,
                25..28 if !percent => Some(value),
                28..29 => Some(if percent {
                    100.0
                } else {
                    round_to(value * 1.1, step)
                }),
                _ if percent => Some(f64::from(rng.range(93, 99))),
                _ => {
                    let l = round_to(value * f64::from(rng.range(78, 94)) / 100.0, step);
                    Some(
                        if l >= value {
                            value - f64::from(step)
                        } else {
                            l
                        }
                        .max(0.0),
                    )
                }
            };
            let due = if percent {
                date!(2024 - 12 - 31)
            } else {
                due_date(rng)
            };
            Target {
                name: name.to_owned(),
                value,
                uom,
                last,
                due,
                responsible: None,
                fate: fate(rng, due),
                monthly: false,
            }
        })
        .collect()
}

fn person_title(members: &[Member], history: &Plan, i: usize) -> &'static str {
    let m = &members[i];
    match m.origin {
        Origin::Featured(_) if CSTDCS_CAST.contains(&m.draft.code.as_str()) => "CSTDCS",
        Origin::Generic
            if history.ratings.get(&(i, 2023)) == Some(&"HTXSNV")
                || history.has_title(i, 2023, "CSTDCS")
                || history.has_initiative(i, 2024) =>
        {
            "CSTDCS"
        }
        _ => "LDTT",
    }
}

const COMMITMENTS: &[&str] = &[
    "Chấp hành tốt chủ trương, đường lối của Đảng, chính sách, pháp luật của Nhà nước và quy chế của cơ quan.\nHoàn thành đúng hạn, có chất lượng các nhiệm vụ được giao; phấn đấu đạt danh hiệu “{title}” năm 2024.",
    "Thực hiện tốt phong trào “3 đảm, 3 hơn, 5 rõ”; không để hồ sơ, công việc quá hạn.\nTích cực học tập nâng cao trình độ chuyên môn; phấn đấu đạt danh hiệu “{title}”.",
    "Đoàn kết, giúp đỡ đồng nghiệp; thực hiện tốt văn hóa công sở.\nHoàn thành vượt mức các chỉ tiêu đăng ký; phấn đấu đạt danh hiệu “{title}” năm 2024.",
];

/// The head of a member's reviewing line: who approves member `i`'s own registration.
fn reviewer_of(
    members: &[Member],
    heads: &HashMap<&'static str, usize>,
    office: usize,
    i: usize,
) -> usize {
    let unit = members[i].unit;
    let parent = KHCN_UNITS.iter().find(|u| u.0 == unit).and_then(|u| u.2);
    if heads.get(unit) == Some(&i) {
        match parent {
            Some(p) => heads[p],
            None => office,
        }
    } else {
        heads[unit]
    }
}

/// Plans every registration of the year (members first, in the member list's order, then the
/// units in the tree's order).
pub fn plan(
    members: &[Member],
    history: &Plan,
    heads: &HashMap<&'static str, usize>,
    office: usize,
) -> Vec<Reg> {
    let mut rng = Rng::new(0xD4_2024_0131);
    let mut out = Vec::new();
    let days = [
        date!(2024 - 01 - 25),
        date!(2024 - 01 - 26),
        date!(2024 - 01 - 29),
        date!(2024 - 01 - 30),
        DEADLINE,
    ];
    for (i, m) in members.iter().enumerate() {
        if m.agency != "KHCN" || m.started() > DEADLINE {
            continue;
        }
        let title = person_title(members, history, i);
        let mut targets = person_targets(&mut rng, m);
        let submitted_on = *rng.pick(&days);
        let mut fix = None;
        if m.draft.code == RETURNED {
            targets = canbo_targets();
            fix = Some(Fix {
                returned_on: date!(2024 - 01 - 26),
                reason: RETURN_REASON,
                fixed_on: date!(2024 - 01 - 29),
                first: Target {
                    name: "Số hồ sơ nhiệm vụ KH&CN thẩm định".into(),
                    value: 25.0,
                    uom: "hồ sơ",
                    last: Some(22.0),
                    due: date!(2024 - 11 - 30),
                    responsible: None,
                    fate: Fate::Met,
                    monthly: false,
                },
            });
        }
        forced_fates(m, &mut targets);
        let reviewed_from = fix.as_ref().map_or(submitted_on, |f| f.fixed_on);
        let approved_on = next_workday(reviewed_from);
        let commitment = rng
            .pick(COMMITMENTS)
            .replace("{title}", tdkt_domain::labels::award(title));
        out.push(Reg {
            member: Some(i),
            unit: m.unit,
            owner: i,
            reviewer: reviewer_of(members, heads, office, i),
            title,
            commitment,
            targets,
            submitted_on: if m.draft.code == RETURNED {
                date!(2024 - 01 - 25)
            } else {
                submitted_on
            },
            fix,
            approved_on,
        });
    }
    for (unit, _, _) in KHCN_UNITS.iter().filter(|u| u.0 != "LD") {
        let head = heads[unit];
        let title = if TTLDXS_UNITS.contains(unit) {
            "TTLDXS"
        } else {
            "TTLDTT"
        };
        let targets = unit_targets(unit)
            .iter()
            .enumerate()
            .map(|(k, &(name, uom, value, last, due))| Target {
                name: name.to_owned(),
                value: f64::from(value),
                uom,
                last: Some(f64::from(last)),
                due,
                responsible: Some(head),
                // TTRA falls short of its inspections; the others reach their November targets.
                fate: match (*unit, k, due == date!(2024 - 12 - 31)) {
                    ("TTRA", 0, _) => Fate::Overdue,
                    (_, _, true) if k % 2 == 1 => Fate::OnTrack,
                    _ => Fate::Met,
                },
                monthly: true,
            })
            .collect();
        let submitted_on = if matches!(*unit, "VP" | "QLKH" | "TTUD") {
            date!(2024 - 01 - 30)
        } else {
            DEADLINE
        };
        out.push(Reg {
            member: None,
            unit,
            owner: head,
            reviewer: office,
            title,
            commitment: format!(
                "Đơn vị cam kết 100% cán bộ, công chức, viên chức hoàn thành tốt nhiệm vụ trở lên; không có cá nhân vi phạm kỷ luật.\nHoàn thành các chỉ tiêu đăng ký; phấn đấu đạt danh hiệu “{}” năm 2024.",
                tdkt_domain::labels::award(title)
            ),
            targets,
            submitted_on,
            fix: None,
            approved_on: if submitted_on == DEADLINE {
                date!(2024 - 02 - 02)
            } else {
                date!(2024 - 02 - 01)
            },
        });
    }
    debug_assert!(out.iter().all(|r| r.submitted_on >= LAUNCH));
    out
}

/// Phạm Thị Lan Anh's targets as first sent: the first cannot be measured.
fn canbo_targets() -> Vec<Target> {
    let t = |name: &str, value: f64, uom, last, due, fate| Target {
        name: name.to_owned(),
        value,
        uom,
        last,
        due,
        responsible: None,
        fate,
        monthly: false,
    };
    vec![
        t(
            "Hoàn thành nhiệm vụ thẩm định hồ sơ",
            1.0,
            "nhiệm vụ",
            None,
            date!(2024 - 11 - 30),
            Fate::Met,
        ),
        t(
            "Số nhiệm vụ KH&CN được kiểm tra tiến độ",
            12.0,
            "nhiệm vụ",
            Some(10.0),
            date!(2024 - 09 - 30),
            Fate::Met,
        ),
        t(
            "Số văn bản tham mưu ban hành",
            12.0,
            "văn bản",
            Some(12.0),
            date!(2024 - 12 - 31),
            Fate::OnTrack,
        ),
    ]
}

/// The year's events behind the fates of the illustrative cast: the long sick leave and the
/// discipline leave targets unmet; maternity leave delays one.
fn forced_fates(m: &Member, targets: &mut [Target]) {
    let overdue_from = |targets: &mut [Target], all: bool| {
        for t in targets.iter_mut() {
            if t.due < date!(2024 - 12 - 31) {
                t.fate = Fate::Overdue;
                if !all {
                    return;
                }
            }
        }
    };
    match m.draft.code.as_str() {
        "KHCN050" => overdue_from(targets, true),
        "KHCN049" | "KHCN051" => {
            if !targets.iter().any(|t| t.due < date!(2024 - 12 - 31)) {
                targets[0].due = date!(2024 - 09 - 30);
            }
            overdue_from(targets, false);
        }
        _ => {}
    }
}
