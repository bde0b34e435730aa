#include "api/routing/params.h"

#include <charconv>

namespace ebill::api {
namespace {

std::string shown(std::string_view value) {
  constexpr std::size_t kMax = 40;
  if (value.size() <= kMax) return std::string(value);
  return std::string(value.substr(0, kMax)) + "...";
}

[[noreturn]] void reject(std::string_view name, std::string_view rule, std::string_view value) {
  throw HttpError(400, "bad_parameter",
                  std::string(name) + " " + std::string(rule) + " (got \"" + shown(value) + "\")");
}

}  // namespace

Period period_param(const Request& request) {
  auto value = request.param("period");
  if (!value || value->empty() || *value == "day") return {"day", 1};
  if (*value == "week") return {"week", 7};
  if (*value == "month") return {"month", 30};
  if (*value == "this_month") return {"this_month", 0, usage::Calendar::kThisMonth};
  if (*value == "last_month") return {"last_month", 0, usage::Calendar::kLastMonth};
  if (*value == "twelve_months") return {"twelve_months", 0, usage::Calendar::kYear};
  reject("period", "must be day, week, month, this_month, last_month or twelve_months", *value);
}

LocalDay date_param(const Request& request, std::string_view name, LocalDay fallback) {
  auto value = request.param(name);
  if (!value || value->empty()) return fallback;
  auto date = parse_date(*value);
  if (!date) reject(name, "must be a date YYYY-MM-DD", *value);
  return day_from_date(*date);
}

long long int_param(const Request& request, std::string_view name, long long fallback,
                    long long min, long long max) {
  auto value = request.param(name);
  if (!value || value->empty()) return fallback;
  long long n = 0;
  auto [end, ec] = std::from_chars(value->data(), value->data() + value->size(), n);
  if (ec != std::errc() || end != value->data() + value->size() || n < min || n > max) {
    reject(name, "must be a whole number from " + std::to_string(min) + " to " +
                     std::to_string(max), *value);
  }
  return n;
}

}  // namespace ebill::api
