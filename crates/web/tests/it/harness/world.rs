//! The small world every test starts from, built through the store API: the province, two
//! agencies of one emulation cluster (Sở KH&CN "KHCN" with a nested unit, and Sở TT&TT "TTTT"),
//! a dozen people, and one account per role — plus the head of another unit, the office of the
//! other agency and that agency's administrator.

use std::collections::HashMap;
use std::sync::LazyLock;

use time::Date;
use time::macros::date;

use tdkt_domain::person::{Category, Gender, PersonDraft};
use tdkt_domain::policy::Role;
use tdkt_domain::unit::UnitDraft;
use tdkt_store::audit::{Ctx, Who};
use tdkt_store::org::{self, NewAgency};
use tdkt_store::{Clock, Db, people, users};

/// Every account's password.
pub const PASSWORD: &str = "mat-khau-thu-nghiem";

/// Hashed once per process (Argon2 is slow on purpose).
pub static PASSWORD_HASH: LazyLock<String> = LazyLock::new(|| users::hash_password(PASSWORD));

/// Units: (key, agency, code, name, parent code).
pub const UNITS: &[(&str, &str, &str, &str, Option<&str>)] = &[
    ("KHCN/LD", "KHCN", "LD", "Lãnh đạo Sở", None),
    ("KHCN/VP", "KHCN", "VP", "Văn phòng", None),
    ("KHCN/QLKH", "KHCN", "QLKH", "Phòng Quản lý khoa học", None),
    (
        "KHCN/CCTDC",
        "KHCN",
        "CCTDC",
        "Chi cục Tiêu chuẩn Đo lường Chất lượng",
        None,
    ),
    (
        "KHCN/CCTDC-DL",
        "KHCN",
        "CCTDC-DL",
        "Phòng Quản lý Đo lường",
        Some("CCTDC"),
    ),
    ("TTTT/VP", "TTTT", "VP", "Văn phòng", None),
    (
        "TTTT/KHTC",
        "TTTT",
        "KHTC",
        "Phòng Kế hoạch – Tài chính",
        None,
    ),
];

/// People: (staff code, full name, unit key, gender, born).
pub const PEOPLE: &[(&str, &str, &str, Gender, Date)] = &[
    (
        "KHCN001",
        "Nguyễn Văn Thành",
        "KHCN/LD",
        Gender::Nam,
        date!(1970 - 04 - 12),
    ),
    (
        "KHCN002",
        "Triệu Ngọc Trung",
        "KHCN/LD",
        Gender::Nam,
        date!(1975 - 09 - 20),
    ),
    (
        "KHCN011",
        "Nguyễn Thị Thu Hương",
        "KHCN/VP",
        Gender::Nu,
        date!(1988 - 11 - 07),
    ),
    (
        "KHCN020",
        "Vũ Đức Thắng",
        "KHCN/VP",
        Gender::Nam,
        date!(1979 - 12 - 30),
    ),
    (
        "KHCN030",
        "Lê Quang Vinh",
        "KHCN/QLKH",
        Gender::Nam,
        date!(1980 - 01 - 25),
    ),
    (
        "KHCN031",
        "Phạm Thị Lan Anh",
        "KHCN/QLKH",
        Gender::Nu,
        date!(1990 - 08 - 19),
    ),
    (
        "KHCN032",
        "Nguyễn Văn An",
        "KHCN/QLKH",
        Gender::Nam,
        date!(1985 - 02 - 14),
    ),
    (
        "KHCN040",
        "Đỗ Minh Tuấn",
        "KHCN/CCTDC",
        Gender::Nam,
        date!(1977 - 05 - 05),
    ),
    (
        "KHCN041",
        "Nguyễn Văn Ánh",
        "KHCN/CCTDC-DL",
        Gender::Nam,
        date!(1992 - 03 - 03),
    ),
    (
        "KHCN042",
        "Trần Thị Anh",
        "KHCN/CCTDC-DL",
        Gender::Nu,
        date!(1995 - 07 - 21),
    ),
    (
        "TTTT001",
        "Hoàng Văn Bình",
        "TTTT/VP",
        Gender::Nam,
        date!(1983 - 10 - 10),
    ),
    (
        "TTTT002",
        "Nguyễn Văn Nam",
        "TTTT/KHTC",
        Gender::Nam,
        date!(1987 - 06 - 30),
    ),
];

/// The person whose ethnicity and religion are on record (sensitive data).
pub const SENSITIVE_PERSON: &str = "KHCN031";
pub const ETHNICITY: &str = "Tày";
pub const RELIGION: &str = "Phật giáo";

/// An account: (username, role, agency, unit key for a unit head, person).
pub type Account = (
    &'static str,
    Role,
    Option<&'static str>,
    Option<&'static str>,
    Option<&'static str>,
);

pub const ACCOUNTS: &[Account] = &[
    ("admin", Role::Admin, None, None, None),
    (
        "lanhdao",
        Role::LanhDao,
        Some("KHCN"),
        None,
        Some("KHCN002"),
    ),
    (
        "vanphong",
        Role::VanPhong,
        Some("KHCN"),
        None,
        Some("KHCN011"),
    ),
    (
        "hoidong",
        Role::HoiDong,
        Some("KHCN"),
        None,
        Some("KHCN020"),
    ),
    (
        "truongphong",
        Role::TruongDonVi,
        Some("KHCN"),
        Some("KHCN/CCTDC"),
        Some("KHCN040"),
    ),
    (
        "truongphong.qlkh",
        Role::TruongDonVi,
        Some("KHCN"),
        Some("KHCN/QLKH"),
        Some("KHCN030"),
    ),
    ("canbo", Role::CanBo, Some("KHCN"), None, Some("KHCN031")),
    (
        "vanphong.tttt",
        Role::VanPhong,
        Some("TTTT"),
        None,
        Some("TTTT001"),
    ),
    ("admin.tttt", Role::Admin, Some("TTTT"), None, None),
];

/// Ids of what the world holds, by readable keys.
#[derive(Debug, Clone)]
pub struct World {
    pub khcn: i64,
    pub tttt: i64,
    /// By "AGENCY/CODE".
    pub units: HashMap<&'static str, i64>,
    /// By staff code.
    pub people: HashMap<&'static str, i64>,
    /// By username.
    pub users: HashMap<&'static str, i64>,
}

impl World {
    pub fn unit(&self, key: &str) -> i64 {
        *self
            .units
            .get(key)
            .unwrap_or_else(|| panic!("no unit {key}"))
    }

    pub fn person(&self, code: &str) -> i64 {
        *self
            .people
            .get(code)
            .unwrap_or_else(|| panic!("no person {code}"))
    }

    pub fn user(&self, username: &str) -> i64 {
        *self
            .users
            .get(username)
            .unwrap_or_else(|| panic!("no user {username}"))
    }

    pub fn agency(&self, symbol: &str) -> i64 {
        match symbol {
            "KHCN" => self.khcn,
            "TTTT" => self.tttt,
            s => panic!("no agency {s}"),
        }
    }

    /// Builds the world in one transaction.
    pub async fn build(db: &Db, clock: &Clock) -> World {
        let ctx = Ctx {
            clock: clock.clone(),
            who: Who::system("test"),
        };
        let mut txn = db.begin().await.unwrap();
        let tx = &mut txn;
        let gb = org::create_governing_body(
            tx,
            &ctx,
            "UBND-BG",
            "Ủy ban nhân dân tỉnh Bắc Giang",
            "UBND TỈNH BẮC GIANG",
            "Bắc Giang",
        )
        .await
        .unwrap();
        let cluster = org::create_cluster(tx, &ctx, gb, "KHOI-VHXH", "Khối Văn hóa – Xã hội")
            .await
            .unwrap();
        let mut agency = HashMap::new();
        for (symbol, name, short, header) in [
            (
                "KHCN",
                "Sở Khoa học và Công nghệ tỉnh Bắc Giang",
                "Sở Khoa học và Công nghệ",
                "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
            ),
            (
                "TTTT",
                "Sở Thông tin và Truyền thông tỉnh Bắc Giang",
                "Sở Thông tin và Truyền thông",
                "SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
            ),
        ] {
            let id = org::create_agency(
                tx,
                &ctx,
                &NewAgency {
                    governing_body_id: gb,
                    cluster_id: Some(cluster),
                    symbol,
                    name,
                    short_name: short,
                    header_name: header,
                    place: "Bắc Giang",
                    established_on: Some(date!(2000 - 01 - 01)),
                },
            )
            .await
            .unwrap();
            agency.insert(symbol, id);
        }
        org::set_cluster_head(tx, &ctx, cluster, 2024, agency["KHCN"])
            .await
            .unwrap();
        let mut units = HashMap::new();
        for (i, (key, ag, code, name, parent)) in UNITS.iter().enumerate() {
            let d = UnitDraft {
                code: (*code).into(),
                name: (*name).into(),
                short_name: None,
                parent_code: parent.map(str::to_owned),
            };
            let id = org::create_unit(tx, &ctx, agency[ag], &d, i as i64)
                .await
                .unwrap();
            units.insert(*key, id);
        }
        let mut people_ids = HashMap::new();
        for (code, name, unit, gender, born) in PEOPLE {
            let sensitive = *code == SENSITIVE_PERSON;
            let d = draft(code, name, *gender, *born, sensitive);
            let id = people::create_person(tx, &ctx, units[unit], &d, date!(2015 - 08 - 01))
                .await
                .unwrap();
            people_ids.insert(*code, id);
        }
        let mut user_ids = HashMap::new();
        for (username, role, ag, unit, person) in ACCOUNTS {
            let id = users::create_user(
                tx,
                &ctx,
                username,
                &PASSWORD_HASH,
                username,
                person.map(|p| people_ids[p]),
                None,
            )
            .await
            .unwrap();
            users::add_role(
                tx,
                &ctx,
                id,
                *role,
                ag.map(|a| agency[a]),
                unit.map(|u| units[u]),
            )
            .await
            .unwrap();
            user_ids.insert(*username, id);
        }
        txn.commit().await.unwrap();
        World {
            khcn: agency["KHCN"],
            tttt: agency["TTTT"],
            units,
            people: people_ids,
            users: user_ids,
        }
    }
}

/// A complete profile, as an office would enter it.
pub fn draft(code: &str, name: &str, gender: Gender, born: Date, sensitive: bool) -> PersonDraft {
    PersonDraft {
        code: code.into(),
        full_name: name.into(),
        birth_date: Some(born),
        gender: Some(gender),
        ethnicity: sensitive.then(|| ETHNICITY.to_owned()),
        religion: sensitive.then(|| RELIGION.to_owned()),
        hometown: Some("Bắc Giang".into()),
        residence: Some("Thành phố Bắc Giang".into()),
        position: Some("Chuyên viên".into()),
        rank: Some("Chuyên viên".into()),
        category: Category::CongChuc,
        started_on: Some(date!(2015 - 08 - 01)),
        appointed_on: None,
        qualifications: Some("Đại học".into()),
        political_theory: None,
        email: None,
        phone: None,
    }
}
