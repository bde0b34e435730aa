-- A change counter per meter, replacing 012's one global row: every ebill
-- write of readings upserts the rows of its batch's meters (version + 1) as
-- its first statement, in the same transaction. Writers of the same meter
-- queue on its row (each day-summary refresh sees the readings of the
-- writer before); writers of different meters touch different rows, so on
-- a multi-primary cluster they never fail certification against each
-- other. The API's view cache compares a meter's version: it moves only at
-- commit, whatever order row ids were given in. A meter without a row has
-- version 0. reading_change (012) stays, no longer written.
CREATE TABLE IF NOT EXISTS meter_change (
  meter_no VARCHAR(64) NOT NULL PRIMARY KEY,
  version BIGINT NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
