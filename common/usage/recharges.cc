#include "common/usage/recharges.h"

#include <algorithm>

#include "common/usage/step.h"

namespace ebill::usage {
namespace {

std::vector<RechargeEvent> events_sorted(std::span<const Sample> series, LocalSeconds from,
                                         LocalSeconds to, const UsageSettings& settings) {
  std::vector<RechargeEvent> events;
  for (std::size_t i = 1; i < series.size(); ++i) {
    const Sample& b = series[i];
    if (b.at < from || b.at >= to || b.remain <= series[i - 1].remain) continue;
    const StepEffect effect = evaluate_step(series, i, settings);
    events.push_back({b.at, series[i - 1].remain, b.remain, effect.recharge, effect.estimated});
  }
  return events;
}

}  // namespace

std::vector<RechargeEvent> recharge_events(std::span<const Sample> samples, LocalSeconds from,
                                           LocalSeconds to, const UsageSettings& settings) {
  return with_series(samples, [&](std::span<const Sample> series) {
    return events_sorted(series, from, to, settings);
  });
}

std::vector<RechargeEvent> without_jitter(std::vector<RechargeEvent> events,
                                          Hundredths min_amount) {
  std::erase_if(events, [&](const RechargeEvent& e) { return e.amount < min_amount; });
  return events;
}

}  // namespace ebill::usage
