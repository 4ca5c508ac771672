-- Whether a resident agreed that the police may contact them about a concern. Apart from
-- keep_informed (messages from the bot): only this lets a forwarded concern carry who wrote it.
ALTER TABLE concerns ADD COLUMN contactable INTEGER NOT NULL DEFAULT 0 CHECK (contactable IN (0, 1));
