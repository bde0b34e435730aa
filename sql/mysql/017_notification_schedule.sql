-- Issue 14's alerts: the abnormal-usage episodes and the weekly summary per
-- meter (common/notify/notify_state.h), and the fleet-wide notices that
-- exactly one collector may send per period (notification_schedule: a
-- conditional UPDATE claims the period; common/storage/notify_schedule_store.h).
ALTER TABLE notification_state
  ADD COLUMN IF NOT EXISTS abnormal_hour_at DATETIME NULL,
  ADD COLUMN IF NOT EXISTS abnormal_hour_active TINYINT(1) NOT NULL DEFAULT 0,
  ADD COLUMN IF NOT EXISTS abnormal_day_at DATETIME NULL,
  ADD COLUMN IF NOT EXISTS abnormal_day_active TINYINT(1) NOT NULL DEFAULT 0,
  ADD COLUMN IF NOT EXISTS weekly_sent_at DATETIME NULL;
CREATE TABLE IF NOT EXISTS notification_schedule (
  name VARCHAR(32) NOT NULL PRIMARY KEY,
  sent_at DATETIME NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
INSERT INTO notification_schedule (name, sent_at) VALUES ('heartbeat', NULL) ON DUPLICATE KEY UPDATE name = name;
