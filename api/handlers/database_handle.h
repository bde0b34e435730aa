// The API's database: opened and migrated at start on a thread of its own,
// retried once a second until it opens, so the server answers (/healthz,
// and 503 from the data endpoints and /readyz) while it is not there yet and
// recovers without a restart. No request ever opens it. The one place
// storage failures become HTTP answers.
#ifndef EBILL_API_HANDLERS_DATABASE_HANDLE_H_
#define EBILL_API_HANDLERS_DATABASE_HANDLE_H_

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>
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

  // Starts the opener thread: tries now, then once a second until the
  // database opens. Logs each success and failure as one line starting
  // "api: database " (failures at most once a minute after the first).
  // Call once; the destructor stops and joins the thread.
  void open_in_background();

  // The open database. Throws HttpError 503 (database_unavailable) while it
  // is not open. Never blocks on opening. Thread-safe.
  storage::Database& get();

  // Open and answering a trivial query. Never throws.
  bool ready();

  // Statements sent so far (0 before the database opened).
  std::uint64_t query_count() const;

 private:
  // Shared with the opener thread, which a stop leaves behind (detached)
  // while it still waits on a connect.
  struct State {
    DatabaseSettings settings;
    std::vector<Meter> configured;
    std::mutex mu;
    std::condition_variable wake;  // the destructor's stop
    bool stopping = false;         // under mu
    bool done = false;             // under mu: the opener has returned
    std::unique_ptr<storage::Database> owned;  // set once, by the opener
    std::atomic<storage::Database*> db{nullptr};
  };
  static void keep_opening(const std::shared_ptr<State>& state);
  static bool try_open(State& state, bool log_failure);

  std::shared_ptr<State> state_;
  std::thread opener_;
};

// `handler` with storage failures mapped to JSON answers: StorageUnavailable
// → 503 database_unavailable, StorageError → 500 database_error; both are
// counted in the database-error metric and logged (one short line).
Handler guard_storage(Handler handler);

}  // namespace ebill::api

#endif  // EBILL_API_HANDLERS_DATABASE_HANDLE_H_
