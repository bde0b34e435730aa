-- Usage of each settled local day of each meter (docs/usage-semantics.md,
-- DaySummary): derived from electricity_balance by the write path, so a
-- month view reads 30 small rows instead of 8,640 readings. A row exists for
-- every day from the meter's first reading through its last settled day (a
-- reading at or after the day's end exists). Filled for existing readings by
-- a build step when this migration is applied; `ebill-api rebuild-summaries`
-- rebuilds it after another program wrote readings.
CREATE TABLE IF NOT EXISTS day_summary (
  meter_no VARCHAR(64) NOT NULL,
  day DATE NOT NULL,
  consumption DECIMAL(12,2) NOT NULL,
  recharge DECIMAL(12,2) NOT NULL,
  estimated TINYINT(1) NOT NULL,
  readings INT NOT NULL,
  first_at DATETIME NULL,
  first_remain DECIMAL(10,2) NULL,
  last_at DATETIME NULL,
  last_remain DECIMAL(10,2) NULL,
  PRIMARY KEY (meter_no, day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
