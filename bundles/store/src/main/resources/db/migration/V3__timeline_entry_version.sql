-- Optimistic lock on timeline entries: a provider's delivery report and the outbox recording a send
-- can change the same message at once, and neither may overwrite the other's status.
ALTER TABLE timeline_entry ADD COLUMN version BIGINT DEFAULT 0 NOT NULL;
