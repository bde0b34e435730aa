// The `meter_status` table: the outcome of each meter's latest polling
// attempts. Throws StorageUnavailable / StorageError like every store.
#ifndef EBILL_COMMON_STORAGE_STATUS_STORE_H_
#define EBILL_COMMON_STORAGE_STATUS_STORE_H_

#include <optional>
#include <string>
#include <vector>

#include "common/domain/meter.h"
#include "common/storage/database.h"

namespace ebill::storage {

// One polling attempt: a success when `error` is empty.
struct Attempt {
  std::string meter_no;
  LocalSeconds at = 0;  // local wall clock
  std::string error;    // why it failed; stored cut to 500 characters
  std::string note = {};  // success only: kept in last_error instead of ''
                          // (e.g. "accepted new level ..."), cut the same way
};

class StatusStore {
 public:
  explicit StatusStore(Database& db) : db_(db) {}  // db must outlive this

  // Records the attempts in one transaction, in order. A success sets
  // last_success and last_attempt to `at`, sets last_error to its note
  // (normally empty) and clears consecutive_failures; a failure sets last_attempt and last_error and
  // adds one to consecutive_failures. Not retried after a lost connection
  // (the count would double): throws StorageUnavailable instead.
  void record(const std::vector<Attempt>& attempts);
  void record_success(const std::string& meter_no, LocalSeconds at);
  void record_failure(const std::string& meter_no, LocalSeconds at, const std::string& error);

  // Every status row, by meter_no.
  std::vector<MeterStatus> list();
  std::optional<MeterStatus> get(const std::string& meter_no);

 private:
  Database& db_;
};

// `text` cut to at most `max_chars` UTF-8 characters, never inside one.
std::string truncate_utf8(const std::string& text, std::size_t max_chars);

}  // namespace ebill::storage

#endif  // EBILL_COMMON_STORAGE_STATUS_STORE_H_
