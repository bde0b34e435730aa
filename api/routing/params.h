// Query parameters of the data endpoints, checked. Each function throws
// HttpError 400 {"error": "bad_parameter", "detail": names the parameter and
// the rule, echoing at most 40 characters of the value}.
#ifndef EBILL_API_ROUTING_PARAMS_H_
#define EBILL_API_ROUTING_PARAMS_H_

#include <optional>
#include <string>
#include <string_view>

#include "api/server/http_types.h"
#include "common/time/civil_time.h"
#include "common/usage/calendar.h"

namespace ebill::api {

// The span of `period` (day → 1, week → 7, month → 30); absent → day. The
// calendar periods this_month, last_month and twelve_months (usage/calendar.h) have
// `calendar` set and days 0.
struct Period {
  std::string name;  // "day", "week", "month", "this_month", "last_month", "twelve_months"
  int days = 1;
  std::optional<usage::Calendar> calendar = std::nullopt;
};
Period period_param(const Request& request);

// The local day named by parameter `name` ("YYYY-MM-DD"); absent or empty → `fallback`.
LocalDay date_param(const Request& request, std::string_view name, LocalDay fallback);

// A whole number in [min, max]; absent or empty → `fallback`.
long long int_param(const Request& request, std::string_view name, long long fallback,
                    long long min, long long max);

}  // namespace ebill::api

#endif  // EBILL_API_ROUTING_PARAMS_H_
