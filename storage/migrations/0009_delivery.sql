-- What each update of a person produced: the replies, stored in the same transaction as the
-- update's effects and keyed by Telegram's update id. An update that comes again gets these
-- replies instead of running a second time; replies that never reached Telegram (a crash
-- right after the commit) are sent at the next start. The replies are dropped once handed to
-- Telegram; the row is kept for a day.
CREATE TABLE inbox (
    update_id INTEGER PRIMARY KEY,
    telegram_id INTEGER NOT NULL,  -- whose update: erased with the person
    replies TEXT NOT NULL,  -- JSON list of replies; emptied once answered
    handled_at TEXT NOT NULL,
    answered_at TEXT  -- when the replies were handed to Telegram; NULL until then
);

CREATE INDEX inbox_handled ON inbox (handled_at);
CREATE INDEX inbox_telegram ON inbox (telegram_id);
CREATE INDEX inbox_unanswered ON inbox (update_id) WHERE answered_at IS NULL;

-- Every message owed to someone other than the person whose update is handled, and every
-- scheduled one, written in the same transaction as the change that causes it and sent by one
-- dispatcher after the commit: claimed, sent, recorded.
CREATE TABLE outbox (
    id INTEGER PRIMARY KEY,
    chat_id INTEGER NOT NULL,  -- a person's Telegram id, or a group's (negative) chat id
    cause TEXT NOT NULL,  -- what it is for: 'scan.summary', 'reminder.digest', ...
    -- The same key is queued once: "scan sturen" twice is one message, a digest one a day.
    dedupe_key TEXT NOT NULL UNIQUE,
    batch TEXT,  -- rows of one sending to many (an alert to a network), to follow its progress
    bulk INTEGER NOT NULL DEFAULT 0 CHECK (bulk IN (0, 1)),  -- scheduled or mass: goes last
    -- The update whose own replies go first: a row waits until they were handed to Telegram.
    update_id INTEGER,
    payload TEXT,  -- the reply as JSON; dropped once the row is finished
    status TEXT NOT NULL DEFAULT 'queued'
        CHECK (status IN ('queued', 'sending', 'sent', 'blocked', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    due_at TEXT,  -- not before this moment (a retry, a 429's retry_after); NULL: at once
    claimed_at TEXT,  -- when a dispatcher took it; an old claim belongs to a crashed one
    created_at TEXT NOT NULL,
    finished_at TEXT,
    error TEXT,  -- Telegram's reason for the last failure
    CHECK ((payload IS NULL) = (status IN ('sent', 'blocked', 'failed')))
);

CREATE INDEX outbox_waiting ON outbox (bulk, id) WHERE status IN ('queued', 'sending');
CREATE INDEX outbox_chat ON outbox (chat_id);
CREATE INDEX outbox_batch ON outbox (batch) WHERE batch IS NOT NULL;
CREATE INDEX outbox_created ON outbox (created_at);

-- The reminders' own claims move into the outbox, so what was sent is still known and
-- nothing goes twice across the upgrade. Unfinished claims are left to the next run.
INSERT INTO outbox (chat_id, cause, dedupe_key, bulk, status, attempts, created_at, finished_at)
SELECT p.telegram_id, 'reminder.' || d.kind,
       'reminder.' || d.kind || ':' || d.person_id || ':' || d.period,
       1, d.status, d.attempts, d.claimed_at, coalesce(d.finished_at, d.claimed_at)
FROM deliveries d JOIN people p ON p.id = d.person_id
WHERE d.status IN ('sent', 'blocked', 'failed') AND p.telegram_id IS NOT NULL;

INSERT INTO outbox (chat_id, cause, dedupe_key, bulk, status, attempts, created_at, finished_at)
SELECT p.telegram_id, 'meeting.reminder',
       'meeting.reminder:' || r.meeting_id || ':' || r.person_id || ':' || m.starts_at,
       1, 'sent', 1, r.sent_at, r.sent_at
FROM meeting_reminders r
JOIN people p ON p.id = r.person_id
JOIN meetings m ON m.id = r.meeting_id
WHERE p.telegram_id IS NOT NULL;

DROP TABLE deliveries;
DROP TABLE meeting_reminders;
