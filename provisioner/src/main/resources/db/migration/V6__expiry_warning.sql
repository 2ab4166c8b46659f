-- Portable SQL: runs unchanged on H2 (embedded default) and PostgreSQL.
-- The expiry an environment's people were last warned about: a warning goes out once per expiry,
-- and again after extend or a redeploy moved it.
ALTER TABLE environment ADD COLUMN expiry_warned_for TIMESTAMP WITH TIME ZONE;
