#include "api/handlers/meter_directory.h"

#include <algorithm>

#include "api/server/http_types.h"
#include "common/storage/meter_store.h"

namespace ebill::api {
namespace {

const Meter* find(const std::vector<Meter>& meters, const std::string& id) {
  for (const Meter& m : meters) {
    if (m.meter_no == id) return &m;
  }
  return nullptr;
}

}  // namespace

MeterDirectory::MeterDirectory(std::vector<std::string> preferred_order)
    : preferred_order_(std::move(preferred_order)) {}

std::vector<Meter> MeterDirectory::list(storage::Database& db) {
  std::vector<Meter> meters = storage::MeterStore(db).list();
  std::lock_guard lock(mu_);
  cached_ = meters;
  read_at_ = std::chrono::steady_clock::now();
  loaded_ = true;
  return meters;
}

std::vector<Meter> MeterDirectory::cached_list(storage::Database& db) {
  return snapshot(db, std::chrono::seconds(10));
}

std::vector<Meter> MeterDirectory::snapshot(storage::Database& db, std::chrono::seconds max_age) {
  {
    std::lock_guard lock(mu_);
    if (loaded_ && std::chrono::steady_clock::now() - read_at_ < max_age) return cached_;
  }
  return list(db);
}

HttpError unknown_device(const std::string& device_id) {
  return HttpError(404, "unknown_device", "no meter " + device_id);
}

Meter MeterDirectory::resolve(storage::Database& db, const std::optional<std::string>& device_id) {
  if (!device_id || device_id->empty()) {
    std::vector<Meter> meters = snapshot(db, std::chrono::seconds(10));
    for (const std::string& id : preferred_order_) {
      const Meter* m = find(meters, id);
      if (m && m->enabled) return *m;
    }
    auto it = std::find_if(meters.begin(), meters.end(), [](const Meter& m) { return m.enabled; });
    if (it == meters.end()) throw HttpError(404, "no_meter", "no enabled meter is configured");
    return *it;
  }
  if (!valid_meter_id(*device_id)) {
    throw HttpError(400, "bad_parameter", "device_id must be 1-64 letters or digits");
  }
  for (auto max_age : {std::chrono::seconds(10), std::chrono::seconds(1)}) {
    const std::vector<Meter> meters = snapshot(db, max_age);
    if (const Meter* m = find(meters, *device_id)) return *m;
  }
  throw unknown_device(*device_id);
}

}  // namespace ebill::api
