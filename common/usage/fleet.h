// Pure rules of the fleet overview (GET /overview): a meter's group and the
// state of its source. Times are local wall-clock seconds.
#ifndef EBILL_COMMON_USAGE_FLEET_H_
#define EBILL_COMMON_USAGE_FLEET_H_

#include <optional>
#include <string>
#include <string_view>

#include "common/domain/meter.h"
#include "common/time/civil_time.h"

namespace ebill::usage {

// The configured group, else the name up to its last '-' ("佳丰南苑5-1-501-1"
// → "佳丰南苑5-1-501"), else the whole name.
std::string group_of(std::string_view configured, std::string_view name);

enum class SourceState { kOk, kBlocked, kFailing, kStale };
std::string_view state_name(SourceState s);  // "ok", "blocked", "failing", "stale"

// blocked: the latest attempts failed and the last error says the source
// page was blocked; failing: they failed otherwise; stale: no reading for
// longer than `stale_minutes` (never with 0), or none at all; else ok.
SourceState source_state(const MeterStatus* status, std::optional<LocalSeconds> last_reading,
                         LocalSeconds now, int stale_minutes);

}  // namespace ebill::usage

#endif  // EBILL_COMMON_USAGE_FLEET_H_
