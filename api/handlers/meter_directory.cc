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

bool MeterDirectory::fresh(std::chrono::seconds max_age) const {
  return loaded_ && std::chrono::steady_clock::now() - read_at_ < max_age;
}

std::vector<Meter> MeterDirectory::snapshot(storage::Database& db, std::chrono::seconds max_age) {
  {
    std::lock_guard lock(mu_);
    if (fresh(max_age)) return cached_;
  }
  return list(db);
}

HttpError unknown_device(const std::string& device_id) {
  return HttpError(404, "unknown_device", "no meter " + device_id);
}

namespace {
bool names_default(const std::optional<std::string>& device_id) {
  return !device_id || device_id->empty();
}
}  // namespace

const Meter* MeterDirectory::pick(const std::vector<Meter>& meters,
                                  const std::optional<std::string>& device_id) const {
  if (!names_default(device_id)) return find(meters, *device_id);
  for (const std::string& id : preferred_order_) {
    const Meter* m = find(meters, id);
    if (m && m->enabled) return m;
  }
  auto it = std::find_if(meters.begin(), meters.end(), [](const Meter& m) { return m.enabled; });
  return it == meters.end() ? nullptr : &*it;
}

Meter MeterDirectory::resolve(storage::Database& db, const std::optional<std::string>& device_id) {
  const bool named = !names_default(device_id);
  if (named && !valid_meter_id(*device_id)) {
    throw HttpError(400, "bad_parameter", "device_id must be 1-64 letters or digits");
  }
  std::vector<Meter> meters = snapshot(db, std::chrono::seconds(10));
  const Meter* m = pick(meters, device_id);
  if (!m && named) {  // a meter added since: read again unless read within 1 s
    meters = snapshot(db, std::chrono::seconds(1));
    m = pick(meters, device_id);
  }
  if (m) return *m;
  if (named) throw unknown_device(*device_id);
  throw HttpError(404, "no_meter", "no enabled meter is configured");
}

std::optional<Meter> MeterDirectory::resolve_cached(const std::optional<std::string>& device_id) {
  if (!names_default(device_id) && !valid_meter_id(*device_id)) return std::nullopt;
  std::lock_guard lock(mu_);
  if (!fresh(std::chrono::seconds(10))) return std::nullopt;
  const Meter* m = pick(cached_, device_id);
  if (m == nullptr) return std::nullopt;
  return *m;
}

}  // namespace ebill::api
