// The simulator's clock: local wall-clock time that starts at `start` and
// runs `speed` times faster than real time (speed 0 freezes it, so tests
// know exactly which instant a page shows).
#ifndef EBILL_TESTS_SIM_SIM_CLOCK_H_
#define EBILL_TESTS_SIM_SIM_CLOCK_H_

#include <chrono>

#include "common/time/civil_time.h"

namespace ebill::sim {

class SimClock {
 public:
  SimClock(LocalSeconds start, double speed)
      : start_(start), speed_(speed), real_start_(std::chrono::steady_clock::now()) {}

  // start + floor(real seconds elapsed * speed). Thread-safe (immutable).
  LocalSeconds now() const;

 private:
  LocalSeconds start_;
  double speed_;
  std::chrono::steady_clock::time_point real_start_;
};

}  // namespace ebill::sim

#endif  // EBILL_TESTS_SIM_SIM_CLOCK_H_
