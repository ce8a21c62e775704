//! The state machines of the year's movement: registrations (đăng ký thi đua) and review reports
//! (báo cáo sơ kết, tổng kết). Pure: who may move an item, from which state to which, and why not.
//!
//! A person's registration goes from its owner to the unit head; a unit's registration (and a
//! unit's report) goes from the unit head to the Office. Either reviewer approves or returns with
//! a reason; a returned item is fixed and submitted again. After the plan's deadline an item is
//! locked unless the Office has reopened it.

use serde::{Deserialize, Serialize};
use time::Date;

/// Where a registration or a report stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Being written by its owner.
    Draft,
    /// Sent for review.
    Submitted,
    /// Sent back with a reason; the owner fixes it.
    Returned,
    /// Approved (a registration) or accepted (a report).
    Approved,
}

impl Status {
    pub fn code(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Submitted => "submitted",
            Status::Returned => "returned",
            Status::Approved => "approved",
        }
    }

    pub fn from_code(s: &str) -> Option<Status> {
        [
            Status::Draft,
            Status::Submitted,
            Status::Returned,
            Status::Approved,
        ]
        .into_iter()
        .find(|x| x.code() == s)
    }

    /// The Vietnamese name; `report` picks the words of a report ("đã tiếp nhận").
    pub fn label(self, report: bool) -> &'static str {
        match (self, report) {
            (Status::Draft, _) => "Đang soạn",
            (Status::Submitted, false) => "Chờ duyệt",
            (Status::Submitted, true) => "Đã gửi, chờ tiếp nhận",
            (Status::Returned, _) => "Bị trả lại",
            (Status::Approved, false) => "Đã duyệt",
            (Status::Approved, true) => "Đã tiếp nhận",
        }
    }

    /// May the owner still change the content?
    pub fn editable(self) -> bool {
        matches!(self, Status::Draft | Status::Returned)
    }
}

/// What someone does to an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// The owner sends it (again) for review.
    Submit,
    /// The reviewer approves (registration) or accepts (report).
    Approve,
    /// The reviewer sends it back, with a reason.
    Return,
    /// The Office reopens an approved or locked item for changes.
    Reopen,
}

impl Action {
    pub fn from_code(s: &str) -> Option<Action> {
        Some(match s {
            "submit" => Action::Submit,
            "approve" => Action::Approve,
            "return" => Action::Return,
            "reopen" => Action::Reopen,
            _ => return None,
        })
    }

    pub fn label(self) -> &'static str {
        match self {
            Action::Submit => "Gửi",
            Action::Approve => "Duyệt",
            Action::Return => "Trả lại",
            Action::Reopen => "Mở lại",
        }
    }
}

/// The part someone plays towards an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// Its owner: the person (a personal registration) or the unit head (a unit's item).
    Owner,
    /// Who reviews it: the unit head (a personal registration) or the Office (a unit's item).
    Reviewer,
    /// The Office, which may reopen anything of its agency.
    Office,
}

/// Why an action is refused, in Vietnamese.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    #[error("Chỉ {0} mới được thực hiện thao tác này.")]
    NotYours(&'static str),
    #[error("Không thể {action} khi {state}.")]
    WrongState {
        action: &'static str,
        state: &'static str,
    },
    #[error("Đã quá hạn {deadline}; cần Văn phòng mở lại để tiếp tục.")]
    Locked { deadline: String },
    #[error("Cần ghi lý do trả lại.")]
    NoReason,
}

/// Is the item locked on `today`? A deadline day itself is allowed ("xong trước ngày 31/01"
/// accepts the 31st); a reopening lasts until its own date, included.
pub fn locked(deadline: Option<Date>, reopened_until: Option<Date>, today: Date) -> bool {
    match deadline {
        Some(d) if today > d => reopened_until.is_none_or(|r| today > r),
        _ => false,
    }
}

/// Checks an action and gives the new status. `is_report` picks the wording; `deadline` is the
/// plan's deadline for submitting the item (the Office's own actions are not bound by it).
pub fn transition(
    status: Status,
    action: Action,
    part: Part,
    reason: Option<&str>,
    deadline: Option<Date>,
    reopened_until: Option<Date>,
    today: Date,
) -> Result<Status, Refusal> {
    let wrong = |a: &'static str| Refusal::WrongState {
        action: a,
        state: status.label(false),
    };
    match action {
        Action::Submit => {
            if part != Part::Owner {
                return Err(Refusal::NotYours("người đăng ký (hoặc trưởng đơn vị)"));
            }
            if !status.editable() {
                return Err(wrong("gửi"));
            }
            if locked(deadline, reopened_until, today) {
                return Err(Refusal::Locked {
                    deadline: deadline.map(crate::vn::format_date).unwrap_or_default(),
                });
            }
            Ok(Status::Submitted)
        }
        Action::Approve | Action::Return => {
            if part == Part::Owner {
                return Err(Refusal::NotYours("người duyệt"));
            }
            if status != Status::Submitted {
                return Err(wrong(if action == Action::Approve {
                    "duyệt"
                } else {
                    "trả lại"
                }));
            }
            if action == Action::Return {
                if reason.is_none_or(|r| r.trim().is_empty()) {
                    return Err(Refusal::NoReason);
                }
                return Ok(Status::Returned);
            }
            Ok(Status::Approved)
        }
        Action::Reopen => {
            if part != Part::Office {
                return Err(Refusal::NotYours("Văn phòng"));
            }
            Ok(Status::Draft)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    const DEADLINE: Option<Date> = Some(date!(2024 - 01 - 31));

    #[test]
    fn the_registration_story() {
        let t = |s, a, p, r: Option<&str>, today| transition(s, a, p, r, DEADLINE, None, today);
        let jan = date!(2024 - 01 - 20);
        let s = t(Status::Draft, Action::Submit, Part::Owner, None, jan).unwrap();
        assert_eq!(s, Status::Submitted);
        assert_eq!(
            t(s, Action::Return, Part::Reviewer, None, jan),
            Err(Refusal::NoReason)
        );
        let s = t(
            s,
            Action::Return,
            Part::Reviewer,
            Some("Chỉ tiêu chưa đo được"),
            jan,
        )
        .unwrap();
        assert_eq!(s, Status::Returned);
        assert!(s.editable());
        let s = t(s, Action::Submit, Part::Owner, None, date!(2024 - 01 - 31)).unwrap();
        let s = t(
            s,
            Action::Approve,
            Part::Reviewer,
            None,
            date!(2024 - 02 - 02),
        )
        .unwrap();
        assert_eq!(s, Status::Approved);
        assert!(matches!(
            t(s, Action::Submit, Part::Owner, None, jan),
            Err(Refusal::WrongState { .. })
        ));
    }

    #[test]
    fn the_deadline_day_is_included_then_locked_unless_reopened() {
        assert!(!locked(DEADLINE, None, date!(2024 - 01 - 31)));
        assert!(locked(DEADLINE, None, date!(2024 - 02 - 01)));
        assert!(!locked(
            DEADLINE,
            Some(date!(2024 - 02 - 10)),
            date!(2024 - 02 - 10)
        ));
        assert!(locked(
            DEADLINE,
            Some(date!(2024 - 02 - 10)),
            date!(2024 - 02 - 11)
        ));
        let r = transition(
            Status::Draft,
            Action::Submit,
            Part::Owner,
            None,
            DEADLINE,
            None,
            date!(2024 - 02 - 01),
        );
        assert_eq!(
            r.unwrap_err().to_string(),
            "Đã quá hạn 31/01/2024; cần Văn phòng mở lại để tiếp tục."
        );
    }

    #[test]
    fn only_the_right_part_acts() {
        let d = date!(2024 - 01 - 10);
        assert!(matches!(
            transition(
                Status::Submitted,
                Action::Approve,
                Part::Owner,
                None,
                DEADLINE,
                None,
                d
            ),
            Err(Refusal::NotYours(_))
        ));
        assert!(matches!(
            transition(
                Status::Draft,
                Action::Submit,
                Part::Reviewer,
                None,
                DEADLINE,
                None,
                d
            ),
            Err(Refusal::NotYours(_))
        ));
        assert!(matches!(
            transition(
                Status::Approved,
                Action::Reopen,
                Part::Reviewer,
                None,
                DEADLINE,
                None,
                d
            ),
            Err(Refusal::NotYours(_))
        ));
        assert_eq!(
            transition(
                Status::Approved,
                Action::Reopen,
                Part::Office,
                None,
                DEADLINE,
                None,
                d
            ),
            Ok(Status::Draft)
        );
    }

    proptest::proptest! {
        /// No sequence of actions by anyone reaches Approved without passing through Submitted.
        #[test]
        fn approval_needs_a_submission(actions in proptest::collection::vec((0u8..4, 0u8..3), 0..12)) {
            let d = date!(2024 - 01 - 10);
            let mut s = Status::Draft;
            let mut submitted_since_edit = false;
            for (a, p) in actions {
                let action = [Action::Submit, Action::Approve, Action::Return, Action::Reopen][a as usize];
                let part = [Part::Owner, Part::Reviewer, Part::Office][p as usize];
                if let Ok(n) = transition(s, action, part, Some("lý do"), DEADLINE, None, d) {
                    if n == Status::Approved {
                        proptest::prop_assert!(submitted_since_edit && s == Status::Submitted);
                    }
                    submitted_since_edit = n == Status::Submitted || (submitted_since_edit && n == Status::Approved);
                    s = n;
                }
            }
        }
    }
}
