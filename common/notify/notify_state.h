// What the notifier remembers about one meter between cycles and across
// restarts (the `notification_state` table, one row per meter).
#ifndef EBILL_COMMON_NOTIFY_NOTIFY_STATE_H_
#define EBILL_COMMON_NOTIFY_NOTIFY_STATE_H_

#include <optional>

#include "common/domain/amount.h"
#include "common/time/civil_time.h"

namespace ebill::notify {

struct NotifyState {
  // When the notifier first watched the meter: the start of the
  // "no successful reading" clock for a meter that never had one.
  std::optional<LocalSeconds> since;
  // A low-balance alert was sent and the meter has not been re-armed since.
  bool low_active = false;
  std::optional<LocalSeconds> low_sent_at;  // last low-balance alert or reminder
  Hundredths low_value = 0;                 // balance (0.01 kWh) at the alert
  // A source-failing alert was sent and no recovery notice since.
  bool stale_active = false;
  // When the last daily report was sent (its local day is the report's day).
  std::optional<LocalSeconds> report_sent_at;
  // Time of the newest reading already examined for recharges.
  std::optional<LocalSeconds> recharge_seen_at;
  // Abnormal usage (abnormal_usage.h): the start of the newest hour and of
  // the newest day already judged, and whether an episode is open.
  std::optional<LocalSeconds> abnormal_hour_at;
  bool abnormal_hour_active = false;
  std::optional<LocalSeconds> abnormal_day_at;
  bool abnormal_day_active = false;
  // When the last weekly summary was sent.
  std::optional<LocalSeconds> weekly_sent_at;
  friend bool operator==(const NotifyState&, const NotifyState&) = default;
};

}  // namespace ebill::notify

#endif  // EBILL_COMMON_NOTIFY_NOTIFY_STATE_H_
