-- Reading a window of readings (a day view: about 300 rows) from
-- (meter_no, collected_at) alone costs one primary-key lookup per row for
-- the balance; with every column the reads need in the index they are one
-- index range scan.
-- Existing rows are indexed when this runs.
CREATE INDEX IF NOT EXISTS idx_meter_time_reading
  ON electricity_balance (meter_no, collected_at, remain, remain_money, unit_price);
