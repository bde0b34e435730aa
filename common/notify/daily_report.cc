#include "common/notify/daily_report.h"

namespace ebill::notify {

void estimate_days_left(const usage::Sample& current, std::span<const usage::DaySummary> days,
                        LocalDay today, DailyReport* report) {
  report->days_left = usage::days_left(current, days, today);
  if (report->days_left) {
    report->average_daily_usage = report->days_left->average_daily_usage;
    return;
  }
  report->average_daily_usage.reset();
  for (LocalDay d = today - 7; d < today; ++d) {
    const usage::DaySummary* s = usage::find_day(days, d);
    if (s != nullptr && s->readings > 0) report->average_daily_usage = 0;
  }
}

DailyReport daily_report(std::span<const usage::DaySummary> days,
                         const std::optional<usage::Sample>& current, LocalSeconds now) {
  const LocalDay today = day_of(now);
  DailyReport r;
  r.day = today - 1;
  if (const usage::DaySummary* y = usage::find_day(days, r.day)) {
    r.usage = y->consumption;
    r.estimated = y->estimated;
    r.recharge = y->recharge;
    if (y->first) r.start_balance = y->first->remain;
    if (y->last) r.end_balance = y->last->remain;
  }
  r.current = current;
  if (r.current) estimate_days_left(*r.current, days, today, &r);
  return r;
}

}  // namespace ebill::notify
