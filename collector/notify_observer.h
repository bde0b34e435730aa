// The notifications of issue 7 plugged into the cycle hook: after each cycle
// the notifier (common/notify) gets one MeterCycleOutcome per meter attempted.
#ifndef EBILL_COLLECTOR_NOTIFY_OBSERVER_H_
#define EBILL_COLLECTOR_NOTIFY_OBSERVER_H_

#include <vector>

#include "collector/cycle_observer.h"
#include "common/collect/poll_outcome.h"
#include "common/config/config.h"
#include "common/notify/cycle_outcome.h"
#include "common/notify/notifier.h"

namespace ebill::collector {

// One MeterCycleOutcome per outcome, in order; cancelled meters (no attempt)
// are left out. `error` is failure_text() for a failed meter.
std::vector<notify::MeterCycleOutcome> notify_outcomes(
    const std::vector<collect::PollOutcome>& outcomes);

class NotifyObserver final : public CycleObserver {
 public:
  explicit NotifyObserver(const Config& config) : notifier_(config) {}  // config outlives this

  // Hands the cycle to the notifier, with no database while it does not
  // answer (the readings are in the spool or in memory). A cycle whose
  // refused readings were quarantined, or whose replay failed otherwise,
  // still notifies.
  void after_cycle(const CycleReport& report, const Clock& clock, storage::Database* db) override;

 private:
  notify::Notifier notifier_;
};

}  // namespace ebill::collector

#endif  // EBILL_COLLECTOR_NOTIFY_OBSERVER_H_
