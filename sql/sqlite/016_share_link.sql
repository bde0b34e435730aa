-- Share links (see sql/mysql/016_share_link.sql). AUTOINCREMENT: an id is
-- never reused.
CREATE TABLE IF NOT EXISTS share_link (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  token_hash CHAR(64) NOT NULL UNIQUE,
  meter_no VARCHAR(64) NOT NULL,
  label VARCHAR(200) NOT NULL DEFAULT '',
  allow_fetch INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NULL,
  revoked_at BIGINT NULL
);
