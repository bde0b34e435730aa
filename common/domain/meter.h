// A meter as both programs know it (the `meter` table), and its polling
// status (the `meter_status` table).
#ifndef EBILL_COMMON_DOMAIN_METER_H_
#define EBILL_COMMON_DOMAIN_METER_H_

#include <optional>
#include <string>

#include "common/time/civil_time.h"

namespace ebill {

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
  std::string last_error;  // empty after a success, unless it noted something
                           // (collector: "accepted new level ...")
  int consecutive_failures = 0;
  friend bool operator==(const MeterStatus&, const MeterStatus&) = default;
};

}  // namespace ebill

#endif  // EBILL_COMMON_DOMAIN_METER_H_
