-- The unique key on stream_position already finds the rows still waiting for a position (NULL), on H2
-- and on PostgreSQL; a second index on the same column only made every write of the change log dearer.
DROP INDEX ix_change_log_unsequenced;
