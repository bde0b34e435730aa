#include "api/data/meter_window.h"

#include <algorithm>

#include "common/storage/reading_store.h"
#include "common/usage/load_plan.h"

namespace ebill::api::data {
namespace {

constexpr std::size_t kScanChunk = 20000;

}  // namespace

MeterWindow load_window(storage::Database& db, const std::string& meter, LocalSeconds from,
                        LocalSeconds to) {
  storage::ReadingStore store(db);
  const std::optional<Reading> anchor = store.last_before(meter, from);
  const usage::LoadPlan plan =
      usage::load_plan(from, to, anchor ? std::optional(anchor->collected_at) : std::nullopt);
  MeterWindow w;
  // Streamed: a window of up to kScanChunk readings is one query, and a
  // longer one (years of recharge history) never holds every row at once.
  std::optional<TenThousandths> price;
  store.for_each(
      meter, plan.from, plan.to,
      [&](const Reading& r) {
        w.samples.push_back({r.collected_at, r.remain});
        if (r.unit_price) price = r.unit_price;
        w.newest = r;
        return true;
      },
      kScanChunk);
  const std::optional<Reading> after = store.first_at_or_after(meter, to);
  if (after) {
    w.samples.push_back({after->collected_at, after->remain});
    w.more_after = true;
  }
  w.unit_price = after && after->unit_price ? after->unit_price : price;
  return w;
}

MeterDays load_days(storage::Database& db, const std::string& meter, std::vector<DayRange> ranges,
                    const usage::UsageSettings& settings, bool want_latest) {
  std::sort(ranges.begin(), ranges.end(),
            [](const DayRange& a, const DayRange& b) { return a.first < b.first; });
  std::vector<DayRange> merged;
  for (const DayRange& r : ranges) {
    if (!merged.empty() && r.first <= merged.back().last + 1) {
      merged.back().last = std::max(merged.back().last, r.last);
    } else {
      merged.push_back(r);
    }
  }
  MeterDays out;
  bool latest_known = false;
  for (const DayRange& r : merged) {
    const int days = static_cast<int>(r.last - r.first + 1);
    MeterWindow w = load_window(db, meter, day_start(r.first), day_start(r.last + 1));
    for (usage::DaySummary& d : usage::summarize_days(w.samples, r.first, days, settings)) {
      out.days.push_back(std::move(d));
    }
    if (w.unit_price) out.unit_price = w.unit_price;
    latest_known = !w.more_after;
    out.latest = w.newest;
  }
  if (want_latest && !latest_known) out.latest = storage::ReadingStore(db).latest(meter);
  if (!want_latest) out.latest.reset();
  return out;
}

usage::PeriodComparison compare_period(storage::Database& db, const std::string& meter,
                                       LocalSeconds now, int span_days,
                                       const usage::UsageSettings& settings) {
  const LocalDay today = day_of(now);
  const LocalSeconds from = day_start(today - 2 * span_days + 1);
  if (now <= from) return {};
  MeterWindow w = load_window(db, meter, from, now);
  return usage::compare_periods(w.samples, now, span_days, settings);
}

}  // namespace ebill::api::data
