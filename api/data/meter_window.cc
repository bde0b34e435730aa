#include "api/data/meter_window.h"

#include <algorithm>

#include "common/storage/usage_reader.h"
#include "common/usage/attribution.h"

namespace ebill::api::data {
namespace {

MeterWindow to_meter_window(storage::WindowReadings w) {
  MeterWindow out;
  out.samples = std::move(w.samples);
  out.newest = std::move(w.newest);
  out.more_after = w.after.has_value();
  out.unit_price = w.after && w.after->unit_price ? w.after->unit_price : w.unit_price;
  return out;
}

// The unit price of the first reading at or after a time, else of the last
// one before it.
std::optional<TenThousandths> price_around(const storage::ReadingsAround& a) {
  if (a.at_or_after && a.at_or_after->unit_price) return a.at_or_after->unit_price;
  return a.before ? a.before->unit_price : std::nullopt;
}

}  // namespace

MeterWindow load_window(storage::Database& db, const std::string& meter, LocalSeconds from,
                        LocalSeconds to) {
  storage::UsageData d = storage::UsageReader(db).read(meter, {{}, {{from, to}}, false});
  return to_meter_window(std::move(d.windows.at(0)));
}

MeterDays load_days(storage::Database& db, const std::string& meter, std::vector<DayRange> ranges,
                    const usage::UsageSettings& /*settings*/, bool want_latest) {
  storage::UsageRequest request;
  LocalDay last = 0;
  for (const DayRange& r : ranges) {
    request.days.push_back({r.first, r.last});
    last = std::max(last, r.last);
  }
  request.latest = want_latest;
  // The unit price shown with the days: of the reading just after them, or
  // else of their newest one (not needed with the newest reading itself).
  if (!ranges.empty() && !want_latest) request.around.push_back(day_start(last + 1));
  storage::UsageData d = storage::UsageReader(db).read(meter, request);
  MeterDays out;
  out.days = std::move(d.days);
  out.latest = std::move(d.latest);
  if (want_latest && out.latest) out.unit_price = out.latest->unit_price;
  if (!d.around.empty()) out.unit_price = price_around(d.around.front());
  return out;
}

MeterRecharges load_recharges(storage::Database& db, const std::string& meter, DayRange days,
                              const usage::UsageSettings& settings) {
  storage::UsageReader::RechargeWindows r =
      storage::UsageReader(db).recharge_windows(meter, {days.first, days.last});
  MeterRecharges out;
  for (const storage::DayWindow& w : r.windows) {
    for (usage::RechargeEvent& e :
         usage::recharge_events(w.readings.samples, day_start(w.days.first),
                                day_start(w.days.last + 1), settings)) {
      out.events.push_back(e);
    }
  }
  out.unit_price = price_around(r.end);
  return out;
}

usage::PeriodComparison compare_period(storage::Database& db, const std::string& meter,
                                       LocalSeconds now, int span_days,
                                       const usage::UsageSettings& settings) {
  const LocalDay today = day_of(now);
  const LocalSeconds from = day_start(today - 2 * span_days + 1);
  if (now <= from) return {};
  // Stored summaries of the closed days, readings of today and of the cut
  // day up to the same time of day: two queries.
  const LocalDay cut_day = today - span_days;
  const LocalSeconds cut = now - span_days * kSecondsPerDay;
  storage::UsageRequest request;
  request.days.push_back({today - 2 * span_days + 1, today});
  if (cut > day_start(cut_day)) request.windows.push_back({day_start(cut_day), cut});
  storage::UsageData d = storage::UsageReader(db).read(meter, request);
  const Hundredths so_far =
      d.windows.empty()
          ? 0
          : usage::usage_between(d.windows[0].samples, day_start(cut_day), cut, settings);
  return usage::compare_periods(d.days, today, span_days, so_far);
}

}  // namespace ebill::api::data
