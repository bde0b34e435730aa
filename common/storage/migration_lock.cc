#include "common/storage/migration_lock.h"

#include <unistd.h>

#include <random>

#include "common/storage/backend.h"
#include "common/storage/retry.h"

namespace ebill::storage {

namespace {

constexpr const char* kLockTable =
    "CREATE TABLE IF NOT EXISTS schema_migration_lock ("
    " id TINYINT NOT NULL PRIMARY KEY,"
    " owner VARCHAR(128) NOT NULL,"
    " expires_at DATETIME NOT NULL"
    ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4";

// host:pid:random, the same for every migration of this process.
const std::string& process_token() {
  static const std::string token = [] {
    char host[64] = {};
    gethostname(host, sizeof host - 1);
    std::random_device rd;
    return std::string(host) + ":" + std::to_string(getpid()) + ":" + std::to_string(rd());
  }();
  return token;
}

}  // namespace

MigrationLock::MigrationLock(Conn& c) : c_(c) {
  retry_conflicts([&] { c_.query() << kLockTable; });
}

MigrationLock::~MigrationLock() { release(); }

bool MigrationLock::try_claim() {
  const std::string& me = process_token();
  int lease = kLeaseSeconds;
  held_ = retry_conflicts([&] {
    try {
      c_.query() << "INSERT INTO schema_migration_lock (id, owner, expires_at)"
                    " VALUES (1, :owner, UTC_TIMESTAMP() + INTERVAL :lease SECOND)",
          soci::use(me), soci::use(lease);
      return true;
    } catch (const soci::soci_error& e) {
      if (mysql_error_number(e) != 1062) throw;  // duplicate key: the row is held
    }
    // Held: take it over if its lease ran out (or it is this process's).
    // MySQL connections count matched rows, so renewing one's own counts.
    soci::statement st =
        (c_.query().prepare << "UPDATE schema_migration_lock"
                               " SET expires_at = UTC_TIMESTAMP() + INTERVAL :lease SECOND,"
                               " owner = :owner"
                               " WHERE id = 1 AND (owner = :me OR expires_at < UTC_TIMESTAMP())",
         soci::use(lease), soci::use(me), soci::use(me));
    st.execute(true);
    return st.get_affected_rows() == 1;
  });
  return held_;
}

void MigrationLock::renew() {
  const std::string& me = process_token();
  int lease = kLeaseSeconds;
  const long long rows = retry_conflicts([&] {
    soci::statement st =
        (c_.query().prepare << "UPDATE schema_migration_lock"
                               " SET expires_at = UTC_TIMESTAMP() + INTERVAL :lease SECOND"
                               " WHERE id = 1 AND owner = :owner",
         soci::use(lease), soci::use(me));
    st.execute(true);
    return st.get_affected_rows();
  });
  if (rows != 1) {
    held_ = false;
    throw StorageUnavailable("another program took over the migration lock");
  }
}

void MigrationLock::release() noexcept {
  if (!held_) return;
  held_ = false;
  try {
    const std::string& me = process_token();
    retry_conflicts([&] {
      c_.query() << "DELETE FROM schema_migration_lock WHERE id = 1 AND owner = :owner",
          soci::use(me);
    });
  } catch (...) {
    // The lease runs out by itself.
  }
}

}  // namespace ebill::storage
