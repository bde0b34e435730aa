// The collector's notifier: after each cycle it decides, per polled meter
// with notification targets, what to send (alert_policy.h), remembers it in
// `notification_state` and hands the messages to the dispatcher thread.
// Only meters in the cycle's outcomes are considered, so sharded collectors
// never notify twice. State is saved before anything is queued: a message is
// sent at most once (a delivery that fails every attempt is logged, not
// retried later).
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
#include "common/notify/cycle_observer.h"
#include "common/notify/dispatcher.h"
#include "common/storage/database.h"
#include "common/usage/day_summary.h"

namespace ebill::notify {

// The dispatcher options NOTIFY_TIMEOUT_SECONDS and NOTIFY_RETRIES give.
DispatcherOptions dispatcher_options(const NotifySettings& settings);

// The rules for one meter (its alert_balance_kwh overrides the default).
AlertRules alert_rules(const NotifySettings& settings, const MeterConfig& meter);

class Notifier final : public CycleObserver {
 public:
  // `db` and `config` must outlive the notifier. Starts the dispatcher.
  Notifier(storage::Database& db, const Config& config);
  Notifier(storage::Database& db, const Config& config, DispatcherOptions options);
  ~Notifier() override;

  // Never throws: a database error skips this cycle's notifications (logged;
  // the next cycle decides again from the unchanged state). Reads a few rows
  // per meter and queues; it never waits for a channel.
  void after_cycle(std::span<const MeterCycleOutcome> outcomes, LocalSeconds now) override;

  Dispatcher& dispatcher() { return dispatcher_; }

 private:
  struct ClosedDays {
    LocalDay today = 0;
    std::vector<usage::DaySummary> days;
  };

  void evaluate(const MeterConfig& meter, const MeterCycleOutcome& outcome, NotifyState state,
                const MeterStatus* status, LocalSeconds now);
  const std::vector<usage::DaySummary>& closed_days_of(const std::string& meter_no,
                                                       LocalSeconds now);
  std::vector<usage::RechargeEvent> new_recharges(const std::string& meter_no,
                                                  LocalSeconds seen_at, LocalSeconds latest_at);
  void send(const MeterConfig& meter, const Notice& notice);

  storage::Database& db_;
  const Config& config_;
  std::mutex mu_;  // one after_cycle at a time
  std::map<std::string, ClosedDays> closed_;
  Dispatcher dispatcher_;
};

}  // namespace ebill::notify

#endif  // EBILL_COMMON_NOTIFY_NOTIFIER_H_
