//! The province's people: about 2,000 per agency in its generated units (the agency demo's own
//! people stay as they are), each with an account (password `demo`) — the agency's head and
//! deputies as leadership, its emulation officer as the Office, its chief inspector on the
//! council, unit heads as unit heads, everyone else as staff.

use std::collections::HashMap;

use time::{Date, Month};

use tdkt_domain::person::{Category, Gender, PersonDraft};
use tdkt_domain::policy::Role as UserRole;
use tdkt_domain::vn;
use tdkt_store::audit::Ctx;
use tdkt_store::bulk::{Inserter, Val, lookup, next_id};
use tdkt_store::people::search_text;
use tdkt_store::{StoreResult, Tx};

use super::org::{Agency, Role, UnitSpec, apportion};
use crate::demo::names::{
    FAMILY, GIVEN_FEMALE, GIVEN_MALE, HOMETOWNS, MIDDLE_FEMALE, MIDDLE_MALE, MINORITIES,
    MINORITY_DISTRICTS, WARDS,
};
use crate::demo::rng::Rng;
use crate::demo::staff::Member;

/// A person's place in their unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Post {
    Head,
    Deputy,
    Staff,
}

/// A generated person.
pub struct Gen {
    pub id: i64,
    /// Index in the unit list.
    pub unit: usize,
    pub agency: usize,
    pub post: Post,
    pub draft: PersonDraft,
}

impl Gen {
    pub fn started(&self) -> Date {
        self.draft
            .started_on
            .expect("every generated person has a start date")
    }

    pub fn female(&self) -> bool {
        self.draft.gender == Some(Gender::Nu)
    }
}

/// How many people each generated unit holds: a leadership 3 or 4, the others by weight.
fn unit_sizes(units: &[UnitSpec], total: usize, rng: &mut Rng) -> Vec<usize> {
    let fixed: Vec<Option<usize>> = units
        .iter()
        .map(|u| (u.role == Role::Leadership).then(|| rng.range(3, 4) as usize))
        .collect();
    let taken: usize = fixed.iter().flatten().sum();
    let others: Vec<usize> = (0..units.len()).filter(|&i| fixed[i].is_none()).collect();
    let weights: Vec<u64> = others
        .iter()
        .map(|&i| u64::from(units[i].weight) * u64::from(rng.range(70, 130) as u32))
        .collect();
    let shares = apportion(total.saturating_sub(taken), &weights, 2);
    let mut sizes: Vec<usize> = fixed.iter().map(|f| f.unwrap_or(0)).collect();
    for (k, &i) in others.iter().enumerate() {
        sizes[i] = shares[k];
    }
    sizes
}

fn day(rng: &mut Rng, year: i32, months: (i32, i32)) -> Date {
    let month = Month::try_from(rng.range(months.0, months.1) as u8).unwrap_or(Month::January);
    Date::from_calendar_date(year, month, rng.range(1, 28) as u8).expect("a valid day")
}

fn name(rng: &mut Rng, gender: Gender, minority: Option<&(&str, &[&str])>) -> String {
    loop {
        let family = match minority {
            Some((_, families)) => *rng.pick(families),
            None => *rng.weighted(FAMILY),
        };
        let (middle, given) = match gender {
            Gender::Nam => (*rng.pick(MIDDLE_MALE), *rng.pick(GIVEN_MALE)),
            Gender::Nu => (*rng.pick(MIDDLE_FEMALE), *rng.pick(GIVEN_FEMALE)),
        };
        let last_middle = middle.rsplit(' ').next().unwrap_or(middle);
        if vn::fold(last_middle) != vn::fold(given) && !middle.starts_with(family) {
            return format!("{family} {middle} {given}");
        }
    }
}

fn qualification(rng: &mut Rng, position: &str, senior: bool) -> String {
    let field = match position {
        p if p.starts_with("Giáo viên") => {
            return format!(
                "Cử nhân Sư phạm {}",
                rng.pick(&[
                    "Toán",
                    "Ngữ văn",
                    "Tiếng Anh",
                    "Mầm non",
                    "Tiểu học",
                    "Vật lý"
                ])
            );
        }
        p if p.starts_with("Bác sĩ") => {
            let degree = if senior && rng.chance(50) {
                "Bác sĩ chuyên khoa I"
            } else {
                "Bác sĩ đa khoa"
            };
            return degree.into();
        }
        p if p.starts_with("Điều dưỡng") => return "Cử nhân Điều dưỡng".into(),
        p if p.starts_with("Kỹ thuật viên") => return "Cao đẳng Kỹ thuật".into(),
        "Công nhân" | "Nhân viên lái xe" => return "Trung học phổ thông".into(),
        p if p.starts_with("Kỹ sư") => {
            *rng.pick(&["Xây dựng", "Thủy lợi", "Lâm nghiệp", "Điện"])
        }
        _ => *rng.pick(super::places::FIELDS),
    };
    let degree = if senior && rng.chance(60) {
        "Thạc sĩ"
    } else if position.starts_with("Kỹ sư") {
        "Kỹ sư"
    } else {
        "Cử nhân"
    };
    format!("{degree} {field}")
}

/// Generates the people of the generated units (`total` in all), numbering them from `first_id`.
/// Staff codes are the agency's symbol and a number from 1000 (the agency demo uses three digits).
pub fn generate(
    agencies: &[Agency],
    units: &[UnitSpec],
    total: usize,
    first_id: i64,
    rng: &mut Rng,
) -> Vec<Gen> {
    let sizes = unit_sizes(units, total, rng);
    let mut next_code: Vec<usize> = vec![1000; agencies.len()];
    let mut out = Vec::with_capacity(total);
    for (ui, u) in units.iter().enumerate() {
        let a = &agencies[u.agency];
        let (head, deputy) = match u.role {
            Role::Leadership => (a.head_post.clone(), format!("Phó {}", a.head_post)),
            _ => {
                let (h, d) = super::places::heads(&u.name);
                (h.to_owned(), d.to_owned())
            }
        };
        let deputies = match (u.role, sizes[ui]) {
            (Role::Leadership, n) => n - 1,
            (Role::Body, n) => n.saturating_sub(1).min(2),
            (_, n) if n >= 12 => 2,
            (_, n) if n >= 4 => 1,
            _ => 0,
        };
        for k in 0..sizes[ui] {
            let post = match k {
                0 => Post::Head,
                k if k <= deputies => Post::Deputy,
                _ => Post::Staff,
            };
            let (position, rank, category) = match post {
                Post::Head => (head.clone(), "Chuyên viên chính", u.category),
                Post::Deputy => (deputy.clone(), "Chuyên viên chính", u.category),
                Post::Staff if u.code == "VP" && k == deputies + 1 => (
                    "Chuyên viên phụ trách thi đua, khen thưởng".to_owned(),
                    "Chuyên viên",
                    u.category,
                ),
                Post::Staff if u.code == "VP" && rng.chance(15) => {
                    ("Nhân viên lái xe".to_owned(), "", Category::NguoiLaoDong)
                }
                Post::Staff if u.code == "TTRA" => {
                    ("Thanh tra viên".to_owned(), "Thanh tra viên", u.category)
                }
                Post::Staff => {
                    let (p, r) = *rng.pick(u.staff);
                    (p.to_owned(), r, u.category)
                }
            };
            let code = format!("{}{}", a.def.symbol, next_code[u.agency]);
            next_code[u.agency] += 1;
            let draft = person(rng, code, position, rank, category, post);
            out.push(Gen {
                id: first_id + out.len() as i64,
                unit: ui,
                agency: u.agency,
                post,
                draft,
            });
        }
    }
    out
}

fn person(
    rng: &mut Rng,
    code: String,
    position: String,
    rank: &str,
    category: Category,
    post: Post,
) -> PersonDraft {
    let gender = match position.as_str() {
        "Nhân viên lái xe" | "Công nhân" => Gender::Nam,
        p if p.starts_with("Giáo viên") && rng.chance(75) => Gender::Nu,
        p if p.starts_with("Điều dưỡng") && rng.chance(80) => Gender::Nu,
        _ if rng.chance(48) => Gender::Nu,
        _ => Gender::Nam,
    };
    let minority = rng.chance(9).then(|| rng.pick(MINORITIES));
    let full_name = name(rng, gender, minority);
    let (born_from, born_to) = match post {
        Post::Head => (1966, 1982),
        Post::Deputy => (1968, 1988),
        Post::Staff => (1966, 2001),
    };
    let born_year = rng.range(born_from, born_to);
    let born = day(rng, born_year, (1, 12));
    let mut start_year = born.year() + rng.range(22, 28);
    let mut months = (1, 12);
    if start_year >= 2024 {
        // A few joined this year: too new to be rated, or to reach LĐTT.
        start_year = 2024;
        months = (1, 10);
    }
    let started = day(rng, start_year, months);
    let appointed = match category {
        Category::NguoiLaoDong => None,
        _ if rng.chance(20) && start_year <= 2020 => Some(
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
    let (d, communes) = HOMETOWNS[district];
    let hometown = format!("{}, {d}, tỉnh Bắc Giang", rng.pick(communes));
    let residence = if rng.chance(60) {
        format!("{}, thành phố Bắc Giang, tỉnh Bắc Giang", rng.pick(WARDS))
    } else {
        hometown.clone()
    };
    let religion = match rng.below(100) {
        0..88 => "Không",
        88..96 => "Phật giáo",
        _ => "Công giáo",
    };
    let senior = post != Post::Staff || rank.ends_with("chính");
    let political_theory = match post {
        Post::Head => Some("Cao cấp"),
        Post::Deputy => Some(if rng.chance(40) {
            "Cao cấp"
        } else {
            "Trung cấp"
        }),
        Post::Staff if rng.chance(40) => Some("Sơ cấp"),
        Post::Staff => None,
    };
    PersonDraft {
        code,
        qualifications: Some(qualification(rng, &position, senior)),
        full_name,
        birth_date: Some(born),
        gender: Some(gender),
        ethnicity: Some(ethnicity.to_owned()),
        religion: Some(religion.to_owned()),
        hometown: Some(hometown),
        residence: Some(residence),
        position: Some(position),
        rank: (!rank.is_empty()).then(|| rank.to_owned()),
        category,
        started_on: Some(started),
        appointed_on: appointed,
        political_theory: political_theory.map(str::to_owned),
        email: None,
        phone: None,
    }
}

/// Writes the generated people and their first period in a unit, without audit rows.
pub async fn write(
    tx: &mut Tx,
    ctx: &Ctx,
    agencies: &[Agency],
    units: &[UnitSpec],
    people: &[Gen],
) -> StoreResult<()> {
    let now = ctx.clock.now();
    let mut person = Inserter::new(
        "person",
        &[
            "id",
            "code",
            "full_name",
            "name_sort",
            "name_search",
            "birth_date",
            "gender",
            "ethnicity",
            "religion",
            "hometown",
            "residence",
            "position",
            "rank",
            "category",
            "started_on",
            "appointed_on",
            "qualifications",
            "political_theory",
            "agency_id",
            "unit_id",
            "active",
            "created_at",
            "updated_at",
        ],
    );
    let mut period = Inserter::new(
        "person_unit",
        &["person_id", "agency_id", "unit_id", "from_date"],
    );
    for g in people {
        let d = &g.draft;
        let agency_id = agencies[g.agency].id;
        let unit_id = units[g.unit].id;
        person
            .push(
                tx,
                [
                    g.id.into(),
                    d.code.as_str().into(),
                    d.full_name.as_str().into(),
                    vn::name_sort_key(&d.full_name).into(),
                    search_text(d).into(),
                    d.birth_date.into(),
                    d.gender.map(|x| x.code()).into(),
                    d.ethnicity.clone().into(),
                    d.religion.clone().into(),
                    d.hometown.clone().into(),
                    d.residence.clone().into(),
                    d.position.clone().into(),
                    d.rank.clone().into(),
                    d.category.code().into(),
                    d.started_on.into(),
                    d.appointed_on.into(),
                    d.qualifications.clone().into(),
                    d.political_theory.clone().into(),
                    agency_id.into(),
                    unit_id.into(),
                    true.into(),
                    now.into(),
                    now.into(),
                ],
            )
            .await?;
        period
            .push_after(
                tx,
                [
                    g.id.into(),
                    agency_id.into(),
                    unit_id.into(),
                    g.started().into(),
                ],
                &mut [&mut person],
            )
            .await?;
    }
    person.finish(tx).await?;
    period.finish(tx).await?;
    Ok(())
}

/// Who holds which account: person id → user id, for every person of the province world.
pub type Users = HashMap<i64, i64>;

/// A role of the agency demo's people: their unit heads lead their units, the directors lead.
fn demo_role(m: &Member) -> UserRole {
    let p = m.draft.position.as_deref().unwrap_or("");
    if p.contains("Giám đốc Sở") {
        UserRole::LanhDao
    } else if p == "Chuyên viên phụ trách thi đua, khen thưởng" {
        UserRole::VanPhong
    } else if ["Trưởng", "Chánh", "Chi cục trưởng", "Giám đốc Trung tâm"]
        .iter()
        .any(|h| p.starts_with(h))
    {
        UserRole::TruongDonVi
    } else {
        UserRole::CanBo
    }
}

/// Gives everyone without an account one: username the lower-case staff code, password `demo`.
/// `demo` are the agency demo's members and their ids (the holders of the demo accounts keep
/// theirs); `unit_ids` maps their (agency, unit code) to unit ids.
#[allow(clippy::too_many_arguments)]
pub async fn write_accounts(
    tx: &mut Tx,
    ctx: &Ctx,
    agencies: &[Agency],
    units: &[UnitSpec],
    people: &[Gen],
    demo: (&[Member], &[i64]),
    unit_ids: &HashMap<(&'static str, &'static str), i64>,
    password_hash: &str,
) -> StoreResult<Users> {
    let now = ctx.clock.now();
    let mut users = Users::new();
    let mut next = next_id(tx, "app_user").await?;
    let mut user = Inserter::new(
        "app_user",
        &[
            "id",
            "username",
            "password_hash",
            "display_name",
            "person_id",
            "disabled",
            "created_at",
            "updated_at",
        ],
    );
    let mut role = Inserter::new("user_role", &["user_id", "role", "agency_id", "unit_id"]);
    let agency_of: HashMap<&str, i64> = agencies.iter().map(|a| (a.def.symbol, a.id)).collect();
    let (members, member_ids) = demo;
    for (m, &pid) in members.iter().zip(member_ids) {
        if let Some(uid) = lookup(tx, "app_user", &[("person_id", &Val::from(pid))]).await? {
            users.insert(pid, uid);
            continue;
        }
        let Some(&agency_id) = agency_of.get(m.agency) else {
            continue;
        };
        let r = demo_role(m);
        let unit = (r == UserRole::TruongDonVi)
            .then(|| unit_ids.get(&(m.agency, m.unit)).copied())
            .flatten();
        let username = m.draft.code.to_lowercase();
        user.push(
            tx,
            [
                next.into(),
                username.into(),
                password_hash.into(),
                m.draft.full_name.as_str().into(),
                pid.into(),
                false.into(),
                now.into(),
                now.into(),
            ],
        )
        .await?;
        role.push_after(
            tx,
            [next.into(), r.code().into(), agency_id.into(), unit.into()],
            &mut [&mut user],
        )
        .await?;
        users.insert(pid, next);
        next += 1;
    }
    // The agency's officer for emulation work is its Office; its chief inspector sits on the
    // council (as in the agency demo).
    for g in people {
        let u = &units[g.unit];
        let agency_id = agencies[g.agency].id;
        let position = g.draft.position.as_deref().unwrap_or("");
        let mut roles: Vec<(UserRole, Option<i64>)> = Vec::with_capacity(2);
        match (u.role, g.post) {
            (Role::Leadership, _) => roles.push((UserRole::LanhDao, None)),
            (_, Post::Head) => {
                roles.push((UserRole::TruongDonVi, Some(u.id)));
                if u.code == "TTRA" {
                    roles.push((UserRole::HoiDong, None));
                }
            }
            _ if position == "Chuyên viên phụ trách thi đua, khen thưởng" => {
                roles.push((UserRole::VanPhong, None));
            }
            _ => roles.push((UserRole::CanBo, None)),
        }
        user.push(
            tx,
            [
                next.into(),
                g.draft.code.to_lowercase().into(),
                password_hash.into(),
                g.draft.full_name.as_str().into(),
                g.id.into(),
                false.into(),
                now.into(),
                now.into(),
            ],
        )
        .await?;
        for (r, unit) in roles {
            role.push_after(
                tx,
                [next.into(), r.code().into(), agency_id.into(), unit.into()],
                &mut [&mut user],
            )
            .await?;
        }
        users.insert(g.id, next);
        next += 1;
    }
    user.finish(tx).await?;
    role.finish(tx).await?;
    Ok(users)
}
