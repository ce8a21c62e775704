//! The demo's organisation: the province, the cluster, the agencies, the units of Sở KH&CN, its
//! leadership and the demo accounts.

use std::collections::HashMap;

use time::Date;
use time::macros::date;

use tdkt_domain::person::{Category, Gender, PersonDraft};
use tdkt_domain::policy::Role;
use tdkt_domain::unit::UnitDraft;
use tdkt_store::audit::{Ctx, Who};
use tdkt_store::org::{self, NewAgency};
use tdkt_store::{StoreResult, Tx, people, users};

use super::staff::Member;

/// What the rest of the demo builds on.
pub struct DemoOrg {
    pub khcn: i64,
    /// The other agencies of the cluster, by symbol.
    pub others: HashMap<&'static str, i64>,
    /// Units of every agency, by (agency symbol, unit code).
    pub units: HashMap<(&'static str, &'static str), i64>,
    /// People created here, by staff code.
    pub people: HashMap<&'static str, i64>,
    /// The demo accounts, by username.
    pub users: HashMap<&'static str, i64>,
}

/// The units of Sở KH&CN Bắc Giang: (code, name, parent code).
pub const KHCN_UNITS: &[(&str, &str, Option<&str>)] = &[
    ("LD", "Lãnh đạo Sở", None),
    ("VP", "Văn phòng", None),
    ("TTRA", "Thanh tra", None),
    ("KHTC", "Phòng Kế hoạch – Tài chính", None),
    ("QLKH", "Phòng Quản lý khoa học", None),
    (
        "QLCN",
        "Phòng Quản lý công nghệ và thị trường công nghệ",
        None,
    ),
    ("QLCNG", "Phòng Quản lý chuyên ngành", None),
    ("CCTDC", "Chi cục Tiêu chuẩn Đo lường Chất lượng", None),
    (
        "CCTDC-TC",
        "Phòng Quản lý Tiêu chuẩn Chất lượng",
        Some("CCTDC"),
    ),
    ("CCTDC-DL", "Phòng Quản lý Đo lường", Some("CCTDC")),
    ("TTUD", "Trung tâm Ứng dụng khoa học và công nghệ", None),
];

/// The other departments of the cluster: (symbol, name, short name, header line).
const OTHERS: &[(&str, &str, &str, &str)] = &[
    (
        "TTTT",
        "Sở Thông tin và Truyền thông tỉnh Bắc Giang",
        "Sở Thông tin và Truyền thông",
        "SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
    ),
    (
        "GDDT",
        "Sở Giáo dục và Đào tạo tỉnh Bắc Giang",
        "Sở Giáo dục và Đào tạo",
        "SỞ GIÁO DỤC VÀ ĐÀO TẠO",
    ),
    ("SYT", "Sở Y tế tỉnh Bắc Giang", "Sở Y tế", "SỞ Y TẾ"),
    (
        "VHTTDL",
        "Sở Văn hóa, Thể thao và Du lịch tỉnh Bắc Giang",
        "Sở Văn hóa, Thể thao và Du lịch",
        "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH",
    ),
];

/// A person of the demo's fixed cast.
pub struct Cast {
    pub code: &'static str,
    pub name: &'static str,
    pub born: Date,
    pub gender: Gender,
    pub unit: &'static str,
    pub position: &'static str,
    pub rank: &'static str,
    pub started: Date,
    pub category: Category,
    pub hometown: &'static str,
    pub qualifications: &'static str,
    pub political_theory: &'static str,
}

/// The leadership and the holders of the demo accounts. Triệu Ngọc Trung, the seed's signer, is
/// a real official: his record stays neutral (no discipline, absences or poor ratings).
pub const CAST: &[Cast] = &[
    Cast {
        code: "KHCN001",
        name: "Nguyễn Văn Thành",
        born: date!(1970 - 04 - 12),
        gender: Gender::Nam,
        unit: "LD",
        position: "Giám đốc Sở",
        rank: "Chuyên viên cao cấp",
        started: date!(1995 - 08 - 01),
        category: Category::CongChuc,
        hometown: "xã Tân Dĩnh, huyện Lạng Giang, tỉnh Bắc Giang",
        qualifications: "Tiến sĩ Quản lý khoa học và công nghệ",
        political_theory: "Cao cấp",
    },
    Cast {
        code: "KHCN002",
        name: "Triệu Ngọc Trung",
        born: date!(1975 - 09 - 20),
        gender: Gender::Nam,
        unit: "LD",
        position: "Phó Giám đốc Sở",
        rank: "Chuyên viên chính",
        started: date!(2000 - 07 - 01),
        category: Category::CongChuc,
        hometown: "tỉnh Bắc Giang",
        qualifications: "Đại học",
        political_theory: "Cao cấp",
    },
    Cast {
        code: "KHCN003",
        name: "Hoàng Thị Minh Nguyệt",
        born: date!(1976 - 02 - 03),
        gender: Gender::Nu,
        unit: "LD",
        position: "Phó Giám đốc Sở",
        rank: "Chuyên viên chính",
        started: date!(1999 - 09 - 01),
        category: Category::CongChuc,
        hometown: "phường Trần Phú, thành phố Bắc Giang, tỉnh Bắc Giang",
        qualifications: "Thạc sĩ Công nghệ sinh học",
        political_theory: "Cao cấp",
    },
    Cast {
        code: "KHCN010",
        name: "Đặng Văn Hùng",
        born: date!(1978 - 06 - 15),
        gender: Gender::Nam,
        unit: "VP",
        position: "Chánh Văn phòng",
        rank: "Chuyên viên chính",
        started: date!(2003 - 03 - 01),
        category: Category::CongChuc,
        hometown: "xã Trí Yên, huyện Yên Dũng, tỉnh Bắc Giang",
        qualifications: "Thạc sĩ Quản lý công",
        political_theory: "Cao cấp",
    },
    Cast {
        code: "KHCN011",
        name: "Nguyễn Thị Thu Hương",
        born: date!(1988 - 11 - 07),
        gender: Gender::Nu,
        unit: "VP",
        position: "Chuyên viên phụ trách thi đua, khen thưởng",
        rank: "Chuyên viên",
        started: date!(2012 - 05 - 02),
        category: Category::CongChuc,
        hometown: "xã Hợp Thịnh, huyện Hiệp Hòa, tỉnh Bắc Giang",
        qualifications: "Cử nhân Hành chính học",
        political_theory: "Trung cấp",
    },
    Cast {
        code: "KHCN030",
        name: "Lê Quang Vinh",
        born: date!(1980 - 01 - 25),
        gender: Gender::Nam,
        unit: "QLKH",
        position: "Trưởng phòng",
        rank: "Chuyên viên chính",
        started: date!(2005 - 10 - 01),
        category: Category::CongChuc,
        hometown: "xã Liên Sơn, huyện Tân Yên, tỉnh Bắc Giang",
        qualifications: "Thạc sĩ Quản lý khoa học và công nghệ",
        political_theory: "Cao cấp",
    },
    Cast {
        code: "KHCN031",
        name: "Phạm Thị Lan Anh",
        born: date!(1990 - 08 - 19),
        gender: Gender::Nu,
        unit: "QLKH",
        position: "Chuyên viên",
        rank: "Chuyên viên",
        started: date!(2014 - 09 - 15),
        category: Category::CongChuc,
        hometown: "xã Vân Trung, thị xã Việt Yên, tỉnh Bắc Giang",
        qualifications: "Kỹ sư Nông học",
        political_theory: "Sơ cấp",
    },
    Cast {
        code: "KHCN020",
        name: "Vũ Đức Thắng",
        born: date!(1979 - 12 - 30),
        gender: Gender::Nam,
        unit: "TTRA",
        position: "Chánh Thanh tra",
        rank: "Thanh tra viên chính",
        started: date!(2004 - 04 - 01),
        category: Category::CongChuc,
        hometown: "xã Tam Tiến, huyện Yên Thế, tỉnh Bắc Giang",
        qualifications: "Thạc sĩ Luật",
        political_theory: "Cao cấp",
    },
];

/// A demo account: its role, agency (symbol), unit (code) and person (staff code).
pub struct Account(
    &'static str,
    &'static str,
    Role,
    Option<&'static str>,
    Option<&'static str>,
    Option<&'static str>,
);

/// The demo accounts of spec/cli.md, and one office account of another agency (for the
/// authorization walk).
pub const ACCOUNTS: &[Account] = &[
    Account("admin", "Quản trị hệ thống", Role::Admin, None, None, None),
    Account(
        "lanhdao",
        "Triệu Ngọc Trung",
        Role::LanhDao,
        Some("KHCN"),
        None,
        Some("KHCN002"),
    ),
    Account(
        "vanphong",
        "Nguyễn Thị Thu Hương",
        Role::VanPhong,
        Some("KHCN"),
        None,
        Some("KHCN011"),
    ),
    Account(
        "hoidong",
        "Vũ Đức Thắng",
        Role::HoiDong,
        Some("KHCN"),
        None,
        Some("KHCN020"),
    ),
    Account(
        "truongphong",
        "Lê Quang Vinh",
        Role::TruongDonVi,
        Some("KHCN"),
        Some("QLKH"),
        Some("KHCN030"),
    ),
    Account(
        "canbo",
        "Phạm Thị Lan Anh",
        Role::CanBo,
        Some("KHCN"),
        None,
        Some("KHCN031"),
    ),
    Account(
        "vanphong.tttt",
        "Văn phòng Sở TT&TT",
        Role::VanPhong,
        Some("TTTT"),
        None,
        None,
    ),
];

/// The profile of a person of the leadership cast.
/// Triệu Ngọc Trung, the seed's signer: a real official, of whom the demo invents no sensitive data.
pub const REAL_OFFICIAL: &str = "KHCN002";

pub(super) fn draft(c: &Cast) -> PersonDraft {
    let real = c.code == REAL_OFFICIAL;
    PersonDraft {
        code: c.code.to_owned(),
        full_name: c.name.to_owned(),
        birth_date: Some(c.born),
        gender: Some(c.gender),
        ethnicity: (!real).then(|| "Kinh".into()),
        religion: (!real).then(|| "Không".into()),
        hometown: Some(c.hometown.to_owned()),
        residence: Some("phường Ngô Quyền, thành phố Bắc Giang, tỉnh Bắc Giang".into()),
        position: Some(c.position.to_owned()),
        rank: Some(c.rank.to_owned()),
        category: c.category,
        started_on: Some(c.started),
        appointed_on: Some(c.started),
        qualifications: Some(c.qualifications.to_owned()),
        political_theory: Some(c.political_theory.to_owned()),
        email: None,
        phone: None,
    }
}

pub async fn create(tx: &mut Tx, ctx: &Ctx) -> StoreResult<DemoOrg> {
    let gb = org::create_governing_body(
        tx,
        ctx,
        "UBND-BG",
        "Ủy ban nhân dân tỉnh Bắc Giang",
        "UBND TỈNH BẮC GIANG",
        "Bắc Giang",
    )
    .await?;
    let cluster = org::create_cluster(
        tx,
        ctx,
        gb,
        "KHOI-VHXH",
        "Khối các cơ quan Văn hóa – Xã hội",
    )
    .await?;
    let khcn = org::create_agency(
        tx,
        ctx,
        &NewAgency {
            governing_body_id: gb,
            cluster_id: Some(cluster),
            symbol: "KHCN",
            name: "Sở Khoa học và Công nghệ tỉnh Bắc Giang",
            short_name: "Sở Khoa học và Công nghệ",
            header_name: "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
            place: "Bắc Giang",
            established_on: Some(date!(1961 - 10 - 19)),
        },
    )
    .await?;
    let mut units = HashMap::new();
    for (i, (code, name, parent)) in KHCN_UNITS.iter().enumerate() {
        let d = UnitDraft {
            code: (*code).to_owned(),
            name: (*name).to_owned(),
            short_name: None,
            parent_code: parent.map(str::to_owned),
        };
        units.insert(
            ("KHCN", *code),
            org::create_unit(tx, ctx, khcn, &d, i as i64).await?,
        );
    }
    let mut others = HashMap::new();
    for (symbol, name, short, header) in OTHERS {
        let id = org::create_agency(
            tx,
            ctx,
            &NewAgency {
                governing_body_id: gb,
                cluster_id: Some(cluster),
                symbol,
                name,
                short_name: short,
                header_name: header,
                place: "Bắc Giang",
                established_on: None,
            },
        )
        .await?;
        for (i, (code, uname)) in [("VP", "Văn phòng"), ("TTRA", "Thanh tra")]
            .iter()
            .enumerate()
        {
            let d = UnitDraft {
                code: (*code).to_owned(),
                name: (*uname).to_owned(),
                short_name: None,
                parent_code: None,
            };
            units.insert(
                (*symbol, *code),
                org::create_unit(tx, ctx, id, &d, i as i64).await?,
            );
        }
        others.insert(*symbol, id);
    }
    org::set_cluster_head(tx, ctx, cluster, 2024, others["SYT"]).await?;
    org::set_cluster_head(tx, ctx, cluster, 2025, khcn).await?;
    let mut people_ids = HashMap::new();
    for c in CAST {
        let id =
            people::create_person(tx, ctx, units[&("KHCN", c.unit)], &draft(c), c.started).await?;
        people_ids.insert(c.code, id);
    }
    let hash = users::hash_password(super::PASSWORD);
    let mut user_ids = HashMap::new();
    for Account(username, display, role, agency, unit, person) in ACCOUNTS {
        let agency_id = agency.map(|a| if a == "KHCN" { khcn } else { others[a] });
        let unit_id = unit.map(|u| units[&(agency.unwrap_or("KHCN"), u)]);
        let person_id = person.map(|p| people_ids[p]);
        let id = users::create_user(tx, ctx, username, &hash, display, person_id, None).await?;
        users::add_role(tx, ctx, id, *role, agency_id, unit_id).await?;
        user_ids.insert(*username, id);
    }
    Ok(DemoOrg {
        khcn,
        others,
        units,
        people: people_ids,
        users: user_ids,
    })
}

/// The accounts of the unit heads the year's movement needs besides `truongphong` (QLKH): (username,
/// unit code, the head's position in the demo's staff). A head reviews the registrations of the
/// unit's members, writes the unit's own registration and its review reports. The Giám đốc Sở
/// heads “Lãnh đạo Sở”: he reviews his deputies' registrations and sends its reports.
pub const HEAD_ACCOUNTS: &[(&str, &str, &str)] = &[
    ("giamdoc", "LD", "Giám đốc Sở"),
    ("truongphong.vp", "VP", "Chánh Văn phòng"),
    ("truongphong.ttra", "TTRA", "Chánh Thanh tra"),
    ("truongphong.khtc", "KHTC", "Trưởng phòng"),
    ("truongphong.qlcn", "QLCN", "Trưởng phòng"),
    ("truongphong.qlcng", "QLCNG", "Trưởng phòng"),
    ("truongphong.cctdc", "CCTDC", "Chi cục trưởng"),
    (
        "truongphong.cctdc-tc",
        "CCTDC-TC",
        "Trưởng phòng Quản lý Tiêu chuẩn Chất lượng",
    ),
    (
        "truongphong.cctdc-dl",
        "CCTDC-DL",
        "Trưởng phòng Quản lý Đo lường",
    ),
    ("truongphong.ttud", "TTUD", "Giám đốc Trung tâm"),
];

/// The account a member of Sở KH&CN acts with in the year's movement.
#[derive(Debug, Clone)]
pub struct Acting {
    pub user_id: i64,
    pub username: String,
}

impl Acting {
    pub fn who(&self) -> Who {
        Who {
            user_id: Some(self.user_id),
            username: self.username.clone(),
            ip: None,
        }
    }
}

/// The accounts of the year's movement, by member (index in the member list).
pub struct MovementAccounts {
    /// The account each member acts with: their unit head's account when they head a unit, else
    /// their demo account of [`ACCOUNTS`], else their own staff account.
    pub acting: HashMap<usize, Acting>,
    /// The head of each unit of Sở KH&CN (member index), by unit code.
    pub heads: HashMap<&'static str, usize>,
}

/// The head of a unit among the members: the one person holding the head's position.
fn head_of(members: &[Member], unit: &str, position: &str) -> Option<usize> {
    members.iter().position(|m| {
        m.agency == "KHCN" && m.unit == unit && m.draft.position.as_deref() == Some(position)
    })
}

/// Opens the accounts the year's movement needs (password `demo`), as the administrator does
/// (`ctx`): one per unit head of [`HEAD_ACCOUNTS`] (role truong_don_vi on the unit), and one per
/// member of Sở KH&CN at work on `cutoff` who has none yet (role can_bo; the username is the
/// staff code in lower case, `khcn060`). Members who join later get theirs when they join — not
/// in the demo.
pub async fn movement_accounts(
    tx: &mut Tx,
    ctx: &Ctx,
    world: &DemoOrg,
    members: &[Member],
    ids: &[i64],
    cutoff: Date,
) -> StoreResult<MovementAccounts> {
    let hash = users::hash_password(super::PASSWORD);
    let mut acting = HashMap::new();
    let mut heads = HashMap::new();
    for (username, unit, position) in HEAD_ACCOUNTS {
        let Some(i) = head_of(members, unit, position) else {
            return Err(tdkt_store::StoreError::Other(format!(
                "the demo has no {position} in {unit}"
            )));
        };
        let m = &members[i];
        let id = users::create_user(
            tx,
            ctx,
            username,
            &hash,
            &m.draft.full_name,
            Some(ids[i]),
            None,
        )
        .await?;
        users::add_role(
            tx,
            ctx,
            id,
            Role::TruongDonVi,
            Some(world.khcn),
            Some(world.units[&("KHCN", *unit)]),
        )
        .await?;
        heads.insert(*unit, i);
        acting.insert(
            i,
            Acting {
                user_id: id,
                username: (*username).to_owned(),
            },
        );
    }
    // `truongphong` heads QLKH.
    if let Some(i) = head_of(members, "QLKH", "Trưởng phòng") {
        heads.insert("QLKH", i);
    }
    for (i, m) in members.iter().enumerate() {
        if m.agency != "KHCN" || acting.contains_key(&i) || m.started() > cutoff {
            continue;
        }
        let demo = ACCOUNTS
            .iter()
            .find(|a| a.5 == Some(m.draft.code.as_str()) && a.3 == Some("KHCN"));
        let (user_id, username) = match demo {
            Some(a) => (world.users[a.0], a.0.to_owned()),
            None => {
                let username = m.draft.code.to_lowercase();
                let id = users::create_user(
                    tx,
                    ctx,
                    &username,
                    &hash,
                    &m.draft.full_name,
                    Some(ids[i]),
                    None,
                )
                .await?;
                users::add_role(tx, ctx, id, Role::CanBo, Some(world.khcn), None).await?;
                (id, username)
            }
        };
        acting.insert(i, Acting { user_id, username });
    }
    Ok(MovementAccounts { acting, heads })
}
