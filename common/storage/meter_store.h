// The `meter` table: the list of meters both programs share. Throws
// StorageUnavailable / StorageError like every store.
#ifndef EBILL_COMMON_STORAGE_METER_STORE_H_
#define EBILL_COMMON_STORAGE_METER_STORE_H_

#include <optional>
#include <string>
#include <vector>

#include "common/domain/meter.h"
#include "common/storage/database.h"

namespace ebill::storage {

class MeterStore {
 public:
  explicit MeterStore(Database& db) : db_(db) {}  // db must outlive this

  // Inserts the meter (name, enabled, created_at as given), or, when its
  // meter_no exists, updates only its name: enabled and created_at stay.
  void upsert(const Meter& meter);
  // upsert() of each meter, in one transaction.
  void upsert(const std::vector<Meter>& meters);
  // Every meter, ordered by created_at, then meter_no.
  std::vector<Meter> list();
  std::optional<Meter> get(const std::string& meter_no);
  // Return false when no such meter exists.
  bool rename(const std::string& meter_no, const std::string& name);
  bool set_enabled(const std::string& meter_no, bool enabled);

 private:
  Database& db_;
};

}  // namespace ebill::storage

#endif  // EBILL_COMMON_STORAGE_METER_STORE_H_
