//! The people of the demo: the leadership cast of org.rs, the illustrative cast of
//! [`super::featured`], and generated staff filling every unit of Sở KH&CN (about 120 people in
//! all) plus a few people in the offices and inspectorates of the other agencies of the cluster.
//!
//! Generated staff are drawn from a seeded generator, so the demo is the same on every run.

use std::collections::HashSet;

use time::{Date, Month};

use tdkt_domain::person::{Category, Gender, PersonDraft};
use tdkt_domain::vn;

use super::featured::{FEATURED, Featured};
use super::names::{
    FAMILY, GIVEN_FEMALE, GIVEN_MALE, HOMETOWNS, MIDDLE_FEMALE, MIDDLE_MALE, MINORITIES,
    MINORITY_DISTRICTS, WARDS,
};
use super::org::{self, CAST};
use super::rng::Rng;

/// Where a member of the demo comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// The leadership and account holders of org.rs (already created by [`org::create`]).
    Cast,
    /// The illustrative cast: an index into [`FEATURED`].
    Featured(usize),
    /// Generated staff.
    Generic,
}

/// How senior a post is (it sets the age, the qualifications and the political theory level).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Head,
    Deputy,
    Senior,
    Staff,
    Junior,
    Worker,
}

/// A person of the demo, before being written.
#[derive(Debug, Clone)]
pub struct Member {
    pub agency: &'static str,
    pub unit: &'static str,
    pub draft: PersonDraft,
    pub origin: Origin,
}

impl Member {
    /// The day continuous work at the agency began.
    pub fn started(&self) -> Date {
        self.draft
            .started_on
            .expect("every demo person has a start date")
    }

    /// The illustrative cast entry, if any.
    pub fn featured(&self) -> Option<&'static Featured> {
        match self.origin {
            Origin::Featured(i) => Some(&FEATURED[i]),
            _ => None,
        }
    }
}

/// A kind of post in a unit: (unit, position, rank, category, level, how many).
type Slot = (
    &'static str,
    &'static str,
    Option<&'static str>,
    Category,
    Level,
    usize,
);

const CC: Category = Category::CongChuc;
const VC: Category = Category::VienChuc;
const LD: Category = Category::NguoiLaoDong;

/// The generated posts of Sở KH&CN (the cast and the illustrative cast hold the others).
const KHCN_SLOTS: &[Slot] = &[
    (
        "VP",
        "Phó Chánh Văn phòng",
        Some("Chuyên viên chính"),
        CC,
        Level::Deputy,
        1,
    ),
    (
        "VP",
        "Chuyên viên",
        Some("Chuyên viên"),
        CC,
        Level::Staff,
        3,
    ),
    ("VP", "Văn thư", Some("Văn thư viên"), CC, Level::Junior, 1),
    ("VP", "Thủ quỹ", Some("Cán sự"), CC, Level::Junior, 1),
    ("VP", "Nhân viên lái xe", None, LD, Level::Worker, 2),
    ("VP", "Nhân viên bảo vệ", None, LD, Level::Worker, 1),
    ("VP", "Nhân viên phục vụ", None, LD, Level::Worker, 1),
    (
        "TTRA",
        "Phó Chánh Thanh tra",
        Some("Thanh tra viên chính"),
        CC,
        Level::Deputy,
        1,
    ),
    (
        "TTRA",
        "Thanh tra viên",
        Some("Thanh tra viên"),
        CC,
        Level::Staff,
        4,
    ),
    (
        "TTRA",
        "Chuyên viên",
        Some("Chuyên viên"),
        CC,
        Level::Staff,
        1,
    ),
    (
        "KHTC",
        "Trưởng phòng",
        Some("Chuyên viên chính"),
        CC,
        Level::Head,
        1,
    ),
    (
        "KHTC",
        "Phó Trưởng phòng",
        Some("Chuyên viên chính"),
        CC,
        Level::Deputy,
        1,
    ),
    ("KHTC", "Kế toán", Some("Kế toán viên"), CC, Level::Staff, 1),
    (
        "KHTC",
        "Chuyên viên",
        Some("Chuyên viên"),
        CC,
        Level::Staff,
        3,
    ),
    (
        "QLKH",
        "Chuyên viên chính",
        Some("Chuyên viên chính"),
        CC,
        Level::Senior,
        1,
    ),
    (
        "QLKH",
        "Chuyên viên",
        Some("Chuyên viên"),
        CC,
        Level::Staff,
        4,
    ),
    (
        "QLCN",
        "Trưởng phòng",
        Some("Chuyên viên chính"),
        CC,
        Level::Head,
        1,
    ),
    (
        "QLCN",
        "Phó Trưởng phòng",
        Some("Chuyên viên chính"),
        CC,
        Level::Deputy,
        1,
    ),
    (
        "QLCN",
        "Chuyên viên",
        Some("Chuyên viên"),
        CC,
        Level::Staff,
        4,
    ),
    (
        "QLCNG",
        "Trưởng phòng",
        Some("Chuyên viên chính"),
        CC,
        Level::Head,
        1,
    ),
    (
        "QLCNG",
        "Phó Trưởng phòng",
        Some("Chuyên viên chính"),
        CC,
        Level::Deputy,
        1,
    ),
    (
        "QLCNG",
        "Chuyên viên chính",
        Some("Chuyên viên chính"),
        CC,
        Level::Senior,
        1,
    ),
    (
        "QLCNG",
        "Chuyên viên",
        Some("Chuyên viên"),
        CC,
        Level::Staff,
        3,
    ),
    (
        "CCTDC",
        "Chi cục trưởng",
        Some("Chuyên viên chính"),
        CC,
        Level::Head,
        1,
    ),
    (
        "CCTDC",
        "Phó Chi cục trưởng",
        Some("Chuyên viên chính"),
        CC,
        Level::Deputy,
        2,
    ),
    (
        "CCTDC",
        "Kế toán",
        Some("Kế toán viên"),
        CC,
        Level::Staff,
        1,
    ),
    (
        "CCTDC",
        "Chuyên viên",
        Some("Chuyên viên"),
        CC,
        Level::Staff,
        1,
    ),
    (
        "CCTDC-TC",
        "Phó Trưởng phòng",
        Some("Chuyên viên chính"),
        CC,
        Level::Deputy,
        1,
    ),
    (
        "CCTDC-TC",
        "Chuyên viên chính",
        Some("Chuyên viên chính"),
        CC,
        Level::Senior,
        1,
    ),
    (
        "CCTDC-TC",
        "Chuyên viên",
        Some("Chuyên viên"),
        CC,
        Level::Staff,
        6,
    ),
    ("CCTDC-TC", "Cán sự", Some("Cán sự"), CC, Level::Junior, 1),
    (
        "CCTDC-DL",
        "Trưởng phòng Quản lý Đo lường",
        Some("Chuyên viên chính"),
        CC,
        Level::Head,
        1,
    ),
    (
        "CCTDC-DL",
        "Chuyên viên chính",
        Some("Chuyên viên chính"),
        CC,
        Level::Senior,
        1,
    ),
    (
        "CCTDC-DL",
        "Chuyên viên",
        Some("Chuyên viên"),
        CC,
        Level::Staff,
        2,
    ),
    (
        "CCTDC-DL",
        "Kiểm định viên đo lường",
        Some("Kỹ sư"),
        VC,
        Level::Staff,
        5,
    ),
    (
        "CCTDC-DL",
        "Kỹ thuật viên kiểm định",
        Some("Kỹ thuật viên"),
        VC,
        Level::Junior,
        1,
    ),
    (
        "TTUD",
        "Phó Giám đốc Trung tâm",
        Some("Nghiên cứu viên chính"),
        VC,
        Level::Deputy,
        1,
    ),
    (
        "TTUD",
        "Trưởng phòng Hành chính – Tổng hợp",
        Some("Chuyên viên"),
        VC,
        Level::Head,
        1,
    ),
    (
        "TTUD",
        "Phó Trưởng phòng Ứng dụng và Chuyển giao công nghệ",
        Some("Kỹ sư chính"),
        VC,
        Level::Deputy,
        1,
    ),
    (
        "TTUD",
        "Phó Trưởng phòng Thông tin và Thống kê KH&CN",
        Some("Kỹ sư"),
        VC,
        Level::Deputy,
        1,
    ),
    (
        "TTUD",
        "Phó Trưởng phòng Hành chính – Tổng hợp",
        Some("Chuyên viên"),
        VC,
        Level::Deputy,
        1,
    ),
    ("TTUD", "Kế toán", Some("Kế toán viên"), VC, Level::Staff, 1),
    (
        "TTUD",
        "Văn thư",
        Some("Văn thư viên"),
        VC,
        Level::Junior,
        1,
    ),
    (
        "TTUD",
        "Nghiên cứu viên chính",
        Some("Nghiên cứu viên chính"),
        VC,
        Level::Senior,
        1,
    ),
    (
        "TTUD",
        "Nghiên cứu viên",
        Some("Nghiên cứu viên"),
        VC,
        Level::Staff,
        6,
    ),
    ("TTUD", "Kỹ sư", Some("Kỹ sư"), VC, Level::Staff, 9),
    (
        "TTUD",
        "Kỹ thuật viên",
        Some("Kỹ thuật viên"),
        VC,
        Level::Junior,
        4,
    ),
    ("TTUD", "Nhân viên lái xe", None, LD, Level::Worker, 1),
    ("TTUD", "Nhân viên bảo vệ", None, LD, Level::Worker, 2),
];

/// The posts filled in each other agency of the cluster.
const OTHER_SLOTS: &[Slot] = &[
    (
        "VP",
        "Chánh Văn phòng",
        Some("Chuyên viên chính"),
        CC,
        Level::Head,
        1,
    ),
    (
        "VP",
        "Chuyên viên phụ trách thi đua, khen thưởng",
        Some("Chuyên viên"),
        CC,
        Level::Staff,
        1,
    ),
    (
        "VP",
        "Chuyên viên",
        Some("Chuyên viên"),
        CC,
        Level::Staff,
        1,
    ),
    (
        "TTRA",
        "Chánh Thanh tra",
        Some("Thanh tra viên chính"),
        CC,
        Level::Head,
        1,
    ),
];

/// The other agencies, in the order their people are generated.
pub const OTHER_AGENCIES: &[&str] = &["TTTT", "GDDT", "SYT", "VHTTDL"];

/// The first number of generated staff codes of Sở KH&CN (KHCN060, KHCN061, …); the cast uses
/// KHCN001–KHCN031 and the illustrative cast KHCN040–KHCN058.
const FIRST_GENERIC: usize = 60;

/// Every person of the demo, in a fixed order: the cast, the illustrative cast, generated staff
/// of Sở KH&CN, then the other agencies.
pub fn members() -> Vec<Member> {
    let mut out = Vec::new();
    let mut used: HashSet<String> = HashSet::new();
    for c in CAST {
        used.insert(c.name.to_owned());
        out.push(Member {
            agency: "KHCN",
            unit: c.unit,
            draft: org::draft(c),
            origin: Origin::Cast,
        });
    }
    for (i, f) in FEATURED.iter().enumerate() {
        used.insert(f.name.to_owned());
        out.push(Member {
            agency: "KHCN",
            unit: f.unit,
            draft: featured_draft(f),
            origin: Origin::Featured(i),
        });
    }
    let mut rng = Rng::new(0x7DC7_2024_1216);
    let mut n = FIRST_GENERIC;
    for slot in KHCN_SLOTS {
        for _ in 0..slot.5 {
            let code = format!("KHCN{n:03}");
            n += 1;
            out.push(generate(&mut rng, &mut used, "KHCN", code, slot));
        }
    }
    for agency in OTHER_AGENCIES {
        let mut k = 1;
        for slot in OTHER_SLOTS {
            for _ in 0..slot.5 {
                let code = format!("{agency}{k:03}");
                k += 1;
                out.push(generate(&mut rng, &mut used, agency, code, slot));
            }
        }
    }
    out
}

fn featured_draft(f: &Featured) -> PersonDraft {
    PersonDraft {
        code: f.code.to_owned(),
        full_name: f.name.to_owned(),
        birth_date: Some(f.born),
        gender: Some(f.gender),
        ethnicity: Some(f.ethnicity.to_owned()),
        religion: Some("Không".to_owned()),
        hometown: Some(f.hometown.to_owned()),
        residence: Some(format!(
            "{}, thành phố Bắc Giang, tỉnh Bắc Giang",
            WARDS[f.born.day() as usize % WARDS.len()]
        )),
        position: Some(f.position.to_owned()),
        rank: f.rank.map(str::to_owned),
        category: f.category,
        started_on: Some(f.started),
        appointed_on: f.appointed,
        qualifications: Some(f.qualifications.to_owned()),
        political_theory: f.political_theory.map(str::to_owned),
        email: None,
        phone: None,
    }
}

fn day(rng: &mut Rng, year: i32, months: (i32, i32)) -> Date {
    let month = Month::try_from(rng.range(months.0, months.1) as u8).unwrap_or(Month::January);
    Date::from_calendar_date(year, month, rng.range(1, 28) as u8).expect("a valid day")
}

fn qualification(rng: &mut Rng, unit: &str, rank: Option<&str>, level: Level) -> String {
    let master = matches!(level, Level::Head | Level::Deputy | Level::Senior) && rng.chance(60);
    let field: &[&str] = match (rank, unit) {
        (None, _) => return "Trung học phổ thông".into(),
        (Some(r), _) if r.starts_with("Thanh tra") => &["Luật", "Kinh tế"],
        (Some(r), _) if r.starts_with("Kế toán") => &["Kế toán", "Tài chính – Ngân hàng"],
        (Some("Văn thư viên"), _) => return "Cử nhân Lưu trữ học".into(),
        (Some("Cán sự"), _) => return "Cao đẳng Quản trị văn phòng".into(),
        (Some("Kỹ thuật viên"), "CCTDC-DL") => {
            return "Cao đẳng Công nghệ kỹ thuật điện".into();
        }
        (Some("Kỹ thuật viên"), _) => return "Cao đẳng Công nghệ sinh học".into(),
        (_, "VP") => &["Hành chính học", "Luật", "Công nghệ thông tin"],
        (_, "KHTC") => &["Kế toán", "Quản lý kinh tế", "Tài chính – Ngân hàng"],
        (_, "QLKH") => &["Quản lý khoa học và công nghệ", "Nông học", "Hóa học"],
        (_, "QLCN" | "QLCNG") => &["Công nghệ thông tin", "Luật", "Vật lý kỹ thuật"],
        (_, "CCTDC" | "CCTDC-TC") => &["Công nghệ thực phẩm", "Hóa học", "Kinh tế"],
        (_, "CCTDC-DL") => &["Kỹ thuật đo lường", "Điện – Điện tử"],
        (_, "TTUD") => &[
            "Công nghệ sinh học",
            "Nông học",
            "Khoa học cây trồng",
            "Công nghệ thông tin",
            "Môi trường",
        ],
        _ => &["Hành chính học", "Luật"],
    };
    let field = rng.pick(field);
    let degree = if master {
        "Thạc sĩ"
    } else {
        match *field {
            "Công nghệ thông tin"
            | "Công nghệ sinh học"
            | "Kỹ thuật đo lường"
            | "Nông học"
            | "Điện – Điện tử"
            | "Công nghệ thực phẩm"
            | "Vật lý kỹ thuật"
            | "Môi trường"
            | "Khoa học cây trồng" => "Kỹ sư",
            _ => "Cử nhân",
        }
    };
    format!("{degree} {field}")
}

fn generate(
    rng: &mut Rng,
    used: &mut HashSet<String>,
    agency: &'static str,
    code: String,
    slot: &Slot,
) -> Member {
    let &(unit, position, rank, category, level, _) = slot;
    let gender = match position {
        "Nhân viên lái xe" | "Nhân viên bảo vệ" => Gender::Nam,
        "Nhân viên phục vụ" | "Thủ quỹ" => Gender::Nu,
        _ if rng.chance(48) => Gender::Nu,
        _ => Gender::Nam,
    };
    let minority = if rng.chance(9) {
        Some(rng.pick(MINORITIES))
    } else {
        None
    };
    let name = loop {
        let family = match minority {
            Some((_, families)) => *rng.pick(families),
            None => *rng.weighted(FAMILY),
        };
        let (middle, given) = match gender {
            Gender::Nam => (*rng.pick(MIDDLE_MALE), *rng.pick(GIVEN_MALE)),
            Gender::Nu => (*rng.pick(MIDDLE_FEMALE), *rng.pick(GIVEN_FEMALE)),
        };
        let last_middle = middle.rsplit(' ').next().unwrap_or(middle);
        if vn::fold(last_middle) == vn::fold(given) || middle.starts_with(family) {
            continue;
        }
        let name = format!("{family} {middle} {given}");
        if used.insert(name.clone()) {
            break name;
        }
    };
    let (born_from, born_to, age_from, age_to) = match level {
        Level::Head => (1968, 1980, 23, 27),
        Level::Deputy => (1972, 1986, 23, 27),
        Level::Senior => (1970, 1986, 23, 27),
        Level::Staff => (1978, 1998, 22, 27),
        Level::Junior => (1986, 1999, 20, 25),
        Level::Worker => (1968, 1994, 20, 32),
    };
    let born_year = rng.range(born_from, born_to);
    let born = day(rng, born_year, (1, 12));
    let mut start_year = born.year() + rng.range(age_from, age_to);
    let mut months = (1, 12);
    if start_year > 2023 {
        start_year = 2023;
        months = (1, 8);
    }
    let started = day(rng, start_year, months);
    let appointed = match category {
        Category::NguoiLaoDong => None,
        _ if rng.chance(25) && start_year <= 2020 => Some(
            Date::from_calendar_date(
                start_year + rng.range(1, 3),
                Month::try_from(rng.range(1, 12) as u8).unwrap_or(Month::January),
                1,
            )
            .expect("a valid day"),
        ),
        _ => Some(started),
    };
    let (ethnicity, district) = match minority {
        Some((e, _)) => (*e, *rng.pick(MINORITY_DISTRICTS)),
        None => ("Kinh", rng.below(HOMETOWNS.len())),
    };
    let hometown = if minority.is_none() && rng.chance(10) {
        (*rng.pick(&[
            "huyện Yên Phong, tỉnh Bắc Ninh",
            "thị xã Kinh Môn, tỉnh Hải Dương",
            "huyện Phú Bình, tỉnh Thái Nguyên",
            "huyện Chi Lăng, tỉnh Lạng Sơn",
        ]))
        .to_owned()
    } else {
        let (d, communes) = HOMETOWNS[district];
        format!("{}, {d}, tỉnh Bắc Giang", rng.pick(communes))
    };
    let residence = if rng.chance(80) {
        format!("{}, thành phố Bắc Giang, tỉnh Bắc Giang", rng.pick(WARDS))
    } else if hometown.ends_with("tỉnh Bắc Giang") {
        hometown.clone()
    } else {
        format!("{}, thành phố Bắc Giang, tỉnh Bắc Giang", WARDS[0])
    };
    let religion = match rng.below(100) {
        0..88 => "Không",
        88..96 => "Phật giáo",
        _ => "Công giáo",
    };
    let political_theory = match level {
        Level::Head => Some("Cao cấp"),
        Level::Deputy => Some(if rng.chance(30) {
            "Cao cấp"
        } else {
            "Trung cấp"
        }),
        Level::Senior => Some("Trung cấp"),
        Level::Staff if rng.chance(50) => Some("Sơ cấp"),
        _ => None,
    };
    Member {
        agency,
        unit,
        draft: PersonDraft {
            code,
            full_name: name,
            birth_date: Some(born),
            gender: Some(gender),
            ethnicity: Some(ethnicity.to_owned()),
            religion: Some(religion.to_owned()),
            hometown: Some(hometown),
            residence: Some(residence),
            position: Some(position.to_owned()),
            rank: rank.map(str::to_owned),
            category,
            started_on: Some(started),
            appointed_on: appointed,
            qualifications: Some(qualification(rng, unit, rank, level)),
            political_theory: political_theory.map(str::to_owned),
            email: None,
            phone: None,
        },
        origin: Origin::Generic,
    }
}
