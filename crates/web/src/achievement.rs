//! Achievement reports (báo cáo thành tích): Decree 98's Mẫu 03 for a person and Mẫu 02 for a
//! unit, prefilled from the stored profile, ratings, titles, awards and initiatives. The texts a
//! person or unit writes (the proposal, duties, achievements…) are saved per year and edited
//! before export; everything else is drawn from the records at export time.

use serde::{Deserialize, Serialize};

use tdkt_docs::report::{
    CollectiveFeatures, CollectiveReport, IndividualReport, Initiative, PersonProfile,
    RecordedAward,
};
use tdkt_docs::{DocDate, Document, Signer};
use tdkt_domain::labels;
use tdkt_store::records::{self, Award, Title};
use tdkt_store::{Db, StoreError, org, people};

/// The texts of a person's report that people write.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PersonTexts {
    /// What is proposed: "danh hiệu Chiến sĩ thi đua cơ sở năm 2024".
    pub proposal: String,
    pub duties: String,
    pub achievements: String,
    pub academic_titles: String,
}

/// The texts of a unit's report that people write.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct UnitTexts {
    pub proposal: String,
    pub address: String,
    pub history: String,
    pub characteristics: String,
    pub functions: String,
    pub achievements: String,
    pub measures: String,
    pub party_work: String,
}

fn err(e: impl std::fmt::Display) -> StoreError {
    StoreError::Other(e.to_string())
}

/// Titles and forms already received, as the report's table lists them.
fn recorded(
    titles: &[Title],
    awards: &[Award],
    issuer_default: &str,
) -> (Vec<RecordedAward>, Vec<RecordedAward>) {
    let t = titles
        .iter()
        .filter(|t| t.revoked_on.is_none())
        .map(|t| RecordedAward {
            year: t.year as i32,
            name: labels::award(&t.code).to_owned(),
            decision_number: t.decision_no.clone().unwrap_or_else(|| "…".into()),
            decision_date: t.decided_on,
            issuer: t
                .issuer
                .clone()
                .unwrap_or_else(|| issuer_default.to_owned()),
        })
        .collect();
    let f = awards
        .iter()
        .filter(|a| a.revoked_on.is_none())
        .map(|a| RecordedAward {
            year: a.decided_on.year(),
            name: labels::award(&a.code).to_owned(),
            decision_number: a.decision_no.clone().unwrap_or_else(|| "…".into()),
            decision_date: Some(a.decided_on),
            issuer: a
                .issuer
                .clone()
                .unwrap_or_else(|| issuer_default.to_owned()),
        })
        .collect();
    (t, f)
}

/// The default texts of a person's report for a year, from their records.
fn default_person_texts(position: &str, ratings: &[records::Rating], year: i32) -> PersonTexts {
    let mut achievements = Vec::new();
    for r in ratings
        .iter()
        .filter(|r| r.year as i32 <= year)
        .rev()
        .take(5)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
    {
        achievements.push(format!("- Năm {}: {}.", r.year, labels::rating(&r.rating)));
    }
    PersonTexts {
        proposal: format!("danh hiệu Chiến sĩ thi đua cơ sở năm {year}"),
        duties: if position.is_empty() {
            "(Ghi rõ nhiệm vụ được giao.)".into()
        } else {
            format!("Chức vụ: {position}. (Ghi rõ nhiệm vụ được giao.)")
        },
        achievements: if achievements.is_empty() {
            "(Ghi thành tích đạt được trong năm.)".into()
        } else {
            format!(
                "Kết quả đánh giá, xếp loại chất lượng:\n\n{}",
                achievements.join("\n\n")
            )
        },
        academic_titles: String::new(),
    }
}

/// A person's saved texts for a year, or the defaults.
pub async fn person_texts(db: &Db, person_id: i64, year: i32) -> Result<PersonTexts, StoreError> {
    if let Some(json) = records::achievement_text(db, Some(person_id), None, year).await? {
        return serde_json::from_str(&json).map_err(err);
    }
    let p = people::person(db, person_id).await?;
    let recs = records::person_records(db, person_id).await?;
    Ok(default_person_texts(
        p.position.as_deref().unwrap_or(""),
        &recs.ratings,
        year,
    ))
}

/// A unit's saved texts for a year, or the defaults.
pub async fn unit_texts(db: &Db, unit_id: i64, year: i32) -> Result<UnitTexts, StoreError> {
    if let Some(json) = records::achievement_text(db, None, Some(unit_id), year).await? {
        return serde_json::from_str(&json).map_err(err);
    }
    let (ratings, _, _) = records::unit_records(db, unit_id).await?;
    let lines: Vec<String> = ratings
        .iter()
        .filter(|r| r.year as i32 <= year)
        .map(|r| format!("- Năm {}: {}.", r.year, labels::rating(&r.rating)))
        .collect();
    Ok(UnitTexts {
        proposal: format!("danh hiệu Tập thể lao động tiên tiến năm {year}"),
        achievements: if lines.is_empty() {
            "(Ghi thành tích đạt được trong năm.)".into()
        } else {
            lines.join("\n\n")
        },
        functions: "(Ghi chức năng, nhiệm vụ được giao.)".into(),
        ..Default::default()
    })
}

/// The head of a unit as a signer (the unit's member whose position begins with a head's title).
async fn head_of(db: &Db, unit_id: i64) -> Result<Signer, StoreError> {
    let filter = people::PersonFilter {
        unit_id: Some(unit_id),
        ..Default::default()
    };
    let all = tdkt_domain::policy::Scope {
        all: true,
        ..Default::default()
    };
    let (members, _) = people::list_people(db, &all, &filter, 0, 1000).await?;
    let heads = [
        "Giám đốc Sở",
        "Trưởng phòng",
        "Chánh Văn phòng",
        "Chánh Thanh tra",
        "Chi cục trưởng",
        "Giám đốc",
        "Trưởng",
    ];
    let head = heads.iter().find_map(|h| {
        members
            .iter()
            .find(|m| m.position.as_deref().is_some_and(|p| p.starts_with(h)))
    });
    Ok(match head {
        Some(m) => Signer {
            authority: None,
            position: m.position.clone().unwrap_or_default().to_uppercase(),
            note: None,
            name: m.full_name.clone(),
        },
        // No head on record: the paper leaves the name to be written by hand.
        None => Signer {
            authority: None,
            position: "THỦ TRƯỞNG ĐƠN VỊ".into(),
            note: Some("(Ký, ghi rõ họ và tên)".into()),
            name: "…………………………".into(),
        },
    })
}

/// Mẫu 03 for a person and a year.
pub async fn individual(
    db: &Db,
    person_id: i64,
    year: i32,
    texts: &PersonTexts,
) -> Result<Result<Document, tdkt_docs::ValidationErrors>, StoreError> {
    let p = people::person(db, person_id).await?;
    let agency = org::agency(db, p.agency_id).await?;
    let recs = records::person_records(db, person_id).await?;
    let unit_name = match p.unit_id {
        Some(u) => {
            org::unit_name_at(
                db,
                u,
                time::Date::from_calendar_date(year, time::Month::December, 31).map_err(err)?,
            )
            .await?
        }
        None => String::new(),
    };
    let (titles, forms) = recorded(
        &recs.titles,
        &recs.awards,
        &format!("Giám đốc {}", agency.short_name),
    );
    let head = match p.unit_id {
        Some(u) => head_of(db, u).await?,
        None => head_of(db, 0).await?,
    };
    let report = IndividualReport {
        proposal: texts.proposal.clone(),
        place: agency.place.clone(),
        date: DocDate::Year { year: year.max(1) },
        profile: PersonProfile {
            full_name: p.full_name.clone(),
            date_of_birth: p.birth_date,
            gender: match p.gender.as_deref() {
                Some("nam") => "Nam".into(),
                Some("nu") => "Nữ".into(),
                _ => String::new(),
            },
            ethnicity: p.ethnicity.clone().unwrap_or_default(),
            religion: p.religion.clone().filter(|r| !r.is_empty() && r != "Không"),
            hometown: p.hometown.clone().unwrap_or_default(),
            residence: p.residence.clone().unwrap_or_default(),
            unit: format!("{unit_name}, {}", agency.name),
            position: p.position.clone().unwrap_or_default(),
            political_theory: p.political_theory.clone().unwrap_or_default(),
            qualification: p.qualifications.clone().unwrap_or_default(),
            academic_titles: texts.academic_titles.clone(),
        },
        duties: texts.duties.clone(),
        achievements: texts.achievements.clone(),
        initiatives: recs
            .initiatives
            .iter()
            .filter(|i| i.year as i32 <= year)
            .map(|i| Initiative {
                name: i.title.clone(),
                recognition: i.recognition_ref.clone().unwrap_or_else(|| {
                    format!("{} năm {}", labels::initiative_scope(&i.scope), i.year)
                }),
                effect: None,
            })
            .collect(),
        titles,
        forms,
        head_of_unit: head,
    };
    Ok(tdkt_docs::report::individual_report(&report))
}

/// Mẫu 02 for a unit and a year.
pub async fn collective(
    db: &Db,
    unit_id: i64,
    year: i32,
    texts: &UnitTexts,
) -> Result<Result<Document, tdkt_docs::ValidationErrors>, StoreError> {
    let u = org::unit(db, unit_id).await?;
    let agency = org::agency(db, u.agency_id).await?;
    let (_, titles, awards) = records::unit_records(db, unit_id).await?;
    let (titles, forms) = recorded(&titles, &awards, &format!("Giám đốc {}", agency.short_name));
    let end_of_year =
        time::Date::from_calendar_date(year, time::Month::December, 31).map_err(err)?;
    let unit_name = org::unit_name_at(db, unit_id, end_of_year).await?;
    let (agency_name, agency_header) = org::agency_name_at(db, u.agency_id, end_of_year).await?;
    let leader = {
        let ld = org::unit_by_code(db, u.agency_id, "LD").await?;
        match ld {
            Some(l) => head_of(db, l.id).await?,
            None => head_of(db, 0).await?,
        }
    };
    let report = CollectiveReport {
        proposal: texts.proposal.clone(),
        superior_unit: agency_header,
        unit_header: unit_name.to_uppercase(),
        unit_name: format!("{unit_name}, {agency_name}"),
        place: agency.place.clone(),
        date: DocDate::Year { year },
        features: CollectiveFeatures {
            address: texts.address.clone(),
            history: texts.history.clone(),
            characteristics: texts.characteristics.clone(),
        },
        functions: texts.functions.clone(),
        achievements: texts.achievements.clone(),
        measures: texts.measures.clone(),
        party_work: texts.party_work.clone(),
        initiatives: Vec::new(),
        titles,
        forms,
        head_of_unit: head_of(db, unit_id).await?,
        superior_head: leader,
    };
    Ok(tdkt_docs::report::collective_report(&report))
}
