-- A counter every ebill write of readings bumps as its first statement, in
-- the same transaction. The row lock makes concurrent writers (collector,
-- /fetch, spool replays) commit one after another, so a writer's day-summary
-- refresh always sees the readings of the one before it, and row ids follow
-- commit order: the API's view cache (keyed on MAX(id)) can never keep an
-- answer older than a committed write.
CREATE TABLE IF NOT EXISTS reading_change (
  id TINYINT NOT NULL PRIMARY KEY,
  writes BIGINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
INSERT INTO reading_change (id, writes) VALUES (1, 0) ON DUPLICATE KEY UPDATE id = id;
