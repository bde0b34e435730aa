#include "common/usage/fleet.h"

namespace ebill::usage {

std::string group_of(std::string_view configured, std::string_view name) {
  if (!configured.empty()) return std::string(configured);
  const std::size_t dash = name.rfind('-');
  return std::string(dash == std::string_view::npos || dash == 0 ? name : name.substr(0, dash));
}

std::string_view state_name(SourceState s) {
  switch (s) {
    case SourceState::kOk: return "ok";
    case SourceState::kBlocked: return "blocked";
    case SourceState::kFailing: return "failing";
    case SourceState::kStale: return "stale";
  }
  return "ok";
}

SourceState source_state(const MeterStatus* status, std::optional<LocalSeconds> last_reading,
                         LocalSeconds now, int stale_minutes) {
  if (status && status->consecutive_failures > 0) {
    return status->last_error.rfind("blocked", 0) == 0 ? SourceState::kBlocked
                                                       : SourceState::kFailing;
  }
  if (!last_reading) return SourceState::kStale;
  if (stale_minutes > 0 && now - *last_reading > static_cast<LocalSeconds>(stale_minutes) * 60) {
    return SourceState::kStale;
  }
  return SourceState::kOk;
}

}  // namespace ebill::usage
