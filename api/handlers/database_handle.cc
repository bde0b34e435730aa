#include "api/handlers/database_handle.h"

#include "api/server/metrics.h"
#include "common/log/log.h"
#include "common/storage/meter_store.h"
#include "common/storage/storage_error.h"

namespace ebill::api {
namespace {

constexpr std::chrono::seconds kRetryInterval{1};

HttpError unavailable() {
  return HttpError(503, "database_unavailable", "the database does not answer; try again later");
}

}  // namespace

DatabaseHandle::DatabaseHandle(DatabaseSettings settings, std::vector<Meter> configured)
    : settings_(std::move(settings)), configured_(std::move(configured)) {}

DatabaseHandle::~DatabaseHandle() = default;

void DatabaseHandle::try_open() {
  std::lock_guard lock(open_mu_);
  last_attempt_ = {};
  (void)open_if_due();
}

storage::Database* DatabaseHandle::open_if_due() {
  if (auto* db = db_.load()) return db;
  auto now = std::chrono::steady_clock::now();
  if (last_attempt_ != std::chrono::steady_clock::time_point{} &&
      now - last_attempt_ < kRetryInterval) {
    return nullptr;
  }
  last_attempt_ = now;
  auto opened = storage::Database::open(settings_);
  if (!opened) {
    metrics().count_database_error();
    log::warn("api: database unavailable: {}", opened.error().message);
    return nullptr;
  }
  std::unique_ptr<storage::Database> db = std::move(opened).value();
  try {
    storage::MeterStore meters(*db);
    for (const Meter& m : configured_) meters.upsert(m);
  } catch (const std::exception& e) {
    metrics().count_database_error();
    log::warn("api: configured meters not stored yet: {}", e.what());
    return nullptr;
  }
  log::info("api: database {} open", db->describe());
  owned_ = std::move(db);
  db_.store(owned_.get());
  return owned_.get();
}

storage::Database& DatabaseHandle::get() {
  if (auto* db = db_.load()) return *db;
  std::unique_lock lock(open_mu_, std::try_to_lock);
  if (!lock.owns_lock()) throw unavailable();  // another request is trying
  if (auto* db = open_if_due()) return *db;
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
  auto* db = db_.load();
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
