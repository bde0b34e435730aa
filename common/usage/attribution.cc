#include "common/usage/attribution.h"

#include <algorithm>

#include "common/usage/step.h"

namespace ebill::usage {
namespace {

// Index of the bucket containing t, or -1.
std::ptrdiff_t bucket_of(std::span<const LocalSeconds> edges, LocalSeconds t) {
  const auto it = std::upper_bound(edges.begin(), edges.end(), t);
  const std::ptrdiff_t k = (it - edges.begin()) - 1;
  return k >= 0 && k + 1 < static_cast<std::ptrdiff_t>(edges.size()) ? k : -1;
}

void place_spread(const Sample& a, const Sample& b, Hundredths amount,
                  std::span<const LocalSeconds> edges, std::vector<Bucket>& buckets) {
  // First bucket ending after a.at; walk while the bucket starts before b.at.
  auto k = static_cast<std::size_t>(
      std::upper_bound(edges.begin(), edges.end(), a.at) - edges.begin());
  k = k == 0 ? 0 : k - 1;
  for (; k < buckets.size() && edges[k] < b.at; ++k) {
    Bucket& bucket = buckets[k];
    if (bucket.end <= a.at) continue;
    bucket.consumption += spread_until(amount, a.at, b.at, bucket.end) -
                          spread_until(amount, a.at, b.at, bucket.start);
    bucket.estimated = true;
  }
}

void place_step(std::span<const Sample> series, std::size_t i, std::span<const LocalSeconds> edges,
                const UsageSettings& settings, std::vector<Bucket>& buckets) {
  const StepEffect effect = evaluate_step(series, i, settings);
  const std::ptrdiff_t at_b = bucket_of(edges, series[i].at);
  if (effect.spread) {
    if (effect.consumed > 0) place_spread(series[i - 1], series[i], effect.consumed, edges, buckets);
  } else if (at_b >= 0) {
    buckets[static_cast<std::size_t>(at_b)].consumption += effect.consumed;
  }
  if (effect.recharge > 0 && at_b >= 0) {
    Bucket& bucket = buckets[static_cast<std::size_t>(at_b)];
    bucket.recharge += effect.recharge;
    bucket.estimated = bucket.estimated || effect.estimated;
  }
}

std::vector<Bucket> attribute_sorted(std::span<const Sample> series,
                                     std::span<const LocalSeconds> edges,
                                     const UsageSettings& settings) {
  std::vector<Bucket> buckets(edges.size() - 1);
  for (std::size_t k = 0; k < buckets.size(); ++k) {
    buckets[k].start = edges[k];
    buckets[k].end = edges[k + 1];
  }
  const LocalSeconds window_start = edges.front();
  const LocalSeconds window_end = edges.back();
  for (std::size_t i = 0; i < series.size(); ++i) {
    const Sample& s = series[i];
    if (s.at >= window_end && (i == 0 || series[i - 1].at >= window_end)) break;
    if (i > 0 && s.at >= window_start) place_step(series, i, edges, settings, buckets);
    const std::ptrdiff_t k = bucket_of(edges, s.at);
    if (k < 0) continue;
    Bucket& bucket = buckets[static_cast<std::size_t>(k)];
    ++bucket.readings;
    if (!bucket.first) bucket.first = s;
    bucket.last = s;
  }
  return buckets;
}

}  // namespace

std::vector<Bucket> attribute(std::span<const Sample> samples,
                              std::span<const LocalSeconds> edges,
                              const UsageSettings& settings) {
  return with_series(samples, [&](std::span<const Sample> series) {
    return attribute_sorted(series, edges, settings);
  });
}

Hundredths usage_between(std::span<const Sample> samples, LocalSeconds from, LocalSeconds to,
                         const UsageSettings& settings) {
  const LocalSeconds edges[] = {from, to};
  return attribute(samples, edges, settings).front().consumption;
}

std::vector<LocalSeconds> hour_edges(LocalDay day) {
  std::vector<LocalSeconds> edges;
  for (int h = 0; h <= 24; ++h) edges.push_back(day_start(day) + h * kSecondsPerHour);
  return edges;
}

std::vector<LocalSeconds> day_edges(LocalDay first_day, int days) {
  std::vector<LocalSeconds> edges;
  for (int d = 0; d <= days; ++d) edges.push_back(day_start(first_day + d));
  return edges;
}

}  // namespace ebill::usage
