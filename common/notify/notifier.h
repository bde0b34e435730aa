// The collector's notifier: after each cycle it decides, per polled meter
// with notification targets, what to send (alert_policy.h), remembers it in
// `notification_state` and hands the messages to the dispatcher thread.
// Only meters in the cycle's outcomes are considered, so sharded collectors
// never notify twice. The daily heartbeat (HEARTBEAT_TIME) is not a meter's:
// every collector tries at its first cycle in the window and the
// notification_schedule row lets exactly one of them send it. The cycle's new states are saved in one transaction
// before anything is queued: a message is sent at most once (a delivery that
// fails every attempt is logged, not retried later).
#ifndef EBILL_COMMON_NOTIFY_NOTIFIER_H_
#define EBILL_COMMON_NOTIFY_NOTIFIER_H_

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "common/config/config.h"
#include "common/domain/meter.h"
#include "common/notify/alert_policy.h"
#include "common/notify/cycle_outcome.h"
#include "common/notify/dispatcher.h"
#include "common/storage/database.h"
#include "common/usage/day_summary.h"

namespace ebill::notify {

// The abnormal-usage rule loads ~22 days of one meter's readings when an
// hour closes; at most this many meters per cycle (the rest stay due and
// are judged, missed hours included, in the next cycles), so the cycle after
// the top of the hour stays short in a large fleet.
inline constexpr int kHourLoadsPerCycle = 64;

// The dispatcher options NOTIFY_TIMEOUT_SECONDS and NOTIFY_RETRIES give.
DispatcherOptions dispatcher_options(const NotifySettings& settings);

// The rules for one meter (its alert_balance_kwh overrides the default).
AlertRules alert_rules(const NotifySettings& settings, const MeterConfig& meter);

class Notifier {
 public:
  // `config` must outlive the notifier. Starts the dispatcher thread.
  explicit Notifier(const Config& config);
  Notifier(const Config& config, DispatcherOptions options);
  // Lets queued messages drain for up to 2 s (see Dispatcher).
  ~Notifier();
  Notifier(const Notifier&) = delete;
  Notifier& operator=(const Notifier&) = delete;

  // The collector's hook: call once per cycle, after the cycle's readings
  // and meter_status rows were written (or spooled), with the local time
  // (APP_TZ) and the database (nullptr while it cannot be reached: nothing
  // is decided then). Never throws: a database error skips this cycle's
  // notifications (logged; the next cycle decides again from the unchanged
  // state). Reads a few rows per meter (the last 8 days once a day per meter
  // for days left) and queues; it never waits for a channel. One call at a
  // time (serialized inside).
  void after_cycle(std::span<const MeterCycleOutcome> outcomes, LocalSeconds now,
                   storage::Database* db);

  Dispatcher& dispatcher() { return dispatcher_; }

 private:
  using Todo = std::pair<const MeterConfig*, const MeterCycleOutcome*>;
  void notify_meters(const std::vector<Todo>& todo, LocalSeconds now, storage::Database& db);
  // The daily heartbeat: claimed once per local day across collectors,
  // sent to every distinct target.
  void heartbeat(LocalSeconds now, storage::Database& db);

  struct ClosedDays {
    LocalDay today = 0;
    std::vector<usage::DaySummary> days;
  };

  // What one meter's evaluation decided: its new state and the notices.
  struct Verdict {
    const MeterConfig* meter = nullptr;
    NotifyState next;
    bool changed = false;
    std::vector<Notice> notices;
  };
  Verdict evaluate(storage::Database& db, const MeterConfig& meter,
                   const MeterCycleOutcome& outcome, const NotifyState& state,
                   const MeterStatus* status, LocalSeconds now);
  const std::vector<usage::DaySummary>& closed_days_of(storage::Database& db,
                                                       const std::string& meter_no,
                                                       LocalSeconds now);
  std::vector<usage::RechargeEvent> new_recharges(storage::Database& db,
                                                  const std::string& meter_no,
                                                  LocalSeconds seen_at, LocalSeconds latest_at);

  const Config& config_;
  std::mutex mu_;  // one after_cycle at a time
  std::map<std::string, ClosedDays> closed_;
  std::optional<LocalSeconds> heartbeat_tried_at_;
  int hour_loads_left_ = 0;  // of kHourLoadsPerCycle, in the current cycle  // the last claim attempt (won or lost)
  Dispatcher dispatcher_;
};

}  // namespace ebill::notify

#endif  // EBILL_COMMON_NOTIFY_NOTIFIER_H_
