-- The meters both programs share.
CREATE TABLE IF NOT EXISTS meter (
  meter_no VARCHAR(64) NOT NULL PRIMARY KEY,
  name VARCHAR(128) NOT NULL DEFAULT '',
  enabled INTEGER NOT NULL DEFAULT 1,
  created_at DATETIME NOT NULL
);
