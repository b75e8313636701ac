-- Attachments whose content Switchboard fetched and keeps, beside those it only links to.
--
-- An attachment is REFERENCED (only its URL is known), PENDING (its channel is to fetch it; attempts and
-- next_attempt_at drive the back-off, as in the outbox), STORED (media_sha256 names its content) or
-- FAILED (last_error says why). Attachments stored before this version were references, hence the default.
ALTER TABLE attachment ADD COLUMN status VARCHAR(255) DEFAULT 'REFERENCED' NOT NULL;
ALTER TABLE attachment ADD COLUMN attempts INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE attachment ADD COLUMN next_attempt_at TIMESTAMP(6) WITH TIME ZONE;
ALTER TABLE attachment ADD COLUMN last_error VARCHAR(2000);
ALTER TABLE attachment ADD COLUMN media_sha256 VARCHAR(64);
-- The media fetcher polls for pending attachments whose next attempt is due.
CREATE INDEX ix_attachment_due ON attachment (status, next_attempt_at);

-- Content, addressed by the SHA-256 of its bytes (lower-case hex), so identical media are kept once.
-- BYTEA is PostgreSQL's byte string and an H2 name for BINARY VARYING; both hold the largest allowed media.
CREATE TABLE media (
    sha256       VARCHAR(64)                 PRIMARY KEY,
    content_type VARCHAR(255),
    size_bytes   BIGINT                      NOT NULL,
    content      BYTEA                       NOT NULL,
    created_at   TIMESTAMP(6) WITH TIME ZONE NOT NULL
);
