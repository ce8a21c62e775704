-- tdkt schema 0002: the year's plan and its movement (issues 4 and 5) — plans with their
-- movements, phases and deadlines; registrations with measurable targets, their versions and
-- progress with evidence; mid-year and year-end review reports with their versions;
-- notifications and personal calendar feeds. Markers as in 0001, plus REAL (double).

-- The plan (kế hoạch) of an agency for a year. `content` is the whole plan (tdkt_docs::plan::Plan)
-- as JSON: its prose blocks, legal bases, commemorations, movements, phases, deadlines,
-- responsibilities, recipients and signer. The tables after it are derived from `content` each
-- time it is saved, so that deadlines and phases can be queried across agencies.
CREATE TABLE plan (
    id INTEGER PRIMARY KEY,
    agency_id INTEGER NOT NULL REFERENCES agency(id),
    year INTEGER NOT NULL,
    status TEXT NOT NULL,
    number INTEGER,
    issued_on TEXT,
    content TEXT NOT NULL,
    published_at TEXT,
    published_by INTEGER REFERENCES app_user(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (agency_id, year)
);

CREATE TABLE plan_deadline (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plan(id),
    kind TEXT NOT NULL,
    due_on TEXT NOT NULL,
    description TEXT NOT NULL
);
CREATE INDEX plan_deadline_plan ON plan_deadline (plan_id);
CREATE INDEX plan_deadline_due ON plan_deadline (due_on);

CREATE TABLE plan_phase (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plan(id),
    number INTEGER NOT NULL,
    name TEXT NOT NULL,
    start_on TEXT NOT NULL,
    end_on TEXT NOT NULL
);
CREATE INDEX plan_phase_plan ON plan_phase (plan_id);

CREATE TABLE movement (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plan(id),
    agency_id INTEGER NOT NULL REFERENCES agency(id),
    position INTEGER NOT NULL,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    start_on TEXT,
    end_on TEXT,
    criteria TEXT NOT NULL,
    participants TEXT
);
CREATE INDEX movement_plan ON movement (plan_id);

-- A registration (đăng ký thi đua): a person's (person_id set) or a unit's own (person_id NULL).
-- `owner_key` is 'p:<person>' or 'u:<unit>', unique in a plan.
CREATE TABLE registration (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plan(id),
    agency_id INTEGER NOT NULL REFERENCES agency(id),
    unit_id INTEGER NOT NULL REFERENCES unit(id),
    person_id INTEGER REFERENCES person(id),
    owner_key TEXT NOT NULL,
    title_code TEXT,
    commitment TEXT,
    status TEXT NOT NULL,
    version INTEGER NOT NULL,
    return_reason TEXT,
    reopened_until TEXT,
    submitted_at TEXT,
    reviewed_at TEXT,
    reviewed_by INTEGER REFERENCES app_user(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (plan_id, owner_key)
);
CREATE INDEX registration_unit ON registration (plan_id, unit_id);

-- A measurable target (chỉ tiêu) of a registration.
CREATE TABLE target (
    id INTEGER PRIMARY KEY,
    registration_id INTEGER NOT NULL REFERENCES registration(id),
    position INTEGER NOT NULL,
    name TEXT NOT NULL,
    value REAL NOT NULL,
    unit_of_measure TEXT NOT NULL,
    last_year_value REAL,
    responsible_person_id INTEGER REFERENCES person(id),
    due_on TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX target_registration ON target (registration_id);

-- Every state a registration went through (submitted, returned, approved, reopened), as it was.
CREATE TABLE registration_version (
    id INTEGER PRIMARY KEY,
    registration_id INTEGER NOT NULL REFERENCES registration(id),
    version INTEGER NOT NULL,
    status TEXT NOT NULL,
    action TEXT NOT NULL,
    content TEXT NOT NULL,
    reason TEXT,
    actor_id INTEGER REFERENCES app_user(id),
    at TEXT NOT NULL
);
CREATE INDEX registration_version_reg ON registration_version (registration_id, version);

-- Progress on a target (5 rõ: who, what, when, responsibility, result), with evidence files.
CREATE TABLE progress (
    id INTEGER PRIMARY KEY,
    target_id INTEGER NOT NULL REFERENCES target(id),
    reported_on TEXT NOT NULL,
    value REAL NOT NULL,
    note TEXT,
    created_by INTEGER REFERENCES app_user(id),
    created_at TEXT NOT NULL
);
CREATE INDEX progress_target ON progress (target_id, reported_on);

CREATE TABLE progress_file (
    progress_id INTEGER NOT NULL REFERENCES progress(id),
    file_id INTEGER NOT NULL REFERENCES file_blob(id),
    PRIMARY KEY (progress_id, file_id)
);

-- A unit's review report (báo cáo sơ kết: kind 'mid_year'; tổng kết: 'year_end'). `content`
-- holds the text sections and the figures drawn from registrations and progress when submitted.
CREATE TABLE report (
    id INTEGER PRIMARY KEY,
    plan_id INTEGER NOT NULL REFERENCES plan(id),
    agency_id INTEGER NOT NULL REFERENCES agency(id),
    unit_id INTEGER NOT NULL REFERENCES unit(id),
    kind TEXT NOT NULL,
    due_on TEXT NOT NULL,
    status TEXT NOT NULL,
    version INTEGER NOT NULL,
    content TEXT NOT NULL,
    return_reason TEXT,
    reopened_until TEXT,
    first_submitted_at TEXT,
    submitted_at TEXT,
    reviewed_at TEXT,
    reviewed_by INTEGER REFERENCES app_user(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (plan_id, unit_id, kind)
);

CREATE TABLE report_version (
    id INTEGER PRIMARY KEY,
    report_id INTEGER NOT NULL REFERENCES report(id),
    version INTEGER NOT NULL,
    status TEXT NOT NULL,
    action TEXT NOT NULL,
    content TEXT NOT NULL,
    reason TEXT,
    actor_id INTEGER REFERENCES app_user(id),
    at TEXT NOT NULL
);
CREATE INDEX report_version_report ON report_version (report_id, version);

-- What the app tells a user (also sent by e-mail when a reminder): deadlines near or missed,
-- items returned. `dedupe_key` makes each reminder happen once, whichever instance sends it.
CREATE TABLE notification (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES app_user(id),
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    link TEXT,
    due_on TEXT,
    dedupe_key TEXT UNIQUE,
    created_at TEXT NOT NULL,
    read_at TEXT
);
CREATE INDEX notification_user ON notification (user_id, created_at);

-- E-mails handed to the SMTP server (or that failed), for the record.
CREATE TABLE email_log (
    id INTEGER PRIMARY KEY,
    job_id INTEGER REFERENCES job(id),
    to_addr TEXT NOT NULL,
    subject TEXT NOT NULL,
    status TEXT NOT NULL,
    error TEXT,
    at TEXT NOT NULL
);

-- The secret of a user's private iCalendar feed URL (only its hash is stored).
CREATE TABLE calendar_token (
    user_id INTEGER PRIMARY KEY REFERENCES app_user(id),
    token_hash BLOB NOT NULL UNIQUE,
    created_at TEXT NOT NULL
);

-- The texts a person or a unit writes into an achievement report (báo cáo thành tích, Decree 98
-- Mẫu 03 / Mẫu 02) for a year; the rest of the report is drawn from the records when exported.
CREATE TABLE achievement_text (
    id INTEGER PRIMARY KEY,
    person_id INTEGER REFERENCES person(id),
    unit_id INTEGER REFERENCES unit(id),
    year INTEGER NOT NULL,
    content TEXT NOT NULL,
    updated_by INTEGER REFERENCES app_user(id),
    updated_at TEXT NOT NULL
);
CREATE INDEX achievement_text_owner ON achievement_text (person_id, unit_id, year);
