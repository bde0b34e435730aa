// Local wall-clock time in the configured zone (APP_TZ), as stored in the
// DATETIME column collected_at. A LocalSeconds value counts seconds since
// 1970-01-01 00:00:00 *of that wall clock*: it is not an instant, and every
// day has exactly 86,400 of them, which keeps hour and day buckets pure
// arithmetic. Conversion from real instants lives in time_zone.h.
#ifndef EBILL_COMMON_TIME_CIVIL_TIME_H_
#define EBILL_COMMON_TIME_CIVIL_TIME_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ebill {

using LocalSeconds = std::int64_t;
using LocalDay = std::int64_t;  // days since 1970-01-01 on the local calendar

inline constexpr std::int64_t kSecondsPerHour = 3600;
inline constexpr std::int64_t kSecondsPerDay = 86400;

struct CivilDate {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
  friend bool operator==(const CivilDate&, const CivilDate&) = default;
};

struct CivilTime {
  CivilDate date;
  int hour = 0;    // 0..23
  int minute = 0;  // 0..59
  int second = 0;  // 0..59
  friend bool operator==(const CivilTime&, const CivilTime&) = default;
};

// Proleptic Gregorian calendar conversions (valid for years 1..9999).
LocalDay day_from_date(const CivilDate& d);
CivilDate date_from_day(LocalDay day);
LocalSeconds seconds_from_time(const CivilTime& t);
CivilTime time_from_seconds(LocalSeconds s);

// Floor of s to its local day / hour (correct for negative values too).
inline LocalDay day_of(LocalSeconds s) {
  return s >= 0 ? s / kSecondsPerDay : -((-s + kSecondsPerDay - 1) / kSecondsPerDay);
}
inline LocalSeconds day_start(LocalDay d) { return d * kSecondsPerDay; }
inline LocalSeconds hour_floor(LocalSeconds s) {
  return s - (((s % kSecondsPerHour) + kSecondsPerHour) % kSecondsPerHour);
}

// Strict "YYYY-MM-DD" with a real calendar date (2025-02-29 is rejected);
// years 1970..9999 only.
std::optional<CivilDate> parse_date(std::string_view text);
// Strict "YYYY-MM-DD HH:MM:SS" (a 'T' separator is accepted too).
std::optional<LocalSeconds> parse_datetime(std::string_view text);

std::string format_date(const CivilDate& d);           // "2025-03-07"
std::string format_day(LocalDay day);                   // "2025-03-07"
std::string format_datetime(LocalSeconds s);            // "2025-03-07 08:05:09"

}  // namespace ebill

#endif  // EBILL_COMMON_TIME_CIVIL_TIME_H_
