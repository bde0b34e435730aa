#include "api/handlers/database_handle.h"

#include "api/server/metrics.h"
#include "common/log/log.h"
#include "common/storage/meter_store.h"
#include "common/storage/storage_error.h"

namespace ebill::api {
namespace {

constexpr std::chrono::seconds kRetryInterval{1};
constexpr std::chrono::seconds kLogInterval{60};  // repeated failures

HttpError unavailable() {
  return HttpError(503, "database_unavailable", "the database does not answer; try again later");
}

}  // namespace

DatabaseHandle::DatabaseHandle(DatabaseSettings settings, std::vector<Meter> configured)
    : state_(std::make_shared<State>()) {
  state_->settings = std::move(settings);
  state_->configured = std::move(configured);
}

DatabaseHandle::~DatabaseHandle() {
  bool done = false;
  {
    std::lock_guard lock(state_->mu);
    state_->stopping = true;
    done = state_->done;
  }
  state_->wake.notify_all();
  if (!opener_.joinable()) return;
  // An opener still inside a connect would hold the exit for up to
  // DB_CONNECT_TIMEOUT: leave it; it owns its state.
  if (done) {
    opener_.join();
  } else {
    opener_.detach();
  }
}

void DatabaseHandle::open_in_background() {
  opener_ = std::thread([state = state_] {
    keep_opening(state);
    std::lock_guard lock(state->mu);
    state->done = true;
  });
}

void DatabaseHandle::keep_opening(const std::shared_ptr<State>& state) {
  auto last_logged = std::chrono::steady_clock::now();
  for (bool first = true;; first = false) {
    const auto now = std::chrono::steady_clock::now();
    const bool log_failure = first || now - last_logged >= kLogInterval;
    if (log_failure) last_logged = now;
    if (try_open(*state, log_failure)) return;
    std::unique_lock lock(state->mu);
    if (state->wake.wait_for(lock, kRetryInterval, [&] { return state->stopping; })) return;
  }
}

bool DatabaseHandle::try_open(State& state, bool log_failure) {
  auto opened = storage::Database::open(state.settings);
  if (!opened) {
    metrics().count_database_error();
    if (log_failure) log::warn("api: database unavailable: {}", opened.error().message);
    return false;
  }
  std::unique_ptr<storage::Database> db = std::move(opened).value();
  try {
    storage::MeterStore meters(*db);
    for (const Meter& m : state.configured) meters.upsert(m);
  } catch (const std::exception& e) {
    metrics().count_database_error();
    if (log_failure) log::warn("api: database open, configured meters not stored yet: {}", e.what());
    return false;
  }
  log::info("api: database {} open", db->describe());
  state.owned = std::move(db);
  state.db.store(state.owned.get());
  return true;
}

storage::Database& DatabaseHandle::get() {
  if (auto* db = state_->db.load()) return *db;
  throw unavailable();
}

bool DatabaseHandle::ready() {
  try {
    return get().ping();
  } catch (const HttpError&) {
    return false;
  }
}

std::uint64_t DatabaseHandle::query_count() const {
  auto* db = state_->db.load();
  return db ? db->query_count() : 0;
}

Handler guard_storage(Handler handler) {
  return [handler = std::move(handler)](const Request& request) -> Response {
    try {
      return handler(request);
    } catch (const storage::StorageUnavailable& e) {
      metrics().count_database_error();
      log::warn("api: {} database unavailable: {}", request.path, e.what());
      throw unavailable();
    } catch (const storage::StorageError& e) {
      metrics().count_database_error();
      log::error("api: {} database error: {}", request.path, e.what());
      throw HttpError(500, "database_error", "the database refused the request");
    }
  };
}

}  // namespace ebill::api
