-- Rows of electricity_balance written by other programs are noticed (see
-- sql/mysql/015_foreign_writes.sql): triggers mark the (meter, local day) of
-- each inserted, changed or deleted row in stale_day. One trigger body per
-- line (a ';' ending a line ends a migration statement).
CREATE TABLE IF NOT EXISTS stale_day (
  meter_no VARCHAR(64) NOT NULL,
  day DATE NOT NULL,
  writes INTEGER NOT NULL,
  PRIMARY KEY (meter_no, day)
) WITHOUT ROWID;
CREATE TRIGGER IF NOT EXISTS electricity_balance_insert_marks AFTER INSERT ON electricity_balance BEGIN INSERT INTO stale_day (meter_no, day, writes) VALUES (NEW.meter_no, date(NEW.collected_at), 1) ON CONFLICT(meter_no, day) DO UPDATE SET writes = writes + 1; END;
CREATE TRIGGER IF NOT EXISTS electricity_balance_update_marks AFTER UPDATE ON electricity_balance BEGIN INSERT INTO stale_day (meter_no, day, writes) VALUES (OLD.meter_no, date(OLD.collected_at), 1), (NEW.meter_no, date(NEW.collected_at), 1) ON CONFLICT(meter_no, day) DO UPDATE SET writes = writes + 1; END;
CREATE TRIGGER IF NOT EXISTS electricity_balance_delete_marks AFTER DELETE ON electricity_balance BEGIN INSERT INTO stale_day (meter_no, day, writes) VALUES (OLD.meter_no, date(OLD.collected_at), 1) ON CONFLICT(meter_no, day) DO UPDATE SET writes = writes + 1; END;
-- The rules each stored summary was computed with (GAP_MINUTES and
-- usage::kSummaryRulesVersion); 0 for rows made before: rebuilt by ebill-api
-- in the background, computed from the readings meanwhile.
ALTER TABLE day_summary ADD COLUMN gap_minutes INTEGER NOT NULL DEFAULT 0;
ALTER TABLE day_summary ADD COLUMN rules_version INTEGER NOT NULL DEFAULT 0;
