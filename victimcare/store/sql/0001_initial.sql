-- victimcare schema 1: the whole case model.
-- Times are UTC ISO 8601 with offset ('2026-11-28T09:30:00+00:00'); dates are 'YYYY-MM-DD'.
-- Closed vocabularies are checked in Python against the domain (and the Code rules file),
-- so a new Code version needs no migration.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
INSERT INTO meta(key, value) VALUES ('application', 'victimcare');

CREATE TABLE officers (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL,
    staff_number  TEXT NOT NULL DEFAULT '',
    team          TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL
);

CREATE TABLE cases (
    id                        INTEGER PRIMARY KEY,
    reference                 TEXT NOT NULL UNIQUE,
    crime_reference           TEXT NOT NULL DEFAULT '',
    offence_category          TEXT NOT NULL,
    offence_date              TEXT,
    code_version              TEXT NOT NULL,
    status                    TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    opened_at                 TEXT NOT NULL,
    closed_at                 TEXT,
    closure_reason            TEXT NOT NULL DEFAULT '',
    retention_review_date     TEXT,
    persistently_targeted     INTEGER NOT NULL DEFAULT 0 CHECK (persistently_targeted IN (0, 1)),
    -- NULL: enhanced rights are derived from the facts; 0 or 1: the officer's override.
    enhanced_override         INTEGER CHECK (enhanced_override IN (0, 1)),
    enhanced_override_reason  TEXT NOT NULL DEFAULT '',
    officer_id                INTEGER REFERENCES officers(id),
    notes                     TEXT NOT NULL DEFAULT '',
    CHECK (enhanced_override IS NULL OR enhanced_override_reason <> ''),
    CHECK (status = 'open' OR closed_at IS NOT NULL)
);
CREATE INDEX cases_status ON cases(status);

CREATE TABLE victims (
    id                      INTEGER PRIMARY KEY,
    case_id                 INTEGER NOT NULL UNIQUE REFERENCES cases(id) ON DELETE CASCADE,
    given_names             TEXT NOT NULL,
    family_name             TEXT NOT NULL DEFAULT '',
    preferred_name          TEXT NOT NULL DEFAULT '',
    date_of_birth           TEXT,
    address                 TEXT NOT NULL DEFAULT '',
    postcode                TEXT NOT NULL DEFAULT '',
    email                   TEXT NOT NULL DEFAULT '',
    language                TEXT NOT NULL DEFAULT 'English',
    interpreter_needed      INTEGER NOT NULL DEFAULT 0 CHECK (interpreter_needed IN (0, 1)),
    interpreter_language    TEXT NOT NULL DEFAULT '',
    communication_needs     TEXT NOT NULL DEFAULT ''
);

CREATE TABLE victim_phones (
    id        INTEGER PRIMARY KEY,
    victim_id INTEGER NOT NULL REFERENCES victims(id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    label     TEXT NOT NULL DEFAULT '',
    number    TEXT NOT NULL,
    UNIQUE (victim_id, position)
);

CREATE TABLE vulnerability_flags (
    victim_id INTEGER NOT NULL REFERENCES victims(id) ON DELETE CASCADE,
    flag      TEXT NOT NULL,
    PRIMARY KEY (victim_id, flag)
) WITHOUT ROWID;

-- Tri-state permissions: NULL means "not yet asked", which the app treats as "not safe".
CREATE TABLE safe_contact_rules (
    case_id               INTEGER PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,
    voicemail_ok          INTEGER CHECK (voicemail_ok IN (0, 1)),
    texts_ok              INTEGER CHECK (texts_ok IN (0, 1)),
    letters_ok            INTEGER CHECK (letters_ok IN (0, 1)),
    email_ok              INTEGER CHECK (email_ok IN (0, 1)),
    call_from             TEXT,   -- 'HH:MM' local time, or NULL for no restriction
    call_until            TEXT,
    suspect_lives_with    INTEGER NOT NULL DEFAULT 0 CHECK (suspect_lives_with IN (0, 1)),
    suspect_lives_near    INTEGER NOT NULL DEFAULT 0 CHECK (suspect_lives_near IN (0, 1)),
    notes                 TEXT NOT NULL DEFAULT ''
);

CREATE TABLE contact_agreements (
    case_id          INTEGER PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,
    frequency_days   INTEGER CHECK (frequency_days IS NULL OR frequency_days > 0),
    method           TEXT NOT NULL DEFAULT 'phone',
    through_whom     TEXT NOT NULL DEFAULT 'victim',
    through_name     TEXT NOT NULL DEFAULT '',
    start_date       TEXT,
    opted_out        INTEGER NOT NULL DEFAULT 0 CHECK (opted_out IN (0, 1)),
    paused           INTEGER NOT NULL DEFAULT 0 CHECK (paused IN (0, 1)),
    waiver_reason    TEXT NOT NULL DEFAULT '',
    notes            TEXT NOT NULL DEFAULT '',
    CHECK ((opted_out = 0 AND paused = 0) OR waiver_reason <> '')
);

CREATE TABLE case_events (
    id           INTEGER PRIMARY KEY,
    case_id      INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    kind         TEXT NOT NULL,
    occurred_at  TEXT NOT NULL,
    recorded_at  TEXT NOT NULL,
    notes        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX case_events_case ON case_events(case_id, occurred_at);

-- Contact log entries are evidential: the row as first written never changes.
-- A correction is a row in contact_amendments carrying the corrected fields and a reason.
CREATE TABLE contacts (
    id           INTEGER PRIMARY KEY,
    case_id      INTEGER NOT NULL REFERENCES cases(id),
    occurred_at  TEXT NOT NULL,
    method       TEXT NOT NULL,
    direction    TEXT NOT NULL,
    with_whom    TEXT NOT NULL,
    outcome      TEXT NOT NULL,
    covered      TEXT NOT NULL DEFAULT '[]',   -- JSON array of Code items
    narrative    TEXT NOT NULL DEFAULT '',
    recorded_at  TEXT NOT NULL,
    officer_id   INTEGER REFERENCES officers(id)
);
CREATE INDEX contacts_case ON contacts(case_id, occurred_at);

CREATE TABLE contact_amendments (
    id           INTEGER PRIMARY KEY,
    contact_id   INTEGER NOT NULL REFERENCES contacts(id),
    amended_at   TEXT NOT NULL,
    reason       TEXT NOT NULL CHECK (reason <> ''),
    occurred_at  TEXT NOT NULL,
    method       TEXT NOT NULL,
    direction    TEXT NOT NULL,
    with_whom    TEXT NOT NULL,
    outcome      TEXT NOT NULL,
    covered      TEXT NOT NULL DEFAULT '[]',
    narrative    TEXT NOT NULL DEFAULT '',
    officer_id   INTEGER REFERENCES officers(id)
);
CREATE INDEX contact_amendments_contact ON contact_amendments(contact_id, id);

-- Erasure of a whole case (retention) is the only way log rows may go: the erasing code
-- names the case here first, inside the same transaction.
CREATE TABLE erasure_in_progress (
    case_id INTEGER PRIMARY KEY
);

CREATE TRIGGER contacts_never_edited BEFORE UPDATE ON contacts
BEGIN
    SELECT RAISE(ABORT, 'contact log entries cannot be edited: add an amendment');
END;

CREATE TRIGGER contacts_never_deleted BEFORE DELETE ON contacts
WHEN NOT EXISTS (SELECT 1 FROM erasure_in_progress WHERE case_id = OLD.case_id)
BEGIN
    SELECT RAISE(ABORT, 'contact log entries cannot be deleted');
END;

CREATE TRIGGER contact_amendments_never_edited BEFORE UPDATE ON contact_amendments
BEGIN
    SELECT RAISE(ABORT, 'amendments cannot be edited: add another amendment');
END;

CREATE TRIGGER contact_amendments_never_deleted BEFORE DELETE ON contact_amendments
WHEN NOT EXISTS (
    SELECT 1 FROM erasure_in_progress e JOIN contacts c ON c.case_id = e.case_id
    WHERE c.id = OLD.contact_id
)
BEGIN
    SELECT RAISE(ABORT, 'amendments cannot be deleted');
END;

CREATE TABLE care_plans (
    case_id      INTEGER PRIMARY KEY REFERENCES cases(id) ON DELETE CASCADE,
    review_date  TEXT,
    notes        TEXT NOT NULL DEFAULT ''
);

CREATE TABLE care_needs (
    id        INTEGER PRIMARY KEY,
    case_id   INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    area      TEXT NOT NULL,
    level     TEXT NOT NULL,
    notes     TEXT NOT NULL DEFAULT ''
);
CREATE INDEX care_needs_case ON care_needs(case_id);

CREATE TABLE care_actions (
    id            INTEGER PRIMARY KEY,
    case_id       INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    need_id       INTEGER REFERENCES care_needs(id) ON DELETE SET NULL,
    description   TEXT NOT NULL,
    owner         TEXT NOT NULL DEFAULT '',
    due_date      TEXT,
    status        TEXT NOT NULL DEFAULT 'open',
    completed_on  TEXT
);
CREATE INDEX care_actions_case ON care_actions(case_id);

CREATE TABLE referrals (
    id            INTEGER PRIMARY KEY,
    case_id       INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    agency        TEXT NOT NULL,
    consent       TEXT NOT NULL DEFAULT 'not_asked',
    consent_date  TEXT,
    referred_on   TEXT,
    status        TEXT NOT NULL DEFAULT 'planned',
    notes         TEXT NOT NULL DEFAULT ''
);
CREATE INDEX referrals_case ON referrals(case_id);

-- What the officer owes the victim. Status is never stored: it follows from due_at,
-- met_at, waived_at and the time now.
CREATE TABLE commitments (
    id                 INTEGER PRIMARY KEY,
    case_id            INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
    kind               TEXT NOT NULL CHECK (kind IN ('statutory', 'agreed', 'promise')),
    reason             TEXT NOT NULL,
    event_id           INTEGER REFERENCES case_events(id) ON DELETE CASCADE,
    due_at             TEXT NOT NULL,
    created_at         TEXT NOT NULL,
    met_by_contact_id  INTEGER REFERENCES contacts(id),
    met_at             TEXT,
    waived_at          TEXT,
    waived_reason      TEXT NOT NULL DEFAULT '',
    CHECK (waived_at IS NULL OR waived_reason <> ''),
    CHECK ((met_by_contact_id IS NULL) = (met_at IS NULL))
);
CREATE INDEX commitments_case ON commitments(case_id, due_at);
CREATE INDEX commitments_open ON commitments(due_at) WHERE met_at IS NULL AND waived_at IS NULL;

-- Data Protection Act 2018 s.62 log. Rows are hash-chained (each row's hash covers the
-- previous row's), so editing or removing an earlier row is detectable.
CREATE TABLE audit_log (
    id              INTEGER PRIMARY KEY,
    at              TEXT NOT NULL,
    officer         TEXT NOT NULL,
    action          TEXT NOT NULL CHECK (action IN (
                        'collection', 'alteration', 'consultation', 'disclosure',
                        'combination', 'erasure')),
    case_reference  TEXT NOT NULL DEFAULT '',
    detail          TEXT NOT NULL DEFAULT '',
    prev_hash       TEXT NOT NULL,
    hash            TEXT NOT NULL
);
CREATE INDEX audit_log_case ON audit_log(case_reference, at);

-- Full-text search over what an officer types into the search box. Kept in step by the
-- store (reindex_case); remove_diacritics lets "wojcik" find "Wójcik".
CREATE VIRTUAL TABLE case_search USING fts5(
    body,
    tokenize = "unicode61 remove_diacritics 2"
);
