//! The verdict sections of the person and unit pages: this year's verdicts, for whoever may view
//! the records (`Perm::ViewRecords` on the person or the unit).

use tdkt_domain::policy::{Perm, Role, Target};
use tdkt_rules::Code;
use tdkt_store::org::Unit;
use tdkt_store::people::Person;

use super::{
    CodeVerdict, Header, PersonRow, QuotaWarning, TABLE_CODES, UNIT_CODES, UnitRow, YEARS,
    evaluate_agency, evaluate_person,
};
use crate::auth::Auth;
use crate::error::AppResult;
use crate::state::AppState;

/// A person's verdicts of this year, for their page.
#[derive(Debug, Clone)]
pub struct PersonPanel {
    pub header: Header,
    /// `None`: not evaluated (not in a unit, or not yet at the agency on the review date).
    pub row: Option<PersonRow>,
    /// Whether the caller may open the office's table.
    pub table_link: bool,
}

impl PersonPanel {
    /// The ladder ahead: the codes not yet met, with what is missing.
    pub fn ahead(&self) -> Vec<&CodeVerdict> {
        self.row
            .iter()
            .flat_map(|r| r.verdicts.iter())
            .filter(|v| v.not_eligible())
            .collect()
    }
}

/// The verdicts of a unit's subtree, for its page.
#[derive(Debug, Clone)]
pub struct UnitPanel {
    pub header: Header,
    pub unit_id: i64,
    /// The unit and the units under it, in tree order.
    pub units: Vec<UnitRow>,
    /// Their members the caller may see, in name order.
    pub members: Vec<PersonRow>,
    pub warnings: Vec<QuotaWarning>,
    /// The columns of the members' table.
    pub codes: [Code; 5],
    pub unit_codes: [Code; 2],
    /// Members of several units: show each one's unit.
    pub show_unit: bool,
    pub table_link: bool,
}

impl UnitPanel {
    /// The unit's own collective verdicts.
    pub fn this(&self) -> Option<&UnitRow> {
        self.units.iter().find(|u| u.id == self.unit_id)
    }
}

/// Whether the actor sees the office's table of the whole agency (or of their subtree): the
/// roles with `ViewRecords` beyond their own record.
pub fn sees_table(auth: &Auth) -> bool {
    auth.actor
        .grants
        .iter()
        .any(|g| g.role != Role::CanBo && g.role.allows(Perm::ViewRecords))
}

/// This year's verdicts of a person, when the caller may view the person's records.
pub async fn person_panel(
    state: &AppState,
    auth: &Auth,
    person: &Person,
) -> AppResult<Option<PersonPanel>> {
    let today = state.clock.today();
    if !auth.actor.can_on(Perm::ViewRecords, &person.target()) || !YEARS.contains(&today.year()) {
        return Ok(None);
    }
    let (header, row) = evaluate_person(&state.db, person, today.year(), today).await?;
    Ok(Some(PersonPanel {
        header,
        row,
        table_link: sees_table(auth),
    }))
}

/// This year's verdicts of a unit's subtree, when the caller may view its records.
pub async fn unit_panel(
    state: &AppState,
    auth: &Auth,
    unit: &Unit,
) -> AppResult<Option<UnitPanel>> {
    let today = state.clock.today();
    if !auth.actor.can_on(Perm::ViewRecords, &unit.target()) || !YEARS.contains(&today.year()) {
        return Ok(None);
    }
    let all = evaluate_agency(&state.db, unit.agency_id, today.year(), today).await?;
    let under = |path: &str| path.starts_with(unit.path.as_str());
    let visible = |t: &Target| auth.actor.can_on(Perm::ViewRecords, t);
    let members: Vec<PersonRow> = all
        .people
        .into_iter()
        .filter(|p| under(&p.unit_path) && visible(&p.target(all.agency_id)))
        .collect();
    Ok(Some(UnitPanel {
        header: all.header,
        unit_id: unit.id,
        show_unit: members.iter().any(|m| m.unit_id != unit.id),
        members,
        units: all.units.into_iter().filter(|u| under(&u.path)).collect(),
        warnings: all
            .warnings
            .into_iter()
            .filter(|w| under(&w.unit_path))
            .collect(),
        codes: TABLE_CODES,
        unit_codes: UNIT_CODES,
        table_link: sees_table(auth),
    }))
}
