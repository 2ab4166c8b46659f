-- Portable SQL: runs unchanged on H2 (embedded default) and PostgreSQL.
-- Several replicas share the outbox. A worker claims the due messages it is about to offer: it
-- selects them FOR UPDATE SKIP LOCKED and stamps them with its id and an expiry in one short
-- transaction. The due query skips messages with an unexpired claim; recording an outcome clears
-- the claim. A worker that dies holding a claim only delays its messages until the claim ends.
ALTER TABLE outbox_message ADD COLUMN claimed_by VARCHAR(64);
ALTER TABLE outbox_message ADD COLUMN claimed_until TIMESTAMP WITH TIME ZONE;
