// The `notification_schedule` table: notices of the whole fleet (the daily
// heartbeat) that exactly one collector sends per period, however many run.
// Throws StorageUnavailable / StorageError like every store.
#ifndef EBILL_COMMON_STORAGE_NOTIFY_SCHEDULE_STORE_H_
#define EBILL_COMMON_STORAGE_NOTIFY_SCHEDULE_STORE_H_

#include <string>

#include "common/storage/database.h"
#include "common/time/civil_time.h"

namespace ebill::storage {

class NotifyScheduleStore {
 public:
  explicit NotifyScheduleStore(Database& db) : db_(db) {}  // db must outlive this

  // Claims the notice `name` (1-32 characters) for the period that began at
  // `period_start`: true, with `now` recorded, when it was last sent before
  // `period_start` (or never); false when some collector already claimed
  // this period. One conditional UPDATE (after an INSERT of a missing row),
  // so concurrent claimers never both win. Not retried after a lost
  // connection: the notice is sent at most once.
  bool claim(const std::string& name, LocalSeconds period_start, LocalSeconds now);

 private:
  Database& db_;
};

}  // namespace ebill::storage

#endif  // EBILL_COMMON_STORAGE_NOTIFY_SCHEDULE_STORE_H_
