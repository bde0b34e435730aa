#include "common/notify/weekly_report.h"

namespace ebill::notify {

WeeklyReport weekly_report(std::span<const usage::DaySummary> days,
                           const std::optional<Reading>& current, LocalSeconds now) {
  const LocalDay today = day_of(now);
  WeeklyReport r;
  r.week = usage::DaySpan{today - 7, today - 1};
  r.totals = usage::totals_of(days, r.week);
  r.previous = usage::totals_of(days, usage::DaySpan{today - 14, today - 8});
  r.current = current;
  if (current && current->unit_price) {
    const TenThousandths price = *current->unit_price;
    r.cost = cost_of(r.totals.usage, price);
    r.previous_cost = cost_of(r.previous.usage, price);
    r.recharge_cost = cost_of(r.totals.recharge, price);
  }
  return r;
}

}  // namespace ebill::notify
