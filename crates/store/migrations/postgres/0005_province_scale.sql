-- tdkt schema 0005: a province in one deployment.
--
-- The audit chain's head also counts the changes among its rows (not the logins and the views
-- of sensitive data, which are logged but change nothing): what is computed from the data (the
-- dashboards kept between requests, the reminders' passes) is computed again when it moves.
ALTER TABLE audit_head ADD COLUMN changes BIGINT NOT NULL DEFAULT 0;

-- The reminders' scheduler notes each (deadline, kind of reminder, day) it has gone through whole,
-- with the audit head's count of changes at that moment, so that later passes skip it until
-- something changes (every change is audited) instead of working out again, every minute, who owes what for every
-- member of every agency (a province's pass took seconds of queries).
CREATE TABLE reminder_pass (
    deadline_id BIGINT NOT NULL,
    kind TEXT NOT NULL,
    day DATE NOT NULL,
    audit_seq BIGINT NOT NULL,
    finished_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (deadline_id, kind, day)
);

-- A person's registration in a plan, found from the person (a unit's members and their
-- registrations).
CREATE INDEX registration_person ON registration (person_id, plan_id);
