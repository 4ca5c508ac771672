-- Wrong start links and codes are counted per Telegram id rather than per person, so that
-- /vergeet, which erases the person, does not reset the count. The id is kept only as a keyed
-- hash (`caller`) whose key is never in this database. The old rows, at most a day of counts
-- per person, are not worth carrying over.
DROP TABLE start_attempts;

CREATE TABLE start_attempts (
    caller TEXT NOT NULL,
    at TEXT NOT NULL
);

CREATE INDEX start_attempts_caller ON start_attempts (caller, at);
