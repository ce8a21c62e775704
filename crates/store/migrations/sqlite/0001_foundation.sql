-- tdkt schema 0001: the foundation. Written once with type markers and expanded into the SQLite
-- and PostgreSQL migrations by schema/expand.py (the two generated files are what runs; they are
-- committed and never edited after landing).
--   INTEGER PRIMARY KEY   integer primary key      TEXT   timestamp with time zone   TEXT calendar date
--   INTEGER boolean                  BLOB bytes                      INTEGER  64-bit integer

-- Organisation ---------------------------------------------------------------------------------

CREATE TABLE governing_body (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    short_name TEXT NOT NULL,
    province TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE cluster (
    id INTEGER PRIMARY KEY,
    governing_body_id INTEGER NOT NULL REFERENCES governing_body(id),
    code TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE agency (
    id INTEGER PRIMARY KEY,
    governing_body_id INTEGER NOT NULL REFERENCES governing_body(id),
    cluster_id INTEGER REFERENCES cluster(id),
    symbol TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    short_name TEXT NOT NULL,
    -- The issuing-body line of the document header ("SỞ KHOA HỌC VÀ CÔNG NGHỆ").
    header_name TEXT NOT NULL,
    place TEXT NOT NULL,
    name_sort BLOB NOT NULL,
    established_on TEXT,
    dissolved_on TEXT,
    successor_id INTEGER REFERENCES agency(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- The head agency of a cluster, per year (trưởng khối thi đua rotates).
CREATE TABLE cluster_head (
    cluster_id INTEGER NOT NULL REFERENCES cluster(id),
    year INTEGER NOT NULL,
    agency_id INTEGER NOT NULL REFERENCES agency(id),
    PRIMARY KEY (cluster_id, year)
);

CREATE TABLE unit (
    id INTEGER PRIMARY KEY,
    agency_id INTEGER NOT NULL REFERENCES agency(id),
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    short_name TEXT,
    parent_id INTEGER REFERENCES unit(id),
    -- Materialised path of ids, "/3/7/": a subtree is a prefix match.
    path TEXT NOT NULL,
    sort_order INTEGER NOT NULL DEFAULT 0,
    name_sort BLOB NOT NULL,
    name_search TEXT NOT NULL,
    established_on TEXT,
    dissolved_on TEXT,
    merged_into_id INTEGER REFERENCES unit(id),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (agency_id, code)
);
CREATE INDEX unit_path ON unit (path);

-- Names in force from a date: documents and histories show the name of their day.
CREATE TABLE unit_name (
    id INTEGER PRIMARY KEY,
    unit_id INTEGER NOT NULL REFERENCES unit(id),
    valid_from TEXT NOT NULL,
    name TEXT NOT NULL,
    UNIQUE (unit_id, valid_from)
);

CREATE TABLE agency_name (
    id INTEGER PRIMARY KEY,
    agency_id INTEGER NOT NULL REFERENCES agency(id),
    valid_from TEXT NOT NULL,
    name TEXT NOT NULL,
    header_name TEXT NOT NULL,
    UNIQUE (agency_id, valid_from)
);

-- Dated organisational changes (created, renamed, moved, merged, dissolved): history, never rewrites.
CREATE TABLE org_event (
    id INTEGER PRIMARY KEY,
    happened_on TEXT NOT NULL,
    kind TEXT NOT NULL,
    agency_id INTEGER REFERENCES agency(id),
    unit_id INTEGER REFERENCES unit(id),
    other_unit_id INTEGER REFERENCES unit(id),
    detail TEXT NOT NULL,
    created_by INTEGER,
    created_at TEXT NOT NULL
);
CREATE INDEX org_event_unit ON org_event (unit_id);

-- People -------------------------------------------------------------------------------------

CREATE TABLE person (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    full_name TEXT NOT NULL,
    name_sort BLOB NOT NULL,
    name_search TEXT NOT NULL,
    birth_date TEXT,
    gender TEXT,
    ethnicity TEXT,
    religion TEXT,
    hometown TEXT,
    residence TEXT,
    position TEXT,
    rank TEXT,
    category TEXT NOT NULL,
    started_on TEXT,
    appointed_on TEXT,
    qualifications TEXT,
    political_theory TEXT,
    email TEXT,
    phone TEXT,
    -- The current place, kept with person_unit (its history) in the same transaction.
    agency_id INTEGER NOT NULL REFERENCES agency(id),
    unit_id INTEGER REFERENCES unit(id),
    active INTEGER NOT NULL,
    left_on TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE INDEX person_agency_sort ON person (agency_id, name_sort);
CREATE INDEX person_current_unit ON person (unit_id);

CREATE TABLE person_unit (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES person(id),
    agency_id INTEGER NOT NULL REFERENCES agency(id),
    unit_id INTEGER NOT NULL REFERENCES unit(id),
    from_date TEXT NOT NULL,
    to_date TEXT,
    reason TEXT
);
CREATE INDEX person_unit_person ON person_unit (person_id);
CREATE INDEX person_unit_unit ON person_unit (unit_id);

-- Accounts -----------------------------------------------------------------------------------

CREATE TABLE app_user (
    id INTEGER PRIMARY KEY,
    username TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    display_name TEXT NOT NULL,
    email TEXT,
    person_id INTEGER REFERENCES person(id),
    disabled INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    last_login_at TEXT
);

CREATE TABLE user_role (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES app_user(id),
    role TEXT NOT NULL,
    agency_id INTEGER REFERENCES agency(id),
    unit_id INTEGER REFERENCES unit(id)
);
CREATE INDEX user_role_user ON user_role (user_id);

-- Only the SHA-256 of a session token is stored; the token lives in the cookie.
CREATE TABLE session (
    id_hash BLOB PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES app_user(id),
    csrf_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    ip TEXT,
    user_agent TEXT
);
CREATE INDEX session_by_user ON session (user_id);

CREATE TABLE login_failure (
    id INTEGER PRIMARY KEY,
    username_fold TEXT NOT NULL,
    ip TEXT NOT NULL,
    at TEXT NOT NULL
);
CREATE INDEX login_failure_user ON login_failure (username_fold, at);
CREATE INDEX login_failure_ip ON login_failure (ip, at);

CREATE TABLE api_token (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES app_user(id),
    name TEXT NOT NULL,
    token_hash BLOB NOT NULL UNIQUE,
    prefix TEXT NOT NULL,
    created_at TEXT NOT NULL,
    last_used_at TEXT,
    revoked_at TEXT
);

-- Every change: who, when, what, before and after; each row chained to the previous by hash.
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    user_id INTEGER,
    username TEXT,
    ip TEXT,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT,
    agency_id INTEGER,
    before_json TEXT,
    after_json TEXT,
    prev_hash TEXT NOT NULL,
    hash TEXT NOT NULL
);
CREATE INDEX audit_log_entity ON audit_log (entity, entity_id);
CREATE INDEX audit_log_agency ON audit_log (agency_id, id);

-- One row: the chain's head, locked by every audited write so the chain never forks.
CREATE TABLE audit_head (
    id INTEGER PRIMARY KEY,
    seq INTEGER NOT NULL,
    last_hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, last_hash) VALUES (1, 0, '');

-- Infrastructure -------------------------------------------------------------------------------

-- Uploaded and generated files, in the database on both backends (one-file backups).
CREATE TABLE file_blob (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size INTEGER NOT NULL,
    filename TEXT NOT NULL,
    data BLOB NOT NULL,
    created_by INTEGER,
    created_at TEXT NOT NULL
);

-- Background jobs, claimed through the database so that several instances never run one twice.
CREATE TABLE job (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    dedupe_key TEXT UNIQUE,
    payload TEXT NOT NULL,
    run_at TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    max_attempts INTEGER NOT NULL DEFAULT 5,
    locked_by TEXT,
    locked_until TEXT,
    last_error TEXT,
    created_at TEXT NOT NULL,
    finished_at TEXT
);
CREATE INDEX job_due ON job (status, run_at);

-- Official numbers (decision numbers and the like) come from these rows, in a transaction.
CREATE TABLE counter (
    scope TEXT NOT NULL,
    year INTEGER NOT NULL,
    kind TEXT NOT NULL,
    value INTEGER NOT NULL,
    PRIMARY KEY (scope, year, kind)
);

-- Settings with defaults: scope 'global' or 'agency:ID'; values are JSON.
CREATE TABLE setting (
    scope TEXT NOT NULL,
    key TEXT NOT NULL,
    value TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (scope, key)
);

-- Public holidays for working-day counts (Tết moves every year).
CREATE TABLE holiday (
    id INTEGER PRIMARY KEY,
    day TEXT NOT NULL,
    name TEXT NOT NULL,
    agency_id INTEGER REFERENCES agency(id)
);

-- Records the rule engine reads ---------------------------------------------------------------

-- Annual quality rating (xếp loại chất lượng): HTXSNV, HTTNV, HTNV, KHTNV.
CREATE TABLE person_rating (
    person_id INTEGER NOT NULL REFERENCES person(id),
    year INTEGER NOT NULL,
    rating TEXT NOT NULL,
    unit_id INTEGER REFERENCES unit(id),
    note TEXT,
    created_at TEXT NOT NULL,
    PRIMARY KEY (person_id, year)
);

CREATE TABLE unit_rating (
    unit_id INTEGER NOT NULL REFERENCES unit(id),
    year INTEGER NOT NULL,
    rating TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (unit_id, year)
);

-- Sáng kiến (initiative) or accepted S&T task, with the scope of its recognition.
CREATE TABLE initiative (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    person_id INTEGER NOT NULL REFERENCES person(id),
    year INTEGER NOT NULL,
    kind TEXT NOT NULL,
    scope TEXT NOT NULL,
    title TEXT NOT NULL,
    recognition_ref TEXT,
    recognized_on TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX initiative_person ON initiative (person_id);

-- Emulation titles conferred (danh hiệu thi đua), on a person or on a unit.
CREATE TABLE title (
    id INTEGER PRIMARY KEY,
    person_id INTEGER REFERENCES person(id),
    unit_id INTEGER REFERENCES unit(id),
    year INTEGER NOT NULL,
    code TEXT NOT NULL,
    ground TEXT,
    initiative_id INTEGER REFERENCES initiative(id),
    decision_no TEXT,
    decided_on TEXT,
    issuer TEXT,
    revoked_on TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX title_person ON title (person_id, year);
CREATE INDEX title_unit ON title (unit_id, year);

-- Forms of commendation received (hình thức khen thưởng), on a person or on a unit.
CREATE TABLE award (
    id INTEGER PRIMARY KEY,
    person_id INTEGER REFERENCES person(id),
    unit_id INTEGER REFERENCES unit(id),
    code TEXT NOT NULL,
    kind TEXT NOT NULL,
    decided_on TEXT NOT NULL,
    period_from_year INTEGER,
    period_to_year INTEGER,
    decision_no TEXT,
    issuer TEXT,
    reason TEXT,
    revoked_on TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX award_person ON award (person_id);
CREATE INDEX award_unit ON award (unit_id);

CREATE TABLE discipline (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES person(id),
    level TEXT NOT NULL,
    effective_on TEXT NOT NULL,
    until_on TEXT,
    decision_no TEXT,
    note TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX discipline_person ON discipline (person_id);

CREATE TABLE absence (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES person(id),
    from_date TEXT NOT NULL,
    to_date TEXT NOT NULL,
    kind TEXT NOT NULL,
    note TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX absence_person ON absence (person_id);

-- Disciplinary review, investigation, inspection or unresolved complaint: the person is deferred.
CREATE TABLE pending_case (
    id INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES person(id),
    kind TEXT NOT NULL,
    opened_on TEXT NOT NULL,
    closed_on TEXT,
    note TEXT,
    created_at TEXT NOT NULL
);
CREATE INDEX pending_case_person ON pending_case (person_id);
