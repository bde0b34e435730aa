#include "common/usage/views.h"

#include <fmt/format.h>

#include "common/usage/attribution.h"

namespace ebill::usage {

std::vector<ViewPoint> day_view(std::span<const Sample> samples, LocalDay day,
                                const UsageSettings& settings) {
  const std::vector<Bucket> hours = attribute(samples, hour_edges(day), settings);
  std::vector<ViewPoint> points;
  points.reserve(hours.size());
  for (std::size_t h = 0; h < hours.size(); ++h) {
    const Bucket& b = hours[h];
    const std::optional<Sample>& shown = h == 0 ? b.first : b.last;
    points.push_back({fmt::format("{:02}点", h),
                      shown ? std::optional<Hundredths>(shown->remain) : std::nullopt,
                      b.consumption, b.recharge, b.estimated});
  }
  return points;
}

std::vector<ViewPoint> period_view(std::span<const DaySummary> summaries, LocalDay last_day,
                                   int days) {
  std::vector<ViewPoint> points;
  points.reserve(static_cast<std::size_t>(days));
  for (LocalDay day = last_day - days + 1; day <= last_day; ++day) {
    ViewPoint point{format_day(day), std::nullopt, 0, 0, false};
    if (const DaySummary* s = find_day(summaries, day)) {
      if (s->last) point.balance = s->last->remain;
      point.usage = s->consumption;
      point.recharge = s->recharge;
      point.estimated = s->estimated;
    }
    points.push_back(std::move(point));
  }
  return points;
}

std::vector<ViewPoint> period_view(std::span<const Sample> samples, LocalDay last_day, int days,
                                   const UsageSettings& settings) {
  const std::vector<DaySummary> summaries =
      summarize_days(samples, last_day - days + 1, days, settings);
  return period_view(summaries, last_day, days);
}

}  // namespace ebill::usage
