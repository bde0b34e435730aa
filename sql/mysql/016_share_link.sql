-- Share links (ACCESS_MODE=shared): each opens one meter's dashboard. Only
-- the SHA-256 (hex) of a link's token is kept. Times are Unix seconds (UTC);
-- expires_at NULL = never, revoked_at NULL = not revoked. Rows are never
-- deleted, so an id is never reused by another link.
CREATE TABLE IF NOT EXISTS share_link (
  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
  token_hash CHAR(64) NOT NULL,
  meter_no VARCHAR(64) NOT NULL,
  label VARCHAR(200) NOT NULL DEFAULT '',
  allow_fetch TINYINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NULL,
  revoked_at BIGINT NULL,
  UNIQUE KEY share_link_token (token_hash)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
