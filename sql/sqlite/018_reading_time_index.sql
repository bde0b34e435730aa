-- The fleet overview reads the readings of every meter since yesterday's
-- start (common/storage/summary_sql.cc select_fleet_readings): with
-- (meter_no, collected_at) first that is a scan per meter of all its
-- readings (MariaDB does not range-scan the second column of a semi-join's
-- ref); with collected_at first and every column the read needs, it is one
-- range scan of the recent rows. Measured with 1,000 meters of 30 days:
-- 2.9 s -> 0.1 s of server time for the 180,000 rows since yesterday.
-- Existing rows are indexed when this runs.
CREATE INDEX IF NOT EXISTS idx_time_reading
  ON electricity_balance (collected_at, meter_no, remain, remain_money, unit_price);
