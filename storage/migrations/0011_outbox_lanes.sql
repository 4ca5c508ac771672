-- Paid broadcasts (Telegram's allow_paid_broadcast, up to 1,000 a second for a fee) go in a
-- lane of their own beside the 30-a-second bulk pace, so the outbox says which lane a row is in.
ALTER TABLE outbox ADD COLUMN paid INTEGER NOT NULL DEFAULT 0 CHECK (paid IN (0, 1));

-- A claim takes the first due rows of one lane in the order they go: in this index the claim
-- reads just those, instead of scanning and sorting the whole outbox on every claim.
DROP INDEX outbox_waiting;
CREATE INDEX outbox_waiting ON outbox (paid, bulk, id) WHERE status IN ('queued', 'sending');

-- A sending's progress counts the rows of its batch by status from the index alone.
DROP INDEX outbox_batch;
CREATE INDEX outbox_batch ON outbox (batch, status) WHERE batch IS NOT NULL;

-- Rows that wait for the replies of the update that caused them, found from those updates.
CREATE INDEX outbox_update ON outbox (update_id) WHERE update_id IS NOT NULL;
