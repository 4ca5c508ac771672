-- Every reminder the bot sends, or is sending, to whom and for which period. The unique key
-- lets the database, not the scheduler, decide that a reminder goes out once: a restart, a
-- second run of the job or a second process finds the row and sends nothing.
CREATE TABLE deliveries (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('digest', 'overview', 'scan_reminder')),
    person_id INTEGER NOT NULL REFERENCES people (id) ON DELETE CASCADE,
    -- The local date the reminder is for: its day, or the Monday of its week.
    period TEXT NOT NULL CHECK (period GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    -- sending: claimed by a run; retry: a temporary error, may be claimed again;
    -- sent, blocked (the person blocked the bot) and failed are final.
    status TEXT NOT NULL CHECK (status IN ('sending', 'retry', 'sent', 'blocked', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 1 CHECK (attempts >= 1),
    claimed_at TEXT NOT NULL,
    finished_at TEXT,
    UNIQUE (kind, person_id, period)
);

CREATE INDEX deliveries_person ON deliveries (person_id);
CREATE INDEX deliveries_period ON deliveries (period);

-- A contact kept out of the visit digest until back_on: a visit planned, or "later".
-- One row per contact: the officer's latest decision counts.
CREATE TABLE visit_plans (
    contact_id INTEGER PRIMARY KEY REFERENCES contacts (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('planned', 'snoozed')),
    planned_on TEXT,
    back_on TEXT NOT NULL CHECK (back_on GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    set_by INTEGER REFERENCES people (id) ON DELETE SET NULL,
    set_at TEXT NOT NULL,
    CHECK ((kind = 'planned') = (planned_on IS NOT NULL))
);

-- How often a member of staff wants the visit digest; no row means every working day.
CREATE TABLE digest_preferences (
    person_id INTEGER PRIMARY KEY REFERENCES people (id) ON DELETE CASCADE,
    frequency TEXT NOT NULL CHECK (frequency IN ('off', 'daily', 'weekly')),
    updated_at TEXT NOT NULL
);

-- People who blocked the bot (Telegram answered Forbidden): reminders skip them until they
-- come back, instead of trying again every day.
CREATE TABLE blocked_people (
    person_id INTEGER PRIMARY KEY REFERENCES people (id) ON DELETE CASCADE,
    blocked_at TEXT NOT NULL
);
