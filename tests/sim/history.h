// Past readings from the same model the server uses, for backfilling a
// database: CSV "meter_no,collected_at,remain,remain_money,unit_price" with
// local wall-clock times ("2025-03-07 08:05:00"), kWh and yuan with two
// decimals, the unit price with four.
#ifndef EBILL_TESTS_SIM_HISTORY_H_
#define EBILL_TESTS_SIM_HISTORY_H_

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "common/time/civil_time.h"

namespace ebill::sim {

// Writes the header line, then one row per meter at every `interval`
// seconds from `first` to `last` inclusive, time-major (all meters at one
// time, then the next time). REQUIRES: interval > 0.
void write_history(std::ostream& out, std::uint64_t seed, const std::vector<std::string>& meters,
                   LocalSeconds first, LocalSeconds last, int interval);

}  // namespace ebill::sim

#endif  // EBILL_TESTS_SIM_HISTORY_H_
