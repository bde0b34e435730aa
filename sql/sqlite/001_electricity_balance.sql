-- SQLite twin of the existing installations' table. The UNIQUE constraint's
-- index covers (meter_no, collected_at), so no second idx_meter_time index.
CREATE TABLE IF NOT EXISTS electricity_balance (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  meter_no VARCHAR(64) NOT NULL,
  remain DECIMAL(10,2) NOT NULL,
  collected_at DATETIME NOT NULL,
  CONSTRAINT uk_meter_collected UNIQUE (meter_no, collected_at)
);
