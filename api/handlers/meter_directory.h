// Which meters exist: the `meter` table, cached for a few seconds so a data
// request spends no query on it. Decides the meter a request means.
#ifndef EBILL_API_HANDLERS_METER_DIRECTORY_H_
#define EBILL_API_HANDLERS_METER_DIRECTORY_H_

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "api/server/http_types.h"
#include "common/domain/meter.h"
#include "common/storage/database.h"

namespace ebill::api {

// The 404 answer for a meter id that names no meter (as resolve() throws it).
HttpError unknown_device(const std::string& device_id);

class MeterDirectory {
 public:
  // `preferred_order`: the configured meter ids; the default meter is the
  // first of them that is enabled, else the first enabled meter of the table.
  explicit MeterDirectory(std::vector<std::string> preferred_order);

  // The meter `device_id` names, or the default meter when it is absent or
  // empty. Throws HttpError 400 (bad_parameter) for an id that is not 1-64
  // letters or digits, 404 (unknown_device / no_meter) when there is no such
  // meter. Reads the table when the cache is older than 10 s, or 1 s for an
  // id not in it; throws storage errors like the stores.
  Meter resolve(storage::Database& db, const std::optional<std::string>& device_id);

  // What resolve() gives when it would read nothing (the cache is younger
  // than 10 s and holds the meter); nullopt otherwise, also where resolve()
  // throws. Never reads the table, never throws.
  std::optional<Meter> resolve_cached(const std::optional<std::string>& device_id);

  // Every meter (the table's order) as cached: read only when the cache is
  // older than 10 s.
  std::vector<Meter> cached_list(storage::Database& db);

  // Every meter (the table's order), read now; refreshes the cache.
  std::vector<Meter> list(storage::Database& db);

 private:
  std::vector<Meter> snapshot(storage::Database& db, std::chrono::seconds max_age);
  // The meter `device_id` names in `meters` (the default meter when absent
  // or empty), or nullptr.
  const Meter* pick(const std::vector<Meter>& meters,
                    const std::optional<std::string>& device_id) const;
  bool fresh(std::chrono::seconds max_age) const;  // REQUIRES: mu_ held

  std::vector<std::string> preferred_order_;
  std::mutex mu_;
  std::vector<Meter> cached_;
  std::chrono::steady_clock::time_point read_at_{};
  bool loaded_ = false;
};

}  // namespace ebill::api

#endif  // EBILL_API_HANDLERS_METER_DIRECTORY_H_
