// Where the readings live. Filled by the configuration loader from DB_* and
// SQLITE_PATH; consumed by the storage layer.
#ifndef EBILL_COMMON_CONFIG_DATABASE_SETTINGS_H_
#define EBILL_COMMON_CONFIG_DATABASE_SETTINGS_H_

#include <string>

namespace ebill {

struct DatabaseSettings {
  enum class Backend { kSqlite, kMysql };
  Backend backend = Backend::kSqlite;  // kMysql when DB_HOST is set

  // SQLite (the embedded default).
  std::string sqlite_path = "var/ebill.db";  // SQLITE_PATH; parent dir is created

  // MySQL / MariaDB.
  std::string host;               // DB_HOST
  int port = 3306;                // DB_PORT
  std::string user = "root";      // DB_USER
  std::string password;           // DB_PASSWORD (never logged)
  std::string name = "electricity";  // DB_NAME
  std::string charset = "utf8mb4";   // DB_CHARSET
  int connect_timeout_s = 5;      // DB_CONNECT_TIMEOUT
  int read_timeout_s = 10;        // DB_READ_TIMEOUT
  int write_timeout_s = 10;       // DB_WRITE_TIMEOUT

  int pool_size = 4;              // DB_POOL_SIZE: connections kept open

  // GAP_MINUTES (copied from the usage settings): the stored day summaries
  // are computed with it, so every program writing readings must agree.
  int summary_gap_minutes = 30;
};

}  // namespace ebill

#endif  // EBILL_COMMON_CONFIG_DATABASE_SETTINGS_H_
