// The simulated meters: a balance that is a pure function of (seed, meter
// number, simulated local time). No state is kept per meter, so any number
// of meters costs nothing and tests can compute the value any page shows.
//
// Model: a meter uses `daily_kwh` per day, shaped over the day by a fixed
// hourly profile (low at night, peaks in the morning and evening) and varied
// from day to day. Cumulative use telescopes, so it is O(1) at any time.
// Whenever the balance would fall below `threshold`, `recharge` kWh are
// bought at that instant.
#ifndef EBILL_TESTS_SIM_METER_MODEL_H_
#define EBILL_TESTS_SIM_METER_MODEL_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "common/domain/amount.h"
#include "common/domain/reading.h"
#include "common/time/civil_time.h"

namespace ebill::sim {

struct MeterParams {
  std::string name;                // e.g. "佳丰南苑5-1-501-1"
  TenThousandths unit_price = 6000;  // yuan per kWh
  Hundredths daily_kwh = 800;      // mean use per day
  Hundredths daily_swing = 240;    // day-to-day variation bound (< daily_kwh/2)
  Hundredths initial = 10000;      // balance at 1970-01-01 00:00 local
  Hundredths threshold = 1000;     // recharge when the balance would drop below
  Hundredths recharge = 10000;     // kWh bought per recharge
  std::uint64_t day_key = 0;       // seeds the day-to-day variation
};

// Relative weight of each local hour of the day (sums to kProfileTotal).
inline constexpr int kHourProfile[24] = {2, 1, 1, 1, 1, 2, 4, 7, 7, 5, 4, 5,
                                         6, 4, 3, 3, 3, 5, 7, 8, 8, 7, 5, 1};
inline constexpr int kProfileTotal = 100;

// Stable 64-bit hash of (seed, text); the same on every platform.
std::uint64_t stable_hash(std::uint64_t seed, std::string_view text);

// The parameters of one meter, derived from the seed and its number.
MeterParams params_for(std::uint64_t seed, std::string_view meter_no);

// Energy used from 1970-01-01 00:00 local to `t` (negative before), in
// hundredths of a kWh. Non-decreasing in t.
Hundredths cumulative_use(const MeterParams& p, LocalSeconds t);

// Number of recharges made up to and including `t`.
std::int64_t recharges_by(const MeterParams& p, LocalSeconds t);

// Remaining kWh at `t`: initial - use + recharges * recharge, always
// >= threshold once a recharge has happened.
Hundredths balance_at(const MeterParams& p, LocalSeconds t);

// The reading a page shows at `t`: remain, money = cost_of(remain, price),
// unit price. collected_at = t.
Reading reading_at(std::uint64_t seed, std::string_view meter_no, LocalSeconds t);

}  // namespace ebill::sim

#endif  // EBILL_TESTS_SIM_METER_MODEL_H_
