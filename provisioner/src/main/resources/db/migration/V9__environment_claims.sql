-- Portable SQL: runs unchanged on H2 (embedded default) and PostgreSQL.

-- One writer per environment across replicas: a replica claims an environment's work with a
-- conditional UPDATE and lets go when done. A replica that dies holding it loses it when it
-- runs out (runbot.reconcile.claim-timeout), and another drives the work again.
ALTER TABLE environment ADD COLUMN claimed_by VARCHAR(64);
ALTER TABLE environment ADD COLUMN claimed_until TIMESTAMP WITH TIME ZONE;

-- A namespace collected as an orphan may have no environment row at all (or no labels that
-- name its pull request); its audit entry still belongs in the log.
ALTER TABLE audit_entry ALTER COLUMN environment_id DROP NOT NULL;
ALTER TABLE audit_entry ALTER COLUMN repository DROP NOT NULL;
ALTER TABLE audit_entry ALTER COLUMN pull_request DROP NOT NULL;
