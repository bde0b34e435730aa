#include "common/usage/calendar.h"

#include <algorithm>

#include "common/time/civil_time.h"

namespace ebill::usage {
namespace {

int days_in(int year, int month) {
  const CivilDate first{year, month, 1};
  const CivilDate next = month == 12 ? CivilDate{year + 1, 1, 1} : CivilDate{year, month + 1, 1};
  return static_cast<int>(day_from_date(next) - day_from_date(first));
}

}  // namespace

DaySpan month_of(LocalDay day) {
  const CivilDate d = date_from_day(day);
  const LocalDay first = day_from_date({d.year, d.month, 1});
  return {first, first + days_in(d.year, d.month) - 1};
}

DaySpan months_before(LocalDay day, int n) {
  const CivilDate d = date_from_day(day);
  const int index = d.year * 12 + (d.month - 1) - n;
  const int year = index >= 0 ? index / 12 : -((-index + 11) / 12);
  return month_of(day_from_date({year, index - year * 12 + 1, 1}));
}

DaySpan calendar_span(Calendar period, LocalDay day) {
  switch (period) {
    case Calendar::kThisMonth: return {month_of(day).first, day};
    case Calendar::kLastMonth: return months_before(day, 1);
    case Calendar::kYear: return {months_before(day, 11).first, day};
  }
  return {day, day};
}

DaySpan previous_span(Calendar period, LocalDay day) {
  switch (period) {
    case Calendar::kThisMonth: return months_before(day, 1);
    case Calendar::kLastMonth: return months_before(day, 2);
    case Calendar::kYear: return {months_before(day, 23).first, months_before(day, 12).last};
  }
  return {day, day};
}

DaySpan year_earlier(DaySpan span) {
  auto back = [](LocalDay day) {
    CivilDate d = date_from_day(day);
    const bool month_end = d.day == days_in(d.year, d.month);
    d.year -= 1;
    d.day = month_end ? days_in(d.year, d.month) : std::min(d.day, days_in(d.year, d.month));
    return day_from_date(d);
  };
  return {back(span.first), back(span.last)};
}

SpanTotals totals_of(std::span<const DaySummary> days, DaySpan span) {
  SpanTotals out;
  for (const DaySummary& s : days) {
    if (s.day < span.first || s.day > span.last) continue;
    out.usage += s.consumption;
    out.recharge += s.recharge;
    out.estimated = out.estimated || s.estimated;
    if (s.readings > 0) out.has_data = true;
    if (s.last) out.last_balance = s.last->remain;  // days are ascending
  }
  return out;
}

std::vector<MonthTotals> month_totals(std::span<const DaySummary> days, LocalDay day) {
  std::vector<MonthTotals> out;
  for (int n = 11; n >= 0; --n) {
    DaySpan span = months_before(day, n);
    span.last = std::min(span.last, day);
    const CivilDate d = date_from_day(span.first);
    out.push_back({format_date(d).substr(0, 7), span, totals_of(days, span)});
  }
  return out;
}

std::optional<LocalDay> cut_day(Calendar period, LocalDay today) {
  const DaySpan current = calendar_span(period, today);
  const DaySpan previous = previous_span(period, today);
  if (period == Calendar::kLastMonth) return std::nullopt;  // a whole month vs a whole month
  // The same day of the month a month earlier, or the same date a year earlier.
  const LocalDay cut = period == Calendar::kYear ? year_earlier({today, today}).first
                                                 : previous.first + (today - current.first);
  if (cut > previous.last) return std::nullopt;
  return cut;
}

PeriodComparison compare_calendar(std::span<const DaySummary> days, Calendar period,
                                  LocalDay today, Hundredths cut_day_usage_so_far) {
  const DaySpan current = calendar_span(period, today);
  const DaySpan previous = previous_span(period, today);
  PeriodComparison out;
  out.current_usage = totals_of(days, current).usage;
  out.previous_usage = totals_of(days, previous).usage;
  const std::optional<LocalDay> cut = cut_day(period, today);
  out.previous_usage_same_time =
      cut ? (*cut > previous.first ? totals_of(days, {previous.first, *cut - 1}).usage : 0) +
                cut_day_usage_so_far
          : out.previous_usage;
  return out;
}

}  // namespace ebill::usage
