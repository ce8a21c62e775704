//! Who may do what, and on which objects (DOMAIN.md §2).
//!
//! Two questions are asked of every request. *May this role take this action at all?* — answered by
//! [`Role::allows`], the one permission table of the product (a refusal is 403). *Is this object
//! within the caller's reach?* — answered by [`Actor::can_on`] from the caller's grants and the
//! object's place in the organisation (a refusal is 404, so nothing reveals that the object exists).

use serde::{Deserialize, Serialize};

/// A role, held per agency (DOMAIN.md §2). The codes are those of spec/cli.md.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// System administrator: province-wide, or of one agency.
    Admin,
    /// Leadership (lãnh đạo): the director and deputies.
    LanhDao,
    /// The Office (Văn phòng): emulation work, standing body of the council.
    VanPhong,
    /// Council member (thành viên Hội đồng Thi đua – Khen thưởng).
    HoiDong,
    /// Head of a unit (trưởng phòng, đơn vị): their unit and the units under it.
    TruongDonVi,
    /// Staff member (cán bộ, công chức, viên chức, người lao động): themselves.
    CanBo,
}

impl Role {
    pub const ALL: [Role; 6] = [
        Role::Admin,
        Role::LanhDao,
        Role::VanPhong,
        Role::HoiDong,
        Role::TruongDonVi,
        Role::CanBo,
    ];

    /// The machine code (`admin`, `lanh_dao`, …).
    pub fn code(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::LanhDao => "lanh_dao",
            Role::VanPhong => "van_phong",
            Role::HoiDong => "hoi_dong",
            Role::TruongDonVi => "truong_don_vi",
            Role::CanBo => "can_bo",
        }
    }

    pub fn from_code(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code)
    }

    /// The Vietnamese name shown to users.
    pub fn label(self) -> &'static str {
        match self {
            Role::Admin => "Quản trị hệ thống",
            Role::LanhDao => "Lãnh đạo",
            Role::VanPhong => "Văn phòng (thường trực thi đua)",
            Role::HoiDong => "Thành viên Hội đồng TĐKT",
            Role::TruongDonVi => "Trưởng phòng, đơn vị",
            Role::CanBo => "Cán bộ, công chức, viên chức",
        }
    }

    /// The permission table: may this role take this action at all?
    pub fn allows(self, perm: Perm) -> bool {
        use Perm::*;
        match self {
            Role::Admin => matches!(
                perm,
                ViewDashboard
                    | ViewAgencies
                    | ManageAgencies
                    | ViewUnits
                    | ManageUnits
                    | ViewPeople
                    | ManagePeople
                    | ImportPeople
                    | ManageUsers
                    | ViewAudit
            ),
            Role::VanPhong => matches!(
                perm,
                ViewDashboard
                    | ManagePlans
                    | Register
                    | ReviewRegistrations
                    | ViewMovement
                    | ManageMovement
                    | ViewUnits
                    | ManageUnits
                    | ViewPeople
                    | ManagePeople
                    | ImportPeople
                    | ViewSensitive
                    | ViewRecords
                    | ManageRecords
                    | ViewAudit
            ),
            Role::LanhDao | Role::HoiDong => matches!(
                perm,
                ViewDashboard | ViewUnits | ViewPeople | ViewRecords | Register | ViewMovement
            ),
            Role::TruongDonVi => matches!(
                perm,
                ViewDashboard
                    | ViewUnits
                    | ViewPeople
                    | ViewRecords
                    | Register
                    | ReviewRegistrations
                    | ViewMovement
                    | SubmitUnitItems
            ),
            // Staff see themselves: the people routes answer with their own record only.
            Role::CanBo => matches!(perm, ViewDashboard | ViewPeople | ViewRecords | Register),
        }
    }
}

/// An action, as the permission table knows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Perm {
    /// Any signed-in page: the dashboard, one's own account and API tokens.
    ViewDashboard,
    ViewAgencies,
    /// Governing bodies, agencies, clusters and their history.
    ManageAgencies,
    ViewUnits,
    /// Create, rename, move, merge and dissolve units.
    ManageUnits,
    ViewPeople,
    /// Create and edit people, transfer them between units.
    ManagePeople,
    ImportPeople,
    /// Ethnicity and religion (sensitive personal data): the office and the person only.
    ViewSensitive,
    /// Ratings, titles, awards, initiatives, discipline and absences.
    ViewRecords,
    ManageRecords,
    /// Accounts and their roles.
    ManageUsers,
    /// Write, edit and publish (phát động) the agency's plan.
    ManagePlans,
    /// Register one's own emulation target and measurable targets, and report progress.
    Register,
    /// Approve or return registrations: a unit head for members, the Office for units.
    ReviewRegistrations,
    /// See registrations, progress and reports within reach, and the dashboards.
    ViewMovement,
    /// A unit head's part: the unit's registration and its review reports.
    SubmitUnitItems,
    /// The Office's part: reopen locked items, accept or return reports, consolidate.
    ManageMovement,
    ViewAudit,
}

impl Perm {
    /// Actions a person may always take on their own record.
    fn allowed_on_self(self) -> bool {
        matches!(
            self,
            Perm::ViewPeople | Perm::ViewSensitive | Perm::ViewRecords
        )
    }
}

/// A role held by an account, with where it applies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Grant {
    pub role: Role,
    /// `None` only for a province-wide administrator.
    pub agency_id: Option<i64>,
    /// For a unit head: the unit and the materialised path of its place in the tree ("/3/7/").
    pub unit: Option<(i64, String)>,
}

/// Where an object sits in the organisation, for the reach check.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Target {
    pub agency_id: i64,
    /// The materialised path of the object's unit, when it belongs to one.
    pub unit_path: Option<String>,
    /// The person the object is about, when it is about one.
    pub person_id: Option<i64>,
}

/// The reach of an actor for one permission, in the form list queries need.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Scope {
    /// Everything in the deployment.
    pub all: bool,
    pub agencies: Vec<i64>,
    /// Unit subtrees, as (agency, path prefix).
    pub unit_paths: Vec<(i64, String)>,
    /// Single people (one's own record).
    pub people: Vec<i64>,
}

impl Scope {
    pub fn is_empty(&self) -> bool {
        !self.all
            && self.agencies.is_empty()
            && self.unit_paths.is_empty()
            && self.people.is_empty()
    }
}

/// The signed-in account with its grants.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Actor {
    pub user_id: i64,
    pub username: String,
    pub display_name: String,
    /// The person record of the account holder, when linked.
    pub person_id: Option<i64>,
    pub grants: Vec<Grant>,
}

impl Actor {
    /// May the actor take this action anywhere?
    pub fn can(&self, perm: Perm) -> bool {
        self.grants.iter().any(|g| g.role.allows(perm))
    }

    pub fn has_role(&self, role: Role) -> bool {
        self.grants.iter().any(|g| g.role == role)
    }

    /// May the actor take this action on this object?
    pub fn can_on(&self, perm: Perm, target: &Target) -> bool {
        if perm.allowed_on_self() && self.person_id.is_some() && target.person_id == self.person_id
        {
            return true;
        }
        self.grants
            .iter()
            .filter(|g| g.role.allows(perm))
            .any(|g| grant_reaches(self, g, perm, target))
    }

    /// The reach of the actor for a permission, for list queries.
    pub fn scope(&self, perm: Perm) -> Scope {
        let mut scope = Scope::default();
        if perm.allowed_on_self()
            && let Some(p) = self.person_id
        {
            scope.people.push(p);
        }
        for g in self.grants.iter().filter(|g| g.role.allows(perm)) {
            match (g.role, g.agency_id, &g.unit) {
                (Role::Admin, None, _) => scope.all = true,
                (Role::TruongDonVi, Some(a), Some((_, path))) => {
                    scope.unit_paths.push((a, path.clone()))
                }
                (Role::TruongDonVi | Role::CanBo, _, _) => {}
                (_, Some(a), _) => scope.agencies.push(a),
                (_, None, _) => {}
            }
        }
        scope.agencies.sort_unstable();
        scope.agencies.dedup();
        scope.people.sort_unstable();
        scope.people.dedup();
        scope
    }

    /// The agencies the actor works in (for choosing defaults such as "my agency's plan").
    pub fn agencies(&self) -> Vec<i64> {
        let mut v: Vec<i64> = self.grants.iter().filter_map(|g| g.agency_id).collect();
        v.sort_unstable();
        v.dedup();
        v
    }
}

fn grant_reaches(actor: &Actor, g: &Grant, perm: Perm, target: &Target) -> bool {
    match g.role {
        Role::Admin if g.agency_id.is_none() => true,
        Role::TruongDonVi => match (&g.unit, &target.unit_path) {
            (Some((_, path)), Some(tp)) => {
                g.agency_id == Some(target.agency_id) && tp.starts_with(path.as_str())
            }
            _ => false,
        },
        Role::CanBo => {
            perm.allowed_on_self()
                && actor.person_id.is_some()
                && target.person_id == actor.person_id
        }
        _ => g.agency_id == Some(target.agency_id),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actor(grants: Vec<Grant>, person_id: Option<i64>) -> Actor {
        Actor {
            user_id: 1,
            username: "u".into(),
            display_name: "U".into(),
            person_id,
            grants,
        }
    }

    fn grant(role: Role, agency: Option<i64>, unit: Option<(i64, &str)>) -> Grant {
        Grant {
            role,
            agency_id: agency,
            unit: unit.map(|(id, p)| (id, p.to_owned())),
        }
    }

    #[test]
    fn role_codes_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::from_code(r.code()), Some(r));
        }
        assert_eq!(Role::from_code("root"), None);
    }

    #[test]
    fn sensitive_data_only_for_the_office_and_the_person() {
        for r in Role::ALL {
            assert_eq!(r.allows(Perm::ViewSensitive), r == Role::VanPhong, "{r:?}");
        }
        let staff = actor(vec![grant(Role::CanBo, Some(1), None)], Some(42));
        let own = Target {
            agency_id: 1,
            unit_path: Some("/1/".into()),
            person_id: Some(42),
        };
        let other = Target {
            person_id: Some(43),
            ..own.clone()
        };
        assert!(staff.can_on(Perm::ViewSensitive, &own));
        assert!(!staff.can_on(Perm::ViewSensitive, &other));
        assert!(!staff.can_on(Perm::ViewPeople, &other));
        let head = actor(
            vec![grant(Role::TruongDonVi, Some(1), Some((1, "/1/")))],
            Some(7),
        );
        assert!(head.can_on(Perm::ViewPeople, &other));
        assert!(!head.can_on(Perm::ViewSensitive, &other));
    }

    #[test]
    fn unit_head_reaches_the_subtree_only() {
        let head = actor(
            vec![grant(Role::TruongDonVi, Some(1), Some((3, "/1/3/")))],
            None,
        );
        let t = |path: &str| Target {
            agency_id: 1,
            unit_path: Some(path.into()),
            person_id: None,
        };
        assert!(head.can_on(Perm::ViewPeople, &t("/1/3/")));
        assert!(head.can_on(Perm::ViewPeople, &t("/1/3/9/")));
        assert!(!head.can_on(Perm::ViewPeople, &t("/1/4/")));
        assert!(!head.can_on(Perm::ViewPeople, &t("/1/")));
        // "/1/3/" must not reach "/1/30/".
        assert!(!head.can_on(Perm::ViewPeople, &t("/1/30/")));
        let other_agency = Target {
            agency_id: 2,
            ..t("/1/3/")
        };
        assert!(!head.can_on(Perm::ViewPeople, &other_agency));
        assert!(!head.can(Perm::ManagePeople));
    }

    #[test]
    fn agency_roles_stay_in_their_agency() {
        let office = actor(vec![grant(Role::VanPhong, Some(1), None)], None);
        let mine = Target {
            agency_id: 1,
            ..Default::default()
        };
        let theirs = Target {
            agency_id: 2,
            ..Default::default()
        };
        assert!(office.can_on(Perm::ManagePeople, &mine));
        assert!(!office.can_on(Perm::ManagePeople, &theirs));
        let scope = office.scope(Perm::ViewPeople);
        assert_eq!(scope.agencies, vec![1]);
        assert!(!scope.all);
        let admin = actor(vec![grant(Role::Admin, None, None)], None);
        assert!(admin.can_on(Perm::ManageUnits, &theirs));
        assert!(admin.scope(Perm::ViewUnits).all);
        assert!(!admin.can(Perm::ViewSensitive));
    }
}
