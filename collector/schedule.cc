#include "collector/schedule.h"

#include "common/log/log.h"

namespace ebill::collector {

void run_schedule(std::chrono::seconds interval, StopSignal& stop,
                  const std::function<void()>& cycle) {
  using Clock = std::chrono::steady_clock;
  while (!stop.stopped()) {
    const Clock::time_point start = Clock::now();
    cycle();
    if (stop.stopped()) return;
    const Clock::time_point next = start + interval;
    const Clock::time_point end = Clock::now();
    if (end >= next) {
      log::warn("cycle overran the {}s interval by {:.1f}s: next cycle starts now",
                interval.count(), std::chrono::duration<double>(end - next).count());
      continue;
    }
    if (!stop.sleep_until(next)) return;
  }
}

}  // namespace ebill::collector
