-- A counter every ebill write of readings bumps in its transaction (on
-- MySQL its row lock orders concurrent writers; SQLite writers are already
-- serialized by BEGIN IMMEDIATE).
CREATE TABLE IF NOT EXISTS reading_change (
  id INTEGER NOT NULL PRIMARY KEY,
  writes INTEGER NOT NULL
);
INSERT INTO reading_change (id, writes) VALUES (1, 0) ON CONFLICT(id) DO NOTHING;
