#include "common/storage/usage_reader.h"

#include <algorithm>

#include "common/storage/database_impl.h"
#include "common/storage/summary_sql.h"

namespace ebill::storage {

namespace {

using summary::DayRange;

std::vector<DayRange> merged(std::vector<DayRange> ranges) {
  std::sort(ranges.begin(), ranges.end(),
            [](const DayRange& a, const DayRange& b) { return a.first < b.first; });
  std::vector<DayRange> out;
  for (const DayRange& r : ranges) {
    if (r.first > r.last) continue;
    if (!out.empty() && r.first <= out.back().last + 1) {
      out.back().last = std::max(out.back().last, r.last);
    } else {
      out.push_back(r);
    }
  }
  return out;
}

// How one asked range is answered: the stored rows [begin, end) of an
// unbroken run, and the days before it and after it that come from readings.
struct RangePlan {
  std::optional<DayRange> before, after;
  std::size_t begin = 0, end = 0;
};

// Stored rows form one unbroken run per meter (from its first reading's day
// to its last summarized day): the days before the run (before the meter's
// data) and from the first day after it without a row (normally today) come
// from readings.
RangePlan plan_range(const DayRange& r, const std::vector<usage::DaySummary>& stored,
                     std::size_t& next) {
  RangePlan p;
  p.begin = next;
  while (next < stored.size() && stored[next].day <= r.last) ++next;
  if (p.begin == next) {
    p.after = r;
    p.end = p.begin;
    return p;
  }
  if (stored[p.begin].day > r.first) p.before = DayRange{r.first, stored[p.begin].day - 1};
  p.end = p.begin + 1;
  while (p.end < next && stored[p.end].day == stored[p.end - 1].day + 1) ++p.end;
  const LocalDay after = stored[p.end - 1].day + 1;
  if (after <= r.last) p.after = DayRange{after, r.last};
  return p;
}

}  // namespace

UsageData UsageReader::read(const std::string& meter_no, const UsageRequest& request) {
  const std::vector<DayRange> ranges = merged(request.days);
  return db_.impl().run(Retry::kSafe, [&](Conn& c) {
    const std::vector<usage::DaySummary> stored = select_summaries(c, meter_no, ranges);
    std::vector<RangePlan> plans;
    std::vector<PlanWindow> windows;
    std::size_t next = 0;
    for (const DayRange& r : ranges) {
      plans.push_back(plan_range(r, stored, next));
      for (const std::optional<DayRange>& d : {plans.back().before, plans.back().after}) {
        if (d) windows.push_back({meter_no, day_start(d->first), day_start(d->last + 1)});
      }
    }
    const std::size_t computed = windows.size();
    for (const ReadWindow& w : request.windows) windows.push_back({meter_no, w.start, w.end});
    for (LocalSeconds t : request.around) windows.push_back({meter_no, t, t, PlanPart::kAround});
    if (request.latest) windows.push_back({meter_no, 0, 0, PlanPart::kLatest});
    // Two statements at most in all: the readings in one when the summaries
    // took one.
    std::vector<LoadedWindow> loaded = load_windows(
        c, windows, ranges.empty() ? Statements::kAtMost2 : Statements::kOne);

    UsageData out;
    std::size_t k = 0;
    auto add_computed = [&](const DayRange& d) {
      for (usage::DaySummary& s :
           usage::summarize_days(loaded[k++].samples, d.first,
                                 static_cast<int>(d.last - d.first + 1), c.usage())) {
        out.days.push_back(std::move(s));
      }
    };
    for (const RangePlan& p : plans) {
      if (p.before) add_computed(*p.before);
      out.days.insert(out.days.end(), stored.begin() + static_cast<std::ptrdiff_t>(p.begin),
                      stored.begin() + static_cast<std::ptrdiff_t>(p.end));
      if (p.after) add_computed(*p.after);
    }
    for (std::size_t i = computed; i < computed + request.windows.size(); ++i) {
      LoadedWindow& w = loaded[i];
      out.windows.push_back({std::move(w.samples), std::move(w.newest), std::move(w.after),
                             w.unit_price});
    }
    for (std::size_t i = computed + request.windows.size();
         i < computed + request.windows.size() + request.around.size(); ++i) {
      out.around.push_back({std::move(loaded[i].newest), std::move(loaded[i].after)});
    }
    if (request.latest) out.latest = std::move(loaded.back().newest);
    return out;
  });
}

UsageReader::RechargeWindows UsageReader::recharge_windows(const std::string& meter_no,
                                                           DayRange days) {
  return db_.impl().run(Retry::kSafe, [&](Conn& c) {
    RechargeWindows out;
    if (days.first > days.last) return out;
    const std::vector<usage::DaySummary> stored = select_summaries(c, meter_no, {days});
    std::size_t next = 0;
    const RangePlan p = plan_range(days, stored, next);
    std::vector<DayRange> ranges;
    auto add = [&](const DayRange& r) {
      if (!ranges.empty() && ranges.back().last + 1 == r.first) ranges.back().last = r.last;
      else ranges.push_back(r);
    };
    if (p.before) add(*p.before);
    for (std::size_t i = p.begin; i < p.end; ++i) {
      if (stored[i].recharge > 0) add({stored[i].day, stored[i].day});
    }
    if (p.after) add(*p.after);
    std::vector<PlanWindow> windows;
    for (const DayRange& r : ranges) {
      windows.push_back({meter_no, day_start(r.first), day_start(r.last + 1)});
    }
    const LocalSeconds end = day_start(days.last + 1);
    windows.push_back({meter_no, end, end, PlanPart::kAround});
    std::vector<LoadedWindow> loaded = load_windows(c, windows, Statements::kOne);
    for (std::size_t i = 0; i < ranges.size(); ++i) {
      LoadedWindow& w = loaded[i];
      out.windows.push_back({ranges[i], {std::move(w.samples), std::move(w.newest),
                                         std::move(w.after), w.unit_price}});
    }
    out.end = {std::move(loaded.back().newest), std::move(loaded.back().after)};
    return out;
  });
}

}  // namespace ebill::storage
