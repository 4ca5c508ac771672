-- The buurtinformatienetwerk (BIN): residents of a wijk who want to be warned, the link each
-- wijk is joined by, and the alerts the police sent them. Nobody reads a wijk's members by
-- name: only counts leave this table.
CREATE TABLE bin_links (
    area TEXT PRIMARY KEY,  -- the wijk, as the bot knows it
    code TEXT NOT NULL UNIQUE,  -- the secret in https://t.me/<bot>?start=bin_<code>
    created_at TEXT NOT NULL
);

CREATE TABLE bin_members (
    person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    area TEXT NOT NULL,
    joined_at TEXT NOT NULL,
    PRIMARY KEY (person_id, area)
);

CREATE INDEX bin_members_area ON bin_members (area);

-- What the police sent: kept as the zone's own communication (text, sender, time, figures).
CREATE TABLE bin_alerts (
    id INTEGER PRIMARY KEY,
    sender_id INTEGER REFERENCES people (id) ON DELETE SET NULL,
    kind TEXT NOT NULL,  -- warning, lookout, information, prevention
    areas TEXT NOT NULL,  -- JSON list of the wijken it went to
    text TEXT NOT NULL,
    photo_file_id TEXT,
    answers INTEGER NOT NULL CHECK (answers IN (0, 1)),  -- members may answer "ik heb iets gezien"
    paid INTEGER NOT NULL DEFAULT 0 CHECK (paid IN (0, 1)),  -- Telegram's paid broadcast
    recipients INTEGER NOT NULL,  -- members it was queued for
    sent_at TEXT NOT NULL,
    -- The sender's one progress message, edited as the alert goes out, then the report.
    progress_message_id INTEGER,
    reported_at TEXT,  -- when the final report was shown; NULL while it goes out
    -- The figures at the report, kept after the outbox forgets its rows.
    delivered INTEGER,
    blocked INTEGER,
    failed INTEGER
);

CREATE INDEX bin_alerts_unreported ON bin_alerts (id) WHERE reported_at IS NULL;

-- "Ik heb iets gezien": a member's answer to an alert. The text, place and photo are the
-- member's and are erased with him; the row (that an answer came) is kept for the figures.
CREATE TABLE bin_answers (
    id INTEGER PRIMARY KEY,
    alert_id INTEGER NOT NULL REFERENCES bin_alerts (id),
    person_id INTEGER REFERENCES people (id) ON DELETE SET NULL,
    what TEXT,
    place TEXT,
    latitude REAL,
    longitude REAL,
    seen_when TEXT,
    photo_file_id TEXT,
    created_at TEXT NOT NULL
);

CREATE INDEX bin_answers_alert ON bin_answers (alert_id);
CREATE INDEX bin_answers_person ON bin_answers (person_id);

-- Signals ("kleine ongemakken"): what a resident tells his wijkinspecteur at any time. The
-- texts and photo are the author's: erased with him, and 12 months after the signal closed;
-- the wijk, problem and status stay for the figures.
CREATE TABLE signals (
    id INTEGER PRIMARY KEY,
    area TEXT NOT NULL,
    problem TEXT NOT NULL,
    description TEXT,
    place TEXT,
    latitude REAL,
    longitude REAL,
    photo_file_id TEXT,
    keep_informed INTEGER NOT NULL CHECK (keep_informed IN (0, 1)),
    author_id INTEGER REFERENCES people (id) ON DELETE SET NULL,
    -- open, seen, city (passed to the city), solved, not_police, agenda (on a meeting's agenda)
    status TEXT NOT NULL DEFAULT 'open',
    concern_id INTEGER REFERENCES concerns (id) ON DELETE SET NULL,  -- taken onto an agenda
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    closed_at TEXT  -- when it left the open list; retention counts from here
);

CREATE INDEX signals_area_status ON signals (area, status);
CREATE INDEX signals_author ON signals (author_id);
