-- Who read or changed personal data, and when; never the data itself.
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    actor_id INTEGER REFERENCES people (id) ON DELETE SET NULL,
    action TEXT NOT NULL,
    subject_kind TEXT,
    subject_id INTEGER
);

CREATE INDEX audit_log_at ON audit_log (at);

-- Wrong /start payloads per person, so guessing invite tokens is slowed down.
CREATE TABLE start_attempts (
    person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    at TEXT NOT NULL
);

CREATE INDEX start_attempts_person ON start_attempts (person_id, at);

-- An erased person keeps an empty row so references stay valid; erased_at says when.
ALTER TABLE people ADD COLUMN erased_at TEXT;

-- A contact made anonymous (erased, or an archive of old scans) keeps only what the zone's
-- statistics need: area, role and the scans.
ALTER TABLE contacts ADD COLUMN anonymous INTEGER NOT NULL DEFAULT 0 CHECK (anonymous IN (0, 1));
