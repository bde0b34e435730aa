-- Each meter's open day (see sql/mysql/019_day_open.sql): the summary of
-- the local day of its newest reading and that reading, kept by the write
-- path; filled for existing readings when this migration is applied.
CREATE TABLE IF NOT EXISTS day_open (
  meter_no VARCHAR(64) NOT NULL,
  day DATE NOT NULL,
  consumption DECIMAL(12,2) NOT NULL,
  recharge DECIMAL(12,2) NOT NULL,
  estimated INTEGER NOT NULL,
  readings INTEGER NOT NULL,
  first_at DATETIME NULL,
  first_remain DECIMAL(10,2) NULL,
  last_at DATETIME NULL,
  last_remain DECIMAL(10,2) NULL,
  last_money DECIMAL(10,2) NULL,
  last_price DECIMAL(10,4) NULL,
  first_reading_at DATETIME NOT NULL,
  gap_minutes INTEGER NOT NULL,
  rules_version INTEGER NOT NULL,
  PRIMARY KEY (meter_no)
) WITHOUT ROWID;
-- The fleet overview reads every meter's stored days of today - 8 .. today
-- (day, consumption, readings, last reading): by the primary key (meter_no,
-- day) that is a read of every stored day of each meter, growing with the
-- history; with day first and every column the read needs, one range scan
-- of those days. A summary row is written once per meter and day, so the
-- index costs little.
CREATE INDEX IF NOT EXISTS idx_day_summary_day ON day_summary (day, meter_no, gap_minutes,
  rules_version, consumption, readings, last_at, last_remain);
