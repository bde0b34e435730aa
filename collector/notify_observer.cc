#include "collector/notify_observer.h"

namespace ebill::collector {

std::vector<notify::MeterCycleOutcome> notify_outcomes(
    const std::vector<collect::PollOutcome>& outcomes) {
  std::vector<notify::MeterCycleOutcome> out;
  for (const collect::PollOutcome& o : outcomes) {
    if (o.error == collect::PollError::kCancelled) continue;
    out.push_back(notify::MeterCycleOutcome{
        o.meter_no, o.ok(), o.reading ? o.reading->collected_at : o.attempted_at, o.reading,
        collect::failure_text(o)});
  }
  return out;
}

void NotifyObserver::after_cycle(const CycleReport& report, const Clock& clock,
                                 storage::Database* db) {
  notifier_.after_cycle(notify_outcomes(report.outcomes), clock.now(),
                        report.database_up ? db : nullptr);
}

}  // namespace ebill::collector
