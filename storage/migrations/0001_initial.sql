-- People the bot knows. Erasing someone clears telegram_id but keeps the row, so
-- references from invites and form responses stay intact.
CREATE TABLE people (
    id INTEGER PRIMARY KEY,
    telegram_id INTEGER UNIQUE,
    name TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('admin', 'officer', 'contact', 'resident')),
    area TEXT,
    language TEXT NOT NULL DEFAULT 'nl',
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE INDEX people_role ON people (role);

-- Only the SHA-256 of an invite token is kept; the token itself is shown once.
CREATE TABLE invites (
    id INTEGER PRIMARY KEY,
    token_hash TEXT NOT NULL UNIQUE,
    role TEXT NOT NULL CHECK (role IN ('admin', 'officer', 'contact', 'resident')),
    name TEXT,
    area TEXT,
    created_by INTEGER REFERENCES people (id),
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at TEXT,
    used_by INTEGER REFERENCES people (id),
    CHECK ((used_at IS NULL) = (used_by IS NULL))
);

CREATE INDEX invites_unused_expiry ON invites (expires_at) WHERE used_at IS NULL;
CREATE INDEX invites_created_by ON invites (created_by);
CREATE INDEX invites_used_by ON invites (used_by);

-- At most one dialog in progress per person.
CREATE TABLE dialog_states (
    person_id INTEGER PRIMARY KEY REFERENCES people (id) ON DELETE CASCADE,
    flow TEXT NOT NULL,
    step TEXT NOT NULL,
    token TEXT NOT NULL,
    data TEXT NOT NULL,
    message_id INTEGER,
    started_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE INDEX dialog_states_updated_at ON dialog_states (updated_at);

-- A submitted form keeps existing when its author is removed.
CREATE TABLE form_responses (
    id INTEGER PRIMARY KEY,
    person_id INTEGER REFERENCES people (id) ON DELETE SET NULL,
    form TEXT NOT NULL,
    form_version INTEGER NOT NULL,
    submitted_at TEXT NOT NULL
);

CREATE INDEX form_responses_person ON form_responses (person_id, submitted_at);
CREATE INDEX form_responses_form ON form_responses (form, form_version, submitted_at);

-- One row per answer, so answers can be queried per question; value is JSON.
CREATE TABLE form_answers (
    response_id INTEGER NOT NULL REFERENCES form_responses (id) ON DELETE CASCADE,
    question TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (response_id, question)
);

CREATE INDEX form_answers_question ON form_answers (question);
