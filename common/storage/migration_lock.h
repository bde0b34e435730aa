// The row that lets one program at a time apply migrations to a MySQL
// database, whichever server of a multi-primary cluster (Galera) each program
// is connected to (GET_LOCK is local to one server). The row names its owner
// (one token per process) and a lease in server UTC time; an owner that died
// loses it when the lease runs out. Claiming tolerates conflicts: two
// programs claiming at once through different nodes both write, one wins
// certification, the other gets a conflict, retries and finds the row
// taken. Not thread-safe: one per migrating connection.
#ifndef EBILL_COMMON_STORAGE_MIGRATION_LOCK_H_
#define EBILL_COMMON_STORAGE_MIGRATION_LOCK_H_

#include <string>

#include "common/storage/database_impl.h"

namespace ebill::storage {

class MigrationLock {
 public:
  // How long a claim or renewal holds the row.
  static constexpr int kLeaseSeconds = 30;

  // Creates the lock table when it is missing (idempotent DDL).
  explicit MigrationLock(Conn& c);
  // Releases the row if this program holds it.
  ~MigrationLock();
  MigrationLock(const MigrationLock&) = delete;
  MigrationLock& operator=(const MigrationLock&) = delete;

  // True when this program now holds the row: nobody held it, its lease ran
  // out, or this process already held it.
  bool try_claim();
  // Extends the lease. Throws StorageUnavailable when another program took
  // the row over (the lease ran out during one long statement).
  void renew();
  // Gives the row up (errors ignored: the lease runs out anyway).
  void release() noexcept;

 private:
  Conn& c_;
  bool held_ = false;
};

}  // namespace ebill::storage

#endif  // EBILL_COMMON_STORAGE_MIGRATION_LOCK_H_
