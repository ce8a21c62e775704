-- tdkt schema 0002: the year's plan and its movement (issues 4 and 5) — plans with their
-- movements, phases and deadlines; registrations with measurable targets, their versions and
-- progress with evidence; mid-year and year-end review reports with their versions;
-- notifications and personal calendar feeds. Markers as in 0001, plus {REAL} (double).

-- The plan (kế hoạch) of an agency for a year. `content` is the whole plan (tdkt_docs::plan::Plan)
-- as JSON: its prose blocks, legal bases, commemorations, movements, phases, deadlines,
-- responsibilities, recipients and signer. The tables after it are derived from `content` each
-- time it is saved, so that deadlines and phases can be queried across agencies.
CREATE TABLE plan (
    id {ID},
    agency_id {INT} NOT NULL REFERENCES agency(id),
    year {INT} NOT NULL,
    status TEXT NOT NULL,
    number {INT},
    issued_on {DATE},
    content TEXT NOT NULL,
    published_at {TS},
    published_by {INT} REFERENCES app_user(id),
    created_at {TS} NOT NULL,
    updated_at {TS} NOT NULL,
    UNIQUE (agency_id, year)
);

CREATE TABLE plan_deadline (
    id {ID},
    plan_id {INT} NOT NULL REFERENCES plan(id),
    kind TEXT NOT NULL,
    due_on {DATE} NOT NULL,
    description TEXT NOT NULL
);
CREATE INDEX plan_deadline_plan ON plan_deadline (plan_id);
CREATE INDEX plan_deadline_due ON plan_deadline (due_on);

CREATE TABLE plan_phase (
    id {ID},
    plan_id {INT} NOT NULL REFERENCES plan(id),
    number {INT} NOT NULL,
    name TEXT NOT NULL,
    start_on {DATE} NOT NULL,
    end_on {DATE} NOT NULL
);
CREATE INDEX plan_phase_plan ON plan_phase (plan_id);

CREATE TABLE movement (
    id {ID},
    plan_id {INT} NOT NULL REFERENCES plan(id),
    agency_id {INT} NOT NULL REFERENCES agency(id),
    position {INT} NOT NULL,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    start_on {DATE},
    end_on {DATE},
    criteria TEXT NOT NULL,
    participants TEXT
);
CREATE INDEX movement_plan ON movement (plan_id);

-- A registration (đăng ký thi đua): a person's (person_id set) or a unit's own (person_id NULL).
-- `owner_key` is 'p:<person>' or 'u:<unit>', unique in a plan.
CREATE TABLE registration (
    id {ID},
    plan_id {INT} NOT NULL REFERENCES plan(id),
    agency_id {INT} NOT NULL REFERENCES agency(id),
    unit_id {INT} NOT NULL REFERENCES unit(id),
    person_id {INT} REFERENCES person(id),
    owner_key TEXT NOT NULL,
    title_code TEXT,
    commitment TEXT,
    status TEXT NOT NULL,
    version {INT} NOT NULL,
    return_reason TEXT,
    reopened_until {DATE},
    submitted_at {TS},
    reviewed_at {TS},
    reviewed_by {INT} REFERENCES app_user(id),
    created_at {TS} NOT NULL,
    updated_at {TS} NOT NULL,
    UNIQUE (plan_id, owner_key)
);
CREATE INDEX registration_unit ON registration (plan_id, unit_id);

-- A measurable target (chỉ tiêu) of a registration.
CREATE TABLE target (
    id {ID},
    registration_id {INT} NOT NULL REFERENCES registration(id),
    position {INT} NOT NULL,
    name TEXT NOT NULL,
    value {REAL} NOT NULL,
    unit_of_measure TEXT NOT NULL,
    last_year_value {REAL},
    responsible_person_id {INT} REFERENCES person(id),
    due_on {DATE},
    created_at {TS} NOT NULL,
    updated_at {TS} NOT NULL
);
CREATE INDEX target_registration ON target (registration_id);

-- Every state a registration went through (submitted, returned, approved, reopened), as it was.
CREATE TABLE registration_version (
    id {ID},
    registration_id {INT} NOT NULL REFERENCES registration(id),
    version {INT} NOT NULL,
    status TEXT NOT NULL,
    action TEXT NOT NULL,
    content TEXT NOT NULL,
    reason TEXT,
    actor_id {INT} REFERENCES app_user(id),
    at {TS} NOT NULL
);
CREATE INDEX registration_version_reg ON registration_version (registration_id, version);

-- Progress on a target (5 rõ: who, what, when, responsibility, result), with evidence files.
CREATE TABLE progress (
    id {ID},
    target_id {INT} NOT NULL REFERENCES target(id),
    reported_on {DATE} NOT NULL,
    value {REAL} NOT NULL,
    note TEXT,
    created_by {INT} REFERENCES app_user(id),
    created_at {TS} NOT NULL
);
CREATE INDEX progress_target ON progress (target_id, reported_on);

CREATE TABLE progress_file (
    progress_id {INT} NOT NULL REFERENCES progress(id),
    file_id {INT} NOT NULL REFERENCES file_blob(id),
    PRIMARY KEY (progress_id, file_id)
);

-- A unit's review report (báo cáo sơ kết: kind 'mid_year'; tổng kết: 'year_end'). `content`
-- holds the text sections and the figures drawn from registrations and progress when submitted.
CREATE TABLE report (
    id {ID},
    plan_id {INT} NOT NULL REFERENCES plan(id),
    agency_id {INT} NOT NULL REFERENCES agency(id),
    unit_id {INT} NOT NULL REFERENCES unit(id),
    kind TEXT NOT NULL,
    due_on {DATE} NOT NULL,
    status TEXT NOT NULL,
    version {INT} NOT NULL,
    content TEXT NOT NULL,
    return_reason TEXT,
    reopened_until {DATE},
    first_submitted_at {TS},
    submitted_at {TS},
    reviewed_at {TS},
    reviewed_by {INT} REFERENCES app_user(id),
    created_at {TS} NOT NULL,
    updated_at {TS} NOT NULL,
    UNIQUE (plan_id, unit_id, kind)
);

CREATE TABLE report_version (
    id {ID},
    report_id {INT} NOT NULL REFERENCES report(id),
    version {INT} NOT NULL,
    status TEXT NOT NULL,
    action TEXT NOT NULL,
    content TEXT NOT NULL,
    reason TEXT,
    actor_id {INT} REFERENCES app_user(id),
    at {TS} NOT NULL
);
CREATE INDEX report_version_report ON report_version (report_id, version);

-- What the app tells a user (also sent by e-mail when a reminder): deadlines near or missed,
-- items returned. `dedupe_key` makes each reminder happen once, whichever instance sends it.
CREATE TABLE notification (
    id {ID},
    user_id {INT} NOT NULL REFERENCES app_user(id),
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    link TEXT,
    due_on {DATE},
    dedupe_key TEXT UNIQUE,
    created_at {TS} NOT NULL,
    read_at {TS}
);
CREATE INDEX notification_user ON notification (user_id, created_at);

-- E-mails handed to the SMTP server (or that failed), for the record.
CREATE TABLE email_log (
    id {ID},
    job_id {INT} REFERENCES job(id),
    to_addr TEXT NOT NULL,
    subject TEXT NOT NULL,
    status TEXT NOT NULL,
    error TEXT,
    at {TS} NOT NULL
);

-- The secret of a user's private iCalendar feed URL (only its hash is stored).
CREATE TABLE calendar_token (
    user_id {INT} PRIMARY KEY REFERENCES app_user(id),
    token_hash {BLOB} NOT NULL UNIQUE,
    created_at {TS} NOT NULL
);

-- The texts a person or a unit writes into an achievement report (báo cáo thành tích, Decree 98
-- Mẫu 03 / Mẫu 02) for a year; the rest of the report is drawn from the records when exported.
CREATE TABLE achievement_text (
    id {ID},
    person_id {INT} REFERENCES person(id),
    unit_id {INT} REFERENCES unit(id),
    year {INT} NOT NULL,
    content TEXT NOT NULL,
    updated_by {INT} REFERENCES app_user(id),
    updated_at {TS} NOT NULL
);
CREATE INDEX achievement_text_owner ON achievement_text (person_id, unit_id, year);
