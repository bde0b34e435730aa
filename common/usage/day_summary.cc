#include "common/usage/day_summary.h"

#include <algorithm>

#include "common/usage/attribution.h"

namespace ebill::usage {

std::vector<DaySummary> summarize_days(std::span<const Sample> samples, LocalDay first_day,
                                       int days, const UsageSettings& settings) {
  const std::vector<LocalSeconds> edges = day_edges(first_day, days);
  const std::vector<Bucket> buckets = attribute(samples, edges, settings);
  LocalSeconds latest = 0;
  bool any = false;
  for (const Sample& s : samples) {
    latest = any ? std::max(latest, s.at) : s.at;
    any = true;
  }
  std::vector<DaySummary> out;
  out.reserve(buckets.size());
  for (std::size_t k = 0; k < buckets.size(); ++k) {
    const Bucket& b = buckets[k];
    out.push_back({first_day + static_cast<LocalDay>(k), b.consumption, b.recharge, b.estimated,
                   b.readings, b.first, b.last, any && latest >= b.end});
  }
  return out;
}

const DaySummary* find_day(std::span<const DaySummary> days, LocalDay day) {
  for (const DaySummary& d : days) {
    if (d.day == day) return &d;
  }
  return nullptr;
}

}  // namespace ebill::usage
