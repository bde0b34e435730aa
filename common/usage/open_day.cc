#include "common/usage/open_day.h"

#include <vector>

#include "common/usage/attribution.h"

namespace ebill::usage {

std::optional<DaySummary> extend_open_day(const DaySummary& day, std::span<const Sample> later,
                                          const UsageSettings& settings) {
  if (!day.last || day.settled) return std::nullopt;
  const LocalSeconds end = day_start(day.day + 1);
  std::vector<Sample> series{*day.last};
  for (const Sample& s : later) {
    const Sample& before = series.back();
    if (s.at <= before.at || s.at >= end || s.remain > before.remain) return std::nullopt;
    series.push_back(s);
  }
  // The steps after the day's last reading, placed by the same rules as
  // every summary; that reading itself is already counted.
  const LocalSeconds edges[] = {day_start(day.day), end};
  const Bucket added = attribute(series, edges, settings).front();
  DaySummary out = day;
  out.consumption += added.consumption;
  out.recharge += added.recharge;
  out.estimated = out.estimated || added.estimated;
  out.readings += added.readings - 1;
  out.last = added.last;
  return out;
}

}  // namespace ebill::usage
