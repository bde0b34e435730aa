// A meter as both programs know it (the `meter` table), its polling status
// (the `meter_status` table), and what a meter id may be.
#ifndef EBILL_COMMON_DOMAIN_METER_H_
#define EBILL_COMMON_DOMAIN_METER_H_

#include <optional>
#include <string>
#include <string_view>

#include "common/time/civil_time.h"

namespace ebill {

// True for a valid meter id: 1-64 ASCII letters or digits (what the
// settings, the spool, imports and the API's device_id accept).
bool valid_meter_id(std::string_view id);

struct Meter {
  std::string meter_no;  // the cnyiot meter number, e.g. "19501609994"
  std::string name;      // display name
  bool enabled = true;
  LocalSeconds created_at = 0;
  friend bool operator==(const Meter&, const Meter&) = default;
};

struct MeterStatus {
  std::string meter_no;
  std::optional<LocalSeconds> last_success;
  std::optional<LocalSeconds> last_attempt;
  std::string last_error;  // empty after a success
  int consecutive_failures = 0;
  friend bool operator==(const MeterStatus&, const MeterStatus&) = default;
};

}  // namespace ebill

#endif  // EBILL_COMMON_DOMAIN_METER_H_
