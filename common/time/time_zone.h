// The configured zone (APP_TZ) and the clock in it. The zone is installed
// once, at start-up and before any thread starts, as the process zone; the
// server's own TZ setting therefore never leaks into results.
#ifndef EBILL_COMMON_TIME_TIME_ZONE_H_
#define EBILL_COMMON_TIME_TIME_ZONE_H_

#include <ctime>
#include <string>

#include "common/time/civil_time.h"

namespace ebill {

// Checks that `name` is an IANA zone with a readable TZif file (under TZDIR
// or /usr/share/zoneinfo). Returns an empty string when it is, else why not.
std::string check_time_zone(const std::string& name);

// Makes `name` the zone of this process. REQUIRES: check_time_zone(name)
// returned "", and no other thread is running.
void install_time_zone(const std::string& name);

// Empty when the installed zone keeps one UTC offset over the coming year
// (Asia/Shanghai); otherwise one line warning that readings are stored as
// wall-clock time, so the hour repeated when clocks go back can lose or
// reorder readings (a known limit of the existing schema).
std::string time_zone_caveat();

// Wall-clock time in the installed zone for a UTC instant.
LocalSeconds to_local(std::time_t utc);
// The UTC instant for a local wall-clock time (for a time repeated by a
// DST change, the first; for a skipped time, the instant just after it).
std::time_t to_utc(LocalSeconds local);

// A source of the current local time. Tests drive a ManualClock instead of
// waiting for the real one.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual LocalSeconds now() const = 0;
};

class SystemClock final : public Clock {
 public:
  LocalSeconds now() const override;
};

}  // namespace ebill

#endif  // EBILL_COMMON_TIME_TIME_ZONE_H_
