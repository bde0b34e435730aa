// The daily heartbeat: "ebill is alive", with how many meters it watches,
// how many were read in the last hour and the newest reading. Pure: from
// the configured meters and their meter_status rows (all collectors').
#ifndef EBILL_COMMON_NOTIFY_HEARTBEAT_H_
#define EBILL_COMMON_NOTIFY_HEARTBEAT_H_

#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "common/config/meter_config.h"
#include "common/domain/meter.h"

namespace ebill::notify {

inline constexpr std::int64_t kFreshSeconds = kSecondsPerHour;

struct Heartbeat {
  LocalSeconds now = 0;
  int meters = 0;  // configured
  int fresh = 0;   // of them, with a successful reading in the last hour
  std::optional<LocalSeconds> newest;  // the newest successful reading
  std::string newest_meter;            // its meter
  friend bool operator==(const Heartbeat&, const Heartbeat&) = default;
};

Heartbeat heartbeat_of(std::span<const MeterConfig> meters,
                       const std::map<std::string, MeterStatus>& statuses, LocalSeconds now);

// Every distinct notification target of `meters`, in first-seen order: the
// heartbeat goes once to each.
std::vector<NotifyTarget> all_targets(std::span<const MeterConfig> meters);

}  // namespace ebill::notify

#endif  // EBILL_COMMON_NOTIFY_HEARTBEAT_H_
