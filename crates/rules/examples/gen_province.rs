//! Writes a province-sized case: `gen_province [PEOPLE] [UNITS] > province.json`
//! (default 100,000 people in 3,000 units, ten years of history 2015–2024, evaluation year 2024).
//! Deterministic: the same arguments give the same file.

use std::collections::BTreeMap;
use std::io::{BufWriter, Write};

use tdkt_rules::{
    Absence, AbsenceKind, Award, AwardCode, AwardType, Case, Discipline, DisciplineLevel, Ground,
    Initiative, InitiativeKind, Person, Rating, Scope, Title, TitleCode, Unit, parse_date,
};

/// xorshift64*: enough randomness for test data, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    fn date(&mut self, year: i32) -> time::Date {
        let day = 1 + self.below(365) as u16;
        time::Date::from_ordinal_date(year, day.min(365)).expect("valid ordinal")
    }
}

const FAMILY: [&str; 8] = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi"];
const MIDDLE: [&str; 6] = ["Văn", "Thị", "Minh", "Thu", "Đức", "Ngọc"];
const GIVEN: [&str; 10] = [
    "Hoa", "Lan", "Hùng", "Dũng", "Hương", "Tuấn", "Mai", "Sơn", "Yến", "Khánh",
];

fn rating(rng: &mut Rng) -> Rating {
    match rng.below(100) {
        0..25 => Rating::Htxsnv,
        25..80 => Rating::Httnv,
        80..95 => Rating::Htnv,
        _ => Rating::Khtnv,
    }
}

fn person(rng: &mut Rng, i: usize, units: usize) -> Person {
    let year = 2024;
    let recruited_year = if rng.chance(3) {
        2024
    } else {
        1995 + rng.below(29) as i32
    };
    let recruited = rng.date(recruited_year);
    let mut p = Person {
        id: format!("p{i:06}"),
        name: format!(
            "{} {} {}",
            FAMILY[rng.below(8) as usize],
            MIDDLE[rng.below(6) as usize],
            GIVEN[rng.below(10) as usize]
        ),
        unit: format!("u{:04}", rng.below(units as u64)),
        recruited_on: Some(recruited),
        ..Person::default()
    };
    let first = recruited.year().max(year - 9);
    let mut ratings = BTreeMap::new();
    for y in first..=year {
        if !rng.chance(2) {
            ratings.insert(y, rating(rng));
        }
    }
    for (&y, &r) in ratings.range(..year) {
        if r >= Rating::Httnv {
            p.titles.push(Title {
                code: TitleCode::Ldtt,
                year: y,
                ground: None,
                initiative_id: None,
            });
        }
        if r == Rating::Htxsnv {
            p.titles.push(Title {
                code: TitleCode::Cstdcs,
                year: y,
                ground: Some(Ground::Htxsnv),
                initiative_id: None,
            });
        }
    }
    p.ratings = ratings;
    for k in 0..rng.below(4) {
        if rng.chance(60) {
            let y = first + rng.below((year - first + 1) as u64) as i32;
            let scope = if rng.chance(10) {
                Scope::Tinh
            } else {
                Scope::CoSo
            };
            let kind = if rng.chance(20) {
                InitiativeKind::StTask
            } else {
                InitiativeKind::Initiative
            };
            p.initiatives.push(Initiative {
                id: format!("sk-{y}-{i}-{k}"),
                year: y,
                kind,
                scope,
            });
        }
    }
    if rng.chance(20) {
        let y = 2016 + rng.below(8) as i32;
        p.awards.push(Award {
            code: AwardCode::BkTinh,
            decided_on: rng.date(y),
            period_to_year: rng.chance(70).then_some(y - 1),
            kind: if rng.chance(90) {
                AwardType::CongTrang
            } else {
                AwardType::DotXuat
            },
        });
    }
    if rng.chance(30) {
        let y = 2016 + rng.below(9) as i32;
        p.awards.push(Award {
            code: AwardCode::Gk,
            decided_on: rng.date(y),
            period_to_year: None,
            kind: AwardType::CongTrang,
        });
    }
    if rng.chance(3) {
        let y = 2017 + rng.below(6) as i32;
        p.awards.push(Award {
            code: AwardCode::BkTtg,
            decided_on: rng.date(y),
            period_to_year: Some(y - 1),
            kind: AwardType::CongTrang,
        });
    }
    if rng.chance(1) {
        let y = 2020 + rng.below(5) as i32;
        let from = rng.date(y);
        let until = rng.chance(50).then(|| from + time::Duration::days(365));
        p.discipline.push(Discipline {
            effective_on: from,
            level: DisciplineLevel::KhienTrach,
            until,
        });
    }
    for _ in 0..rng.below(3) {
        if rng.chance(15) {
            let from = rng.date(year);
            let days = 1 + rng.below(150) as i64;
            let kind = [
                AbsenceKind::Sick,
                AbsenceKind::Maternity,
                AbsenceKind::Unpaid,
                AbsenceKind::Training,
            ][rng.below(4) as usize];
            let to =
                (from + time::Duration::days(days)).min(parse_date("2024-12-31").expect("date"));
            p.absences.push(Absence { from, to, kind });
        }
    }
    p.pending = rng.chance(1);
    p
}

fn main() {
    let args: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let people = args.first().copied().unwrap_or(100_000);
    let units = args.get(1).copied().unwrap_or(3_000).max(1);
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut case = Case::new(2024);
    case.decision_date = parse_date("2024-12-20");
    for u in 0..units {
        let mut ratings = BTreeMap::new();
        for y in 2015..=2024 {
            ratings.insert(
                y,
                if rng.chance(30) {
                    Rating::Htxsnv
                } else {
                    Rating::Httnv
                },
            );
        }
        case.units.push(Unit {
            id: format!("u{u:04}"),
            name: format!("Đơn vị số {u}"),
            ratings,
        });
    }
    for i in 0..people {
        case.people.push(person(&mut rng, i, units));
    }
    let mut out = BufWriter::new(std::io::stdout().lock());
    serde_json::to_writer(&mut out, &case).expect("write the case");
    writeln!(out).expect("write the case");
}
