-- A change counter per meter (see sql/mysql/014_meter_change.sql); SQLite
-- writers are serialized by BEGIN IMMEDIATE anyway. reading_change (012)
-- stays, no longer written.
CREATE TABLE IF NOT EXISTS meter_change (
  meter_no VARCHAR(64) NOT NULL PRIMARY KEY,
  version INTEGER NOT NULL
);
