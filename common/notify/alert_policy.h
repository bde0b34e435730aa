// The pure decision of what to notify about one meter: (state, observation,
// rules) -> (actions, new state). No I/O and no clock: the Notifier gathers
// the observation and carries out the actions. Rules (docs/notifications.md):
//
// - Daily report: once per local day, at the first observation in
//   [report time, report time + kReportCatchUpSeconds), never past midnight;
//   a later observation (the collector was down) sends nothing that day.
//   Needs a reading; without one the report is skipped, not remembered.
// - Low balance: low = balance < threshold, or days left < ALERT_DAYS_LEFT.
//   The first low observation while armed alerts and disarms; while low, a
//   reminder every ALERT_REPEAT_HOURS (0 = none). Re-armed (silently) only
//   when not low and the balance reached rearm_level(): the higher of the
//   threshold and the balance at the alert, plus max(2.00 kWh, 20 %) of it,
//   i.e. after a recharge.
// - Recharge: every event (jitter already removed) newer than the last
//   examined reading; on the first observation of a meter, older events are
//   only marked seen.
// - Source failing: no successful reading for ALERT_STALE_MINUTES (0 = off),
//   counted from the last success or, for a meter never read, from `since`:
//   one alert; one recovery notice at the next success.
// - Abnormal usage (abnormal_usage.h): closed hours and days judged against
//   the median of the 14 days before; once per episode.
// - Weekly summary: like the daily report, on the configured ISO weekday
//   (1 = Monday) only, once that day.
#ifndef EBILL_COMMON_NOTIFY_ALERT_POLICY_H_
#define EBILL_COMMON_NOTIFY_ALERT_POLICY_H_

#include <optional>
#include <vector>

#include "common/notify/abnormal_usage.h"
#include "common/notify/notice.h"
#include "common/notify/notify_state.h"
#include "common/usage/recharges.h"
#include "common/usage/sample.h"

namespace ebill::notify {

inline constexpr std::int64_t kReportCatchUpSeconds = 2 * kSecondsPerHour;
inline constexpr Hundredths kMinRearmMargin = 200;  // 2.00 kWh

struct AlertRules {
  std::optional<int> report_minute;  // minutes after local midnight; nullopt = off
  Hundredths balance_kwh = 1000;     // low below this (0.01 kWh)
  int days_left = 2;                 // low below this many days; 0 = off
  int repeat_hours = 12;             // 0 = no reminders
  int stale_minutes = 60;            // 0 = off
  AbnormalRules abnormal = {};
  std::optional<int> weekly_minute = std::nullopt;  // minutes after local midnight; nullopt = off
  int weekly_day = 1;                               // ISO weekday, 1 = Monday .. 7 = Sunday
};

struct Observation {
  LocalSeconds now = 0;
  std::optional<usage::Sample> latest;       // newest stored reading
  std::optional<Hundredths> days_left;       // 0.01 day; nullopt = unknown
  std::optional<LocalSeconds> last_success;  // newest successful reading
  // Recharge events (without jitter) of the readings after
  // state.recharge_seen_at (all of them on a first observation).
  std::vector<usage::RechargeEvent> recharges;
  // Hour buckets from day_start(due->load_from()) to due->end_hour for
  // due = abnormal_due(state, latest->at), when `hours_loaded`; not loaded
  // (the notifier's per-cycle budget was spent), nothing is judged and the
  // due buckets stay due.
  std::vector<usage::Bucket> hours;
  bool hours_loaded = false;
};

struct Action {
  NoticeKind kind = NoticeKind::kDailyReport;
  std::optional<usage::RechargeEvent> recharge;  // for kRecharge
  std::optional<UsageVerdict> abnormal;          // for kAbnormalUsage
  friend bool operator==(const Action&, const Action&) = default;
};

struct Decision {
  std::vector<Action> actions;  // in the order they should be sent
  NotifyState next;
};

Decision decide(const NotifyState& state, const Observation& obs, const AlertRules& rules);

// True when a notice scheduled `minute` minutes after local midnight is to
// be sent at `now`: inside [due, due + kReportCatchUpSeconds), never past
// midnight, and not yet sent today (`sent_at`: when it was last sent).
bool scheduled_due(LocalSeconds now, int minute, const std::optional<LocalSeconds>& sent_at);

// ISO weekday of a local day: 1 = Monday .. 7 = Sunday.
int iso_weekday(LocalDay day);

// True when the observation is low by either rule.
bool is_low(const Observation& obs, const AlertRules& rules);

// The balance a disarmed meter must reach again to be re-armed.
Hundredths rearm_level(Hundredths threshold, Hundredths value_at_alert);

}  // namespace ebill::notify

#endif  // EBILL_COMMON_NOTIFY_ALERT_POLICY_H_
