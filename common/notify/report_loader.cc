#include "common/notify/report_loader.h"

#include "common/usage/load_plan.h"

namespace ebill::notify {

usage::UsageSettings usage_settings(const UsageSettings& settings) {
  usage::UsageSettings out;
  out.gap_seconds = std::int64_t{settings.gap_minutes} * 60;
  return out;
}

std::vector<usage::Sample> to_samples(const std::vector<Reading>& readings) {
  std::vector<usage::Sample> out;
  out.reserve(readings.size());
  for (const Reading& r : readings) out.push_back({r.collected_at, r.remain});
  return out;
}

std::vector<usage::Sample> load_report_samples(storage::ReadingStore& readings,
                                               const std::string& meter_no, LocalSeconds now) {
  const LocalSeconds window_start = day_start(report_first_day(now));
  const std::optional<Reading> anchor = readings.last_before(meter_no, window_start);
  const usage::LoadPlan plan = usage::load_plan(
      window_start, now + 1,
      anchor ? std::optional<LocalSeconds>(anchor->collected_at) : std::nullopt);
  return to_samples(readings.between(meter_no, plan.from, plan.to));
}

DailyReport load_daily_report(storage::ReadingStore& readings, const std::string& meter_no,
                              LocalSeconds now, const UsageSettings& settings) {
  return daily_report(load_report_samples(readings, meter_no, now), now,
                      usage_settings(settings));
}

}  // namespace ebill::notify
