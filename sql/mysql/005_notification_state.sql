-- What the notifier remembers per meter, so that restarts neither repeat nor
-- lose notifications (common/notify/notify_state.h).
CREATE TABLE IF NOT EXISTS notification_state (
  meter_no VARCHAR(64) NOT NULL PRIMARY KEY,
  since DATETIME NOT NULL,
  low_active TINYINT(1) NOT NULL DEFAULT 0,
  low_sent_at DATETIME NULL,
  low_value DECIMAL(10,2) NOT NULL DEFAULT 0,
  stale_active TINYINT(1) NOT NULL DEFAULT 0,
  report_sent_at DATETIME NULL,
  recharge_seen_at DATETIME NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
