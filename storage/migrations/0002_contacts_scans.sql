-- An officer's network of partner contacts. A contact who leaves is deactivated, never
-- deleted, so the scans keep their history.
CREATE TABLE contacts (
    id INTEGER PRIMARY KEY,
    officer_id INTEGER NOT NULL REFERENCES people (id),
    -- The Telegram account that opened the contact's invite; an account is one contact.
    person_id INTEGER UNIQUE REFERENCES people (id) ON DELETE SET NULL,
    name TEXT NOT NULL,
    organisation TEXT NOT NULL,
    role TEXT NOT NULL,
    area TEXT NOT NULL,
    phone TEXT,
    street TEXT,
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deactivated_at TEXT,
    CHECK ((active = 1) = (deactivated_at IS NULL))
);

CREATE INDEX contacts_officer ON contacts (officer_id, active);
CREATE INDEX contacts_area ON contacts (area);

-- An invite made for one contact links the account that opens it to that contact.
ALTER TABLE invites ADD COLUMN contact_id INTEGER REFERENCES contacts (id);

CREATE INDEX invites_contact ON invites (contact_id);

-- "Your yearly scan is ready", sent to a contact; closed once a scan is completed.
CREATE TABLE scan_requests (
    id INTEGER PRIMARY KEY,
    contact_id INTEGER NOT NULL REFERENCES contacts (id),
    requested_by INTEGER REFERENCES people (id) ON DELETE SET NULL,
    requested_at TEXT NOT NULL,
    reminded_at TEXT,
    closed_at TEXT
);

-- A contact is never asked twice at once.
CREATE UNIQUE INDEX scan_requests_open ON scan_requests (contact_id) WHERE closed_at IS NULL;
CREATE INDEX scan_requests_requested_by ON scan_requests (requested_by);

-- One yearly scan. visited_on is the local date of the visit, which drives the yearly cycle;
-- the fixed 'YYYY-MM-DD' form lets SQL compare dates as text.
CREATE TABLE scans (
    id INTEGER PRIMARY KEY,
    contact_id INTEGER NOT NULL REFERENCES contacts (id),
    -- The contact's officer at the time, which may differ from the officer today.
    officer_id INTEGER REFERENCES people (id) ON DELETE SET NULL,
    filled_by TEXT NOT NULL CHECK (filled_by IN ('contact', 'officer')),
    form TEXT NOT NULL,
    form_version INTEGER NOT NULL,
    visited_on TEXT NOT NULL
        CHECK (visited_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    submitted_at TEXT NOT NULL,
    feeling TEXT CHECK (feeling IN ('nooit', 'zelden', 'soms', 'vaak', 'altijd')),
    mark INTEGER CHECK (mark BETWEEN 1 AND 10),
    priority TEXT
);

CREATE INDEX scans_contact ON scans (contact_id, visited_on);
CREATE INDEX scans_officer ON scans (officer_id);

-- Every answer exactly as given, as JSON, so a later form version cannot lose any of it.
CREATE TABLE scan_answers (
    scan_id INTEGER NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
    question TEXT NOT NULL,
    value TEXT NOT NULL,
    PRIMARY KEY (scan_id, question)
);

-- The problems named in a scan, with how much they bother the contact.
CREATE TABLE scan_problems (
    scan_id INTEGER NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
    problem TEXT NOT NULL,
    severity TEXT CHECK (severity IN ('beetje', 'veel')),
    PRIMARY KEY (scan_id, problem)
);

-- The comparison with the previous scan, one row per problem, so analysis can count which
-- problems got worse in an area over a period.
CREATE TABLE scan_trends (
    scan_id INTEGER NOT NULL REFERENCES scans (id) ON DELETE CASCADE,
    problem TEXT NOT NULL,
    trend TEXT NOT NULL CHECK (trend IN ('new', 'worse', 'unchanged', 'improved', 'solved')),
    PRIMARY KEY (scan_id, problem)
);

CREATE INDEX scan_trends_problem ON scan_trends (problem, trend);
