#include "tests/sim/sim_clock.h"

#include <cmath>

namespace ebill::sim {

LocalSeconds SimClock::now() const {
  const std::chrono::duration<double> real = std::chrono::steady_clock::now() - real_start_;
  return start_ + static_cast<LocalSeconds>(std::floor(real.count() * speed_));
}

}  // namespace ebill::sim
