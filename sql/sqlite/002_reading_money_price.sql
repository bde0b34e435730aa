-- Remaining money (yuan) and unit price (yuan/kWh); "duplicate column name"
-- counts as already applied.
ALTER TABLE electricity_balance ADD COLUMN remain_money DECIMAL(10,2) NULL;
ALTER TABLE electricity_balance ADD COLUMN unit_price DECIMAL(10,4) NULL;
