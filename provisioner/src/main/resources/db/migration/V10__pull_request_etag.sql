-- Portable SQL: runs unchanged on H2 (embedded default) and PostgreSQL.
-- What the periodic check for missed "closed" webhooks last saw of each pull request: GitHub's
-- ETag of that answer, sent back as If-None-Match so an unchanged pull request costs a 304 (free
-- of rate limit), and whether the pull request was open in it, which a 304 says is still so.
ALTER TABLE github_pull_request ADD COLUMN pull_request_etag VARCHAR(255);
ALTER TABLE github_pull_request ADD COLUMN pull_request_open BOOLEAN;
