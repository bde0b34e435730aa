// The API's database: opened at start if it answers, otherwise opened later
// by whichever request comes first (at most one attempt at a time, one per
// second), so the server starts and recovers without a restart. The one
// place storage failures become HTTP answers.
#ifndef EBILL_API_HANDLERS_DATABASE_HANDLE_H_
#define EBILL_API_HANDLERS_DATABASE_HANDLE_H_

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <vector>

#include "api/routing/router.h"
#include "common/config/database_settings.h"
#include "common/domain/meter.h"
#include "common/storage/database.h"

namespace ebill::api {

class DatabaseHandle {
 public:
  // `configured` meters are upserted into the meter table once the database
  // opens (names updated; enabled and created_at kept).
  DatabaseHandle(DatabaseSettings settings, std::vector<Meter> configured);
  ~DatabaseHandle();

  // Tries to open now (logs the outcome). For start-up.
  void try_open();

  // The open database. Throws HttpError 503 (database_unavailable) when it
  // is not open and cannot be opened right now.
  storage::Database& get();

  // Open and answering a trivial query. Never throws.
  bool ready();

  // Statements sent so far (0 before the database opened).
  std::uint64_t query_count() const;

 private:
  storage::Database* open_if_due();

  DatabaseSettings settings_;
  std::vector<Meter> configured_;
  std::mutex open_mu_;  // one open attempt at a time
  std::chrono::steady_clock::time_point last_attempt_{};
  std::unique_ptr<storage::Database> owned_;  // set once, under open_mu_
  std::atomic<storage::Database*> db_{nullptr};
};

// `handler` with storage failures mapped to JSON answers: StorageUnavailable
// → 503 database_unavailable, StorageError → 500 database_error; both are
// counted in the database-error metric and logged (one short line).
Handler guard_storage(Handler handler);

}  // namespace ebill::api

#endif  // EBILL_API_HANDLERS_DATABASE_HANDLE_H_
