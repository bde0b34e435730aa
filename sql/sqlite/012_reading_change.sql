-- A counter every ebill write of readings bumps in its transaction; the API's
-- view cache is keyed on it and MAX(id). (SQLite writers are serialized by
-- BEGIN IMMEDIATE already.)
CREATE TABLE IF NOT EXISTS reading_change (
  id INTEGER NOT NULL PRIMARY KEY,
  writes INTEGER NOT NULL
);
INSERT INTO reading_change (id, writes) VALUES (1, 0) ON CONFLICT(id) DO NOTHING;
