// Readings of electricity_balance: idempotent batch writes and set-based
// reads, each one range scan of the (meter_no, collected_at) index. Times are
// local wall clock (APP_TZ) as stored; nothing is converted. Every call
// throws StorageUnavailable when the database cannot be reached and
// StorageError for other database errors.
#ifndef EBILL_COMMON_STORAGE_READING_STORE_H_
#define EBILL_COMMON_STORAGE_READING_STORE_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "common/domain/reading.h"
#include "common/storage/database.h"

namespace ebill::storage {

// What the answers about one meter depend on: the meter's change version
// (sql/*/014_meter_change.sql; moves when an ebill write of its readings
// commits, in commit order on every backend and cluster) and the highest
// row id (moves when another program inserts a reading, best effort: ids
// need not follow commit order). Equal markers: no ebill write of the
// meter committed in between.
struct ChangeMarker {
  std::int64_t version = 0;
  std::int64_t max_id = 0;
  bool operator==(const ChangeMarker&) const = default;
};

// Every meter's change version (meters without one are absent: version 0)
// and the highest row id, read in one statement.
struct ChangeMarkers {
  std::unordered_map<std::string, std::int64_t> versions;
  std::int64_t max_id = 0;
  ChangeMarker of(const std::string& meter_no) const {
    const auto it = versions.find(meter_no);
    return {it == versions.end() ? 0 : it->second, max_id};
  }
};

class ReadingStore {
 public:
  explicit ReadingStore(Database& db) : db_(db) {}  // db must outlive this

  // Stores the readings in one transaction (MySQL: multi-row INSERTs of up
  // to 500 rows). A reading whose (meter_no, collected_at) already exists, in the
  // table or earlier in the batch, is skipped and changes nothing. Returns
  // how many rows were new. Values are stored as given (no validation).
  std::size_t insert(const std::vector<Reading>& readings);

  // Readings of `meter_no` with from <= collected_at < to, oldest first.
  std::vector<Reading> between(const std::string& meter_no, LocalSeconds from,
                               LocalSeconds to);
  // The last reading strictly before `t` (the anchor of a window).
  std::optional<Reading> last_before(const std::string& meter_no, LocalSeconds t);
  // The newest reading of the meter.
  std::optional<Reading> latest(const std::string& meter_no);
  // The newest reading of every meter that has readings, by meter_no, in
  // one query.
  std::vector<Reading> latest_per_meter();

  // How fresh a read must be on a node of a Galera cluster, where a write
  // committed through another node is certified everywhere at once but
  // applied here a little later (docs/scaling.md, "Reads through another
  // node").
  enum class Freshness {
    kLocal,   // what this node has applied (elsewhere: everything committed)
    kCausal,  // every write the cluster committed before the call: the node
              // first applies them (wsrep_sync_wait=1, this statement only)
  };
  // What a cached answer about `meter_no` was computed from (one query).
  // After a kCausal read, every read through this node sees at least that.
  ChangeMarker change_marker(const std::string& meter_no, Freshness freshness = Freshness::kLocal);
  // The markers of every meter (one statement: a scan of meter_change, one
  // row per meter, and one primary-key step).
  ChangeMarkers change_markers();

  // Calls `row` for each reading with from <= collected_at < to, oldest
  // first, fetching `chunk` rows per query so memory stays bounded and no
  // connection is held while `row` runs. `row` returns false to stop.
  // Returns how many rows were delivered.
  std::size_t for_each(const std::string& meter_no, LocalSeconds from, LocalSeconds to,
                       const std::function<bool(const Reading&)>& row,
                       std::size_t chunk = 5000);

 private:
  Database& db_;
};

}  // namespace ebill::storage

#endif  // EBILL_COMMON_STORAGE_READING_STORE_H_
