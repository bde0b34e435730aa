#include "tests/sim/meter_model.h"

#include <fmt/format.h>

namespace ebill::sim {

namespace {

static_assert([] {
  int sum = 0;
  for (int w : kHourProfile) sum += w;
  return sum == kProfileTotal;
}());

std::uint64_t mix(std::uint64_t x) {  // splitmix64 finaliser
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// Day-to-day deviation v(d) in [-swing, swing]; use on day d is
// daily + v(d+1) - v(d), so the sum over days telescopes.
Hundredths deviation(const MeterParams& p, LocalDay d) {
  if (p.daily_swing <= 0) return 0;
  const std::uint64_t span = static_cast<std::uint64_t>(2 * p.daily_swing + 1);
  return static_cast<Hundredths>(mix(p.day_key ^ static_cast<std::uint64_t>(d)) % span) -
         p.daily_swing;
}

int profile_before(int hour) {
  int sum = 0;
  for (int h = 0; h < hour; ++h) sum += kHourProfile[h];
  return sum;
}

}  // namespace

std::uint64_t stable_hash(std::uint64_t seed, std::string_view text) {
  std::uint64_t h = 0xcbf29ce484222325ULL ^ mix(seed);  // FNV-1a, seeded
  for (unsigned char c : text) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return mix(h);
}

MeterParams params_for(std::uint64_t seed, std::string_view meter_no) {
  static constexpr TenThousandths kPrices[] = {6000, 5283, 5500, 6170, 4880};
  std::uint64_t h = stable_hash(seed, meter_no);
  auto take = [&h](std::uint64_t n) {
    const std::uint64_t v = h % n;
    h = mix(h);
    return static_cast<std::int64_t>(v);
  };
  MeterParams p;
  p.unit_price = kPrices[take(std::size(kPrices))];
  p.daily_kwh = 300 + take(1701);          // 3.00 .. 20.00 kWh a day
  p.daily_swing = p.daily_kwh * 3 / 10;    // +-30 %
  p.recharge = take(2) == 0 ? 10000 : 20000;
  p.threshold = 500 + take(1501);          // 5.00 .. 20.00 kWh
  p.initial = p.threshold + take(p.recharge);
  p.day_key = mix(h);
  const int building = 1 + static_cast<int>(take(12));
  const int unit = 1 + static_cast<int>(take(4));
  const int floor = 1 + static_cast<int>(take(18));
  const int room = 1 + static_cast<int>(take(4));
  p.name = fmt::format("佳丰南苑{}-{}-{}{:02}-1", building, unit, floor, room);
  return p;
}

Hundredths cumulative_use(const MeterParams& p, LocalSeconds t) {
  const LocalDay d = day_of(t);
  const Hundredths before_day = d * p.daily_kwh + deviation(p, d) - deviation(p, 0);
  const Hundredths day_use = p.daily_kwh + deviation(p, d + 1) - deviation(p, d);
  const std::int64_t in_day = t - day_start(d);
  const int hour = static_cast<int>(in_day / kSecondsPerHour);
  const std::int64_t in_hour = in_day % kSecondsPerHour;
  const std::int64_t part = profile_before(hour) * kSecondsPerHour + kHourProfile[hour] * in_hour;
  return before_day + day_use * part / (kProfileTotal * kSecondsPerHour);
}

std::int64_t recharges_by(const MeterParams& p, LocalSeconds t) {
  // Smallest n >= 0 with initial - use + n * recharge >= threshold.
  const Hundredths deficit = p.threshold - (p.initial - cumulative_use(p, t));
  if (deficit <= 0) return 0;
  return (deficit + p.recharge - 1) / p.recharge;
}

Hundredths balance_at(const MeterParams& p, LocalSeconds t) {
  return p.initial - cumulative_use(p, t) + recharges_by(p, t) * p.recharge;
}

Reading reading_at(std::uint64_t seed, std::string_view meter_no, LocalSeconds t) {
  const MeterParams p = params_for(seed, meter_no);
  Reading r;
  r.meter_no = std::string(meter_no);
  r.collected_at = t;
  r.remain = balance_at(p, t);
  r.remain_money = cost_of(r.remain, p.unit_price);
  r.unit_price = p.unit_price;
  return r;
}

}  // namespace ebill::sim
