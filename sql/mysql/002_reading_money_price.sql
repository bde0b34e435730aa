-- Remaining money (yuan) and unit price (yuan/kWh), as the source page shows
-- them. One column per statement: the runner treats "duplicate column" as
-- already applied, so this works on MariaDB and MySQL 8 alike even where a
-- column was added by hand.
ALTER TABLE electricity_balance ADD COLUMN remain_money DECIMAL(10,2) NULL;
ALTER TABLE electricity_balance ADD COLUMN unit_price DECIMAL(10,4) NULL;
