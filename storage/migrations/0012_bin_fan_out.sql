-- An alert to thousands is queued in the outbox a slice at a time, as its lane sends, rather
-- than all at once in the sender's turn, which held the bot for everyone for a fifth of a
-- second. While members are still being queued, the alert keeps what each of them gets and
-- the last member (by person id) queued so far; both are NULL once every member is queued.
ALTER TABLE bin_alerts ADD COLUMN to_queue TEXT;  -- JSON: {"photo": reply or null, "message": reply}
ALTER TABLE bin_alerts ADD COLUMN queued_until INTEGER;

CREATE INDEX bin_alerts_to_queue ON bin_alerts (paid, id) WHERE to_queue IS NOT NULL;
