// The `notification_state` table: one notify::NotifyState per meter. Throws
// StorageUnavailable / StorageError like every store.
#ifndef EBILL_COMMON_STORAGE_NOTIFY_STATE_STORE_H_
#define EBILL_COMMON_STORAGE_NOTIFY_STATE_STORE_H_

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "common/notify/notify_state.h"
#include "common/storage/database.h"

namespace ebill::storage {

class NotifyStateStore {
 public:
  explicit NotifyStateStore(Database& db) : db_(db) {}  // db must outlive this

  // Every stored state, by meter_no (one query).
  std::map<std::string, notify::NotifyState> load_all();
  // Inserts or replaces each meter's state, all in one transaction. A state
  // without `since` is stored with since = `fallback_since`.
  using Entry = std::pair<std::string, notify::NotifyState>;  // meter_no, state
  void save(const std::vector<Entry>& states, LocalSeconds fallback_since);

 private:
  Database& db_;
};

}  // namespace ebill::storage

#endif  // EBILL_COMMON_STORAGE_NOTIFY_STATE_STORE_H_
