#include "api/handlers/calendar_usage.h"

#include "common/storage/usage_reader.h"
#include "common/usage/attribution.h"
#include "common/usage/views.h"

namespace ebill::api {
namespace {

using usage::DaySpan;

struct CalendarPoint {
  std::string label;
  usage::SpanTotals now;
  usage::SpanTotals year_ago;
};

std::vector<CalendarPoint> points_of(std::span<const usage::DaySummary> days,
                                     usage::Calendar period, const DaySpan& span) {
  std::vector<CalendarPoint> out;
  if (period == usage::Calendar::kYear) {
    const std::vector<usage::MonthTotals> months = usage::month_totals(days, span.last);
    for (const usage::MonthTotals& m : months) {
      const DaySpan before = usage::year_earlier(usage::month_of(m.span.first));
      out.push_back({m.label, m.totals, usage::totals_of(days, before)});
    }
    return out;
  }
  for (LocalDay d = span.first; d <= span.last; ++d) {
    out.push_back({format_day(d), usage::totals_of(days, {d, d}),
                   usage::totals_of(days, usage::year_earlier({d, d}))});
  }
  return out;
}

std::optional<Hundredths> usage_if_data(const usage::SpanTotals& t) {
  return t.has_data ? std::optional(t.usage) : std::nullopt;
}

}  // namespace

std::optional<TenThousandths> price_around(const storage::ReadingsAround& a) {
  if (a.at_or_after && a.at_or_after->unit_price) return a.at_or_after->unit_price;
  return a.before ? a.before->unit_price : std::nullopt;
}

std::string calendar_data(storage::Database& db, const std::string& meter, const std::string& name,
                          usage::Calendar period, LocalDay date) {
  const DaySpan span = usage::calendar_span(period, date);
  const DaySpan year_ago = usage::year_earlier(
      period == usage::Calendar::kYear ? DaySpan{span.first, usage::month_of(span.last).last}
                                       : span);
  storage::UsageRequest reads;
  reads.days = {{span.first, span.last}, {year_ago.first, year_ago.last}};
  reads.around.push_back(day_start(span.last + 1));
  const storage::UsageData d = storage::UsageReader(db).read(meter, reads);
  const std::vector<CalendarPoint> points = points_of(d.days, period, span);
  const std::optional<TenThousandths> price = price_around(d.around.at(0));

  JsonWriter json;
  json.begin_object();
  json.key("labels").begin_array();
  for (const auto& p : points) json.string(p.label);
  json.end_array().key("balances").begin_array();
  for (const auto& p : points) json.hundredths(p.now.last_balance);
  json.end_array().key("usage").begin_array();
  for (const auto& p : points) json.hundredths(p.now.usage);
  json.end_array().key("recharge").begin_array();
  for (const auto& p : points) json.hundredths(p.now.recharge);
  json.end_array().key("estimated").begin_array();
  for (const auto& p : points) json.boolean(p.now.estimated);
  json.end_array().key("cost");
  if (price) {
    json.begin_array();
    for (const auto& p : points) json.hundredths(cost_of(p.now.usage, *price));
    json.end_array();
  } else {
    json.null();
  }
  json.key("last_year_usage").begin_array();
  for (const auto& p : points) json.hundredths(usage_if_data(p.year_ago));
  json.end_array();
  json.key("unit_price");
  write_unit_price(json, price);
  json.key("device_id").string(meter);
  json.key("period").string(name);
  json.key("date").string(format_day(date));
  json.key("from").string(format_day(span.first));
  json.key("to").string(format_day(span.last));
  json.end_object();
  return json.take();
}

std::string calendar_kpi(storage::Database& db, const ApiContext& c, const std::string& meter,
                         const std::string& name, usage::Calendar period, LocalSeconds now) {
  const LocalDay today = day_of(now);
  const DaySpan current = usage::calendar_span(period, today);
  const DaySpan previous = usage::previous_span(period, today);
  const DaySpan year_ago = usage::year_earlier(current);
  storage::UsageRequest reads;
  reads.days = {{previous.first, current.last}, {year_ago.first, year_ago.last}};
  const std::optional<LocalDay> cut_day = usage::cut_day(period, today);
  const LocalSeconds cut = cut_day ? day_start(*cut_day) + (now - day_start(today)) : 0;
  if (cut_day && cut > day_start(*cut_day)) reads.windows.push_back({day_start(*cut_day), cut});
  const storage::UsageData d = storage::UsageReader(db).read(meter, reads);
  const Hundredths so_far =
      d.windows.empty()
          ? 0
          : usage::usage_between(d.windows[0].samples, day_start(*cut_day), cut, c.usage());
  const usage::PeriodComparison p = usage::compare_calendar(d.days, period, today, so_far);

  JsonWriter json;
  json.begin_object();
  json.key("period").string(name);
  json.key("current_usage").hundredths(p.current_usage);
  json.key("previous_usage").hundredths(p.previous_usage);
  json.key("previous_usage_same_time").hundredths(p.previous_usage_same_time);
  json.key("last_year_usage").hundredths(usage_if_data(usage::totals_of(d.days, year_ago)));
  json.key("from").string(format_day(current.first));
  json.key("to").string(format_day(current.last));
  json.key("previous_from").string(format_day(previous.first));
  json.key("previous_to").string(format_day(previous.last));
  json.key("device_id").string(meter);
  json.end_object();
  return json.take();
}

}  // namespace ebill::api
