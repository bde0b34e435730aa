#include "common/usage/kpi.h"

#include "common/usage/attribution.h"

namespace ebill::usage {
namespace {

__extension__ typedef __int128 Wide;

std::optional<Hundredths> last_balance(std::span<const DaySummary> days, LocalDay day) {
  const DaySummary* s = find_day(days, day);
  return s && s->last ? std::optional<Hundredths>(s->last->remain) : std::nullopt;
}

Hundredths usage_on(std::span<const DaySummary> days, LocalDay day) {
  const DaySummary* s = find_day(days, day);
  return s ? s->consumption : 0;
}

Hundredths usage_of_days(std::span<const DaySummary> days, LocalDay first, LocalDay last) {
  Hundredths total = 0;
  for (LocalDay d = first; d <= last; ++d) total += usage_on(days, d);
  return total;
}

}  // namespace

DateKpis date_kpis(std::span<const DaySummary> days, LocalDay target) {
  return {usage_on(days, target), usage_on(days, target - 1), last_balance(days, target),
          last_balance(days, target - 1), last_balance(days, target - 2)};
}

Hundredths recharge_on(std::span<const DaySummary> days, LocalDay day) {
  const DaySummary* s = find_day(days, day);
  return s ? s->recharge : 0;
}

std::optional<DaysLeft> days_left(const Sample& current, std::span<const DaySummary> days,
                                  LocalDay today) {
  Hundredths total = 0;
  int counted = 0;
  for (LocalDay d = today - 7; d < today; ++d) {
    const DaySummary* s = find_day(days, d);
    if (s == nullptr || s->readings == 0) continue;
    total += s->consumption;
    ++counted;
  }
  if (counted == 0 || total == 0) return std::nullopt;
  const Hundredths balance = current.remain > 0 ? current.remain : 0;
  DaysLeft out;
  out.average_daily_usage = total / counted;
  // days = balance / (total / counted); in hundredths of a day.
  out.days_left = static_cast<Hundredths>(static_cast<Wide>(balance) * counted * 100 / total);
  const auto seconds =
      static_cast<std::int64_t>(static_cast<Wide>(balance) * counted * kSecondsPerDay / total);
  out.run_out_day = day_of(current.at + seconds);
  return out;
}

PeriodComparison compare_periods(std::span<const DaySummary> days, LocalDay today, int span_days,
                                 Hundredths cut_day_usage_so_far) {
  const LocalDay cut_day = today - span_days;
  PeriodComparison out;
  out.current_usage = usage_of_days(days, cut_day + 1, today);
  out.previous_usage = usage_of_days(days, cut_day - span_days + 1, cut_day);
  out.previous_usage_same_time =
      usage_of_days(days, cut_day - span_days + 1, cut_day - 1) + cut_day_usage_so_far;
  return out;
}

PeriodComparison compare_periods(std::span<const Sample> samples, LocalSeconds now, int span_days,
                                 const UsageSettings& settings) {
  const LocalDay today = day_of(now);
  const LocalDay first = today - 2 * span_days + 1;
  const std::vector<DaySummary> days = summarize_days(samples, first, 2 * span_days, settings);
  const LocalDay cut_day = today - span_days;
  const LocalSeconds cut = now - span_days * kSecondsPerDay;
  const Hundredths so_far =
      cut > day_start(cut_day) ? usage_between(samples, day_start(cut_day), cut, settings) : 0;
  return compare_periods(days, today, span_days, so_far);
}

}  // namespace ebill::usage
