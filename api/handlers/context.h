// What the handlers share: the configuration, the database, the meter
// directory, the clock and the cache of computed views. All must outlive the
// server.
#ifndef EBILL_API_HANDLERS_CONTEXT_H_
#define EBILL_API_HANDLERS_CONTEXT_H_

#include <string>

#include "api/handlers/database_handle.h"
#include "api/handlers/meter_directory.h"
#include "api/handlers/view_cache.h"
#include "api/routing/json.h"
#include "common/config/config.h"
#include "common/time/time_zone.h"
#include "common/usage/sample.h"

namespace ebill::api {

struct ApiContext {
  const Config& config;
  DatabaseHandle& database;
  MeterDirectory& meters;
  const Clock& clock;
  ViewCache& views;

  usage::UsageSettings usage() const {
    return usage::UsageSettings{static_cast<std::int64_t>(config.usage.gap_minutes) * 60};
  }
};

// Writes "tz", "server_time" (ISO 8601 with offset) and "today" for `now`
// into the open object.
void write_clock(JsonWriter& json, const ApiContext& context, LocalSeconds now);

// A unit price (yuan per kWh) with four decimals, or null.
void write_unit_price(JsonWriter& json, const std::optional<TenThousandths>& price);

// A 200 JSON answer with `body`.
Response json_response(std::string body);

}  // namespace ebill::api

#endif  // EBILL_API_HANDLERS_CONTEXT_H_
