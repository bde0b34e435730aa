#include "common/notify/heartbeat.h"

#include <algorithm>

namespace ebill::notify {

Heartbeat heartbeat_of(std::span<const MeterConfig> meters,
                       const std::map<std::string, MeterStatus>& statuses, LocalSeconds now) {
  Heartbeat h;
  h.now = now;
  h.meters = static_cast<int>(meters.size());
  for (const MeterConfig& m : meters) {
    const auto it = statuses.find(m.id);
    if (it == statuses.end() || !it->second.last_success) continue;
    const LocalSeconds at = *it->second.last_success;
    if (at > now - kFreshSeconds) ++h.fresh;
    if (!h.newest || at > *h.newest) {
      h.newest = at;
      h.newest_meter = m.id;
    }
  }
  return h;
}

std::vector<NotifyTarget> all_targets(std::span<const MeterConfig> meters) {
  std::vector<NotifyTarget> out;
  for (const MeterConfig& m : meters) {
    for (const NotifyTarget& t : m.notify) {
      if (std::find(out.begin(), out.end(), t) == out.end()) out.push_back(t);
    }
  }
  return out;
}

}  // namespace ebill::notify
