// What the export tests (/metrics per meter, MQTT) share: a clock set by
// hand and readings of one meter with money at 0.5000 yuan/kWh.
#ifndef EBILL_TESTS_COLLECTOR_EXPORT_FIXTURES_H_
#define EBILL_TESTS_COLLECTOR_EXPORT_FIXTURES_H_

#include "common/domain/reading.h"
#include "common/time/time_zone.h"

namespace ebill::test {

inline constexpr const char* kExportMeter = "19501609994";

struct FixedClock final : Clock {
  LocalSeconds at = 0;
  LocalSeconds now() const override { return at; }
};

inline LocalSeconds at(const char* text) { return parse_datetime(text).value(); }

// A reading of kExportMeter: `remain` kWh hundredths, twice that in yuan.
inline Reading reading(const char* time, Hundredths remain) {
  return Reading{kExportMeter, at(time), remain, remain * 2, 5000};
}

}  // namespace ebill::test

#endif  // EBILL_TESTS_COLLECTOR_EXPORT_FIXTURES_H_
