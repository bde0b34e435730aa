// The collector's timetable: a first cycle at once, then one every
// `interval`, measured from the start of the previous cycle. Cycles never
// overlap: a cycle that runs longer than the interval makes the next one
// start as soon as it ends, with a log line saying by how much it overran.
#ifndef EBILL_COLLECTOR_SCHEDULE_H_
#define EBILL_COLLECTOR_SCHEDULE_H_

#include <chrono>
#include <functional>

#include "collector/stop_signal.h"

namespace ebill::collector {

// Calls `cycle` on this schedule until `stop` is requested; returns then
// (within the time `cycle` takes to notice the stop flag).
void run_schedule(std::chrono::seconds interval, StopSignal& stop,
                  const std::function<void()>& cycle);

}  // namespace ebill::collector

#endif  // EBILL_COLLECTOR_SCHEDULE_H_
