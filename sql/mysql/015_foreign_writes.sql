-- Rows of electricity_balance written by other programs (the old app, a
-- manual SQL fix) are noticed: a trigger on each kind of change marks the
-- (meter, local day) of the old and the new row in stale_day, in the
-- writer's own transaction, whatever program wrote it. ebill's own writes
-- clear the marks of their days in the same transaction; ebill-api
-- recomputes the summaries of the other marked days in the background,
-- moves those meters' meter_change versions and clears the marks it
-- covered (docs/scaling.md, "Writes by other programs"). `writes` counts
-- the changes since the mark was made: a mark is cleared only if it did not
-- change meanwhile, and every change is a write of the row, so a change on
-- another cluster node conflicts with the clearing at certification.
-- Triggers fire on the node a statement runs on; the rows they write
-- replicate like any other (row-based replication never runs them twice).
CREATE TABLE IF NOT EXISTS stale_day (
  meter_no VARCHAR(64) NOT NULL,
  day DATE NOT NULL,
  writes BIGINT NOT NULL,
  PRIMARY KEY (meter_no, day)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
CREATE TRIGGER IF NOT EXISTS electricity_balance_insert_marks AFTER INSERT ON electricity_balance FOR EACH ROW INSERT INTO stale_day (meter_no, day, writes) VALUES (NEW.meter_no, DATE(NEW.collected_at), 1) ON DUPLICATE KEY UPDATE writes = writes + 1;
CREATE TRIGGER IF NOT EXISTS electricity_balance_update_marks AFTER UPDATE ON electricity_balance FOR EACH ROW INSERT INTO stale_day (meter_no, day, writes) VALUES (OLD.meter_no, DATE(OLD.collected_at), 1), (NEW.meter_no, DATE(NEW.collected_at), 1) ON DUPLICATE KEY UPDATE writes = writes + 1;
CREATE TRIGGER IF NOT EXISTS electricity_balance_delete_marks AFTER DELETE ON electricity_balance FOR EACH ROW INSERT INTO stale_day (meter_no, day, writes) VALUES (OLD.meter_no, DATE(OLD.collected_at), 1) ON DUPLICATE KEY UPDATE writes = writes + 1;
-- The rules each stored summary was computed with: GAP_MINUTES and the
-- usage library's usage::kSummaryRulesVersion. Rows of other rules (and
-- every row made before this version: 0) are not used by the views, which
-- compute those days from the readings, and are rebuilt by ebill-api in the
-- background at start. Every existing row is kept until then.
ALTER TABLE day_summary ADD COLUMN gap_minutes INT NOT NULL DEFAULT 0;
ALTER TABLE day_summary ADD COLUMN rules_version INT NOT NULL DEFAULT 0;
