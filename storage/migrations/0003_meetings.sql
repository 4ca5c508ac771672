-- A buurtgesprek planned by an officer. Residents reach it only through its random code
-- (the deep link `/start bg_<code>` and the flyer's QR code), never through its id.
-- intake_until is the moment concerns can no longer be submitted or withdrawn.
CREATE TABLE meetings (
    id INTEGER PRIMARY KEY,
    code TEXT NOT NULL UNIQUE CHECK (length(code) BETWEEN 8 AND 32),
    officer_id INTEGER NOT NULL REFERENCES people (id),
    kind TEXT NOT NULL CHECK (
        kind IN ('inventariserend', 'thematisch', 'netwerk', 'geruststellend', 'mobiliserend')
    ),
    starts_at TEXT NOT NULL,
    place TEXT NOT NULL,
    area TEXT NOT NULL,
    theme TEXT,
    intake_until TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    cancelled_at TEXT,
    closed_at TEXT,
    CHECK (intake_until <= starts_at),
    CHECK (cancelled_at IS NULL OR closed_at IS NULL)
);

CREATE INDEX meetings_officer ON meetings (officer_id, starts_at);
CREATE INDEX meetings_starts_at ON meetings (starts_at);

-- What a resident brings to a meeting. The free texts, the place, the location and the photo
-- (a Telegram file id) are personal data; they may be NULL once erased, while the problem
-- and the meeting stay for the comparison with later meetings and scans. A concern that the
-- officer merged into another keeps its own texts and points at the one it joined.
CREATE TABLE concerns (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings (id),
    author_id INTEGER REFERENCES people (id) ON DELETE SET NULL,
    problem TEXT NOT NULL,
    description TEXT CHECK (length(description) <= 1000),
    place TEXT,
    latitude REAL,
    longitude REAL,
    photo_file_id TEXT,
    solution TEXT,
    keep_informed INTEGER NOT NULL DEFAULT 0 CHECK (keep_informed IN (0, 1)),
    merged_into INTEGER REFERENCES concerns (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    CHECK ((latitude IS NULL) = (longitude IS NULL)),
    CHECK (merged_into IS NULL OR merged_into <> id)
);

CREATE INDEX concerns_meeting ON concerns (meeting_id, problem);
CREATE INDEX concerns_author ON concerns (author_id);
CREATE INDEX concerns_merged_into ON concerns (merged_into);

-- "Ik herken dit ook": one per resident per concern. A support whose person is erased
-- keeps counting, anonymously (NULLs are distinct in a UNIQUE constraint).
CREATE TABLE supports (
    id INTEGER PRIMARY KEY,
    concern_id INTEGER NOT NULL REFERENCES concerns (id) ON DELETE CASCADE,
    person_id INTEGER REFERENCES people (id) ON DELETE SET NULL,
    keep_informed INTEGER NOT NULL DEFAULT 0 CHECK (keep_informed IN (0, 1)),
    created_at TEXT NOT NULL,
    UNIQUE (concern_id, person_id)
);

CREATE INDEX supports_person ON supports (person_id);

-- The day-before reminder, one row per person and meeting, written before it is sent, so a
-- restart or a second run never sends it twice.
CREATE TABLE meeting_reminders (
    meeting_id INTEGER NOT NULL REFERENCES meetings (id) ON DELETE CASCADE,
    person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    sent_at TEXT NOT NULL,
    PRIMARY KEY (meeting_id, person_id)
);

-- The problems chosen at the meeting to work on, in the order chosen.
CREATE TABLE priorities (
    meeting_id INTEGER NOT NULL REFERENCES meetings (id),
    problem TEXT NOT NULL,
    position INTEGER NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (meeting_id, problem)
);

-- What is agreed for a priority: with a partner, scored, with a due date and a status.
CREATE TABLE actions (
    id INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL,
    problem TEXT NOT NULL,
    what TEXT NOT NULL,
    partner TEXT,
    effect INTEGER NOT NULL CHECK (effect BETWEEN 1 AND 5),
    feasibility INTEGER NOT NULL CHECK (feasibility BETWEEN 1 AND 5),
    due_on TEXT CHECK (due_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    status TEXT NOT NULL DEFAULT 'planned'
        CHECK (status IN ('planned', 'in_progress', 'done', 'not_feasible')),
    created_by INTEGER REFERENCES people (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    FOREIGN KEY (meeting_id, problem) REFERENCES priorities (meeting_id, problem)
);

CREATE INDEX actions_meeting ON actions (meeting_id, problem);

-- The concerns an action answers: their followers hear of its status changes.
CREATE TABLE action_concerns (
    action_id INTEGER NOT NULL REFERENCES actions (id) ON DELETE CASCADE,
    concern_id INTEGER NOT NULL REFERENCES concerns (id) ON DELETE CASCADE,
    PRIMARY KEY (action_id, concern_id)
);

CREATE INDEX action_concerns_concern ON action_concerns (concern_id);
