-- The table existing installations already have, byte for byte in meaning:
-- ebill can be pointed at one of them and keeps every row.
CREATE TABLE IF NOT EXISTS electricity_balance (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  meter_no VARCHAR(64) NOT NULL,
  remain DECIMAL(10,2) NOT NULL,
  collected_at DATETIME NOT NULL,
  KEY idx_meter_time (meter_no, collected_at),
  UNIQUE KEY uk_meter_collected (meter_no, collected_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
