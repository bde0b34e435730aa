-- The outcome of the latest polling attempts of each meter.
CREATE TABLE IF NOT EXISTS meter_status (
  meter_no VARCHAR(64) NOT NULL PRIMARY KEY,
  last_success DATETIME NULL,
  last_attempt DATETIME NULL,
  last_error VARCHAR(500) NOT NULL DEFAULT '',
  consecutive_failures INT NOT NULL DEFAULT 0
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
