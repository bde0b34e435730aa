#include "common/storage/usage_reader.h"

#include <algorithm>
#include <unordered_map>

#include "common/storage/database_impl.h"
#include "common/storage/open_day_sql.h"
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

// The summaries of the days a plan answers, in day order: its stored rows and
// the days before and after them summarized from `samples_of(range)` (the
// samples load_plan names for that range) — the one place both reads turn
// readings into day summaries. `keep(day)` says which computed days to add.
template <class SamplesOf, class Keep>
void complete_days(const RangePlan& p, const std::vector<usage::DaySummary>& stored,
                   SamplesOf&& samples_of, Keep&& keep, const usage::UsageSettings& settings,
                   std::vector<usage::DaySummary>& out) {
  auto add_computed = [&](const DayRange& d) {
    for (usage::DaySummary& s :
         usage::summarize_days(samples_of(d), d.first, static_cast<int>(d.last - d.first + 1),
                               settings)) {
      if (keep(s)) out.push_back(std::move(s));
    }
  };
  if (p.before) add_computed(*p.before);
  out.insert(out.end(), stored.begin() + static_cast<std::ptrdiff_t>(p.begin),
             stored.begin() + static_cast<std::ptrdiff_t>(p.end));
  if (p.after) add_computed(*p.after);
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
    std::size_t k = 0;  // the computed windows come in plan order
    for (const RangePlan& p : plans) {
      complete_days(
          p, stored, [&](const DayRange&) -> const std::vector<usage::Sample>& {
            return loaded[k++].samples;
          },
          [](const usage::DaySummary&) { return true; }, c.usage(), out.days);
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

namespace {

// A meter's fleet data from its open day: its stored days before it, then
// the open day. nullopt when the two do not join (a stored day missing
// before the open day: another program's change not yet repaired, or rows
// of other rules), and the caller computes the meter from its readings.
std::optional<FleetMeterData> from_open_day(const std::vector<usage::DaySummary>& rows,
                                            const OpenDay& open, const DayRange& span) {
  const LocalDay day = open.summary.day;
  if (!open.current_rules) return std::nullopt;
  if (day > span.last) return std::nullopt;  // a reading after today (the clocks differ)
  std::vector<usage::DaySummary> before;
  for (const usage::DaySummary& s : rows) {
    if (s.day < day) before.push_back(s);
  }
  const bool joins = day - 1 < span.first || day_of(open.first_reading_at) == day ||
                     (!before.empty() && before.back().day == day - 1);
  if (!joins) return std::nullopt;
  FleetMeterData data;
  data.days = std::move(before);
  if (day >= span.first) data.days.push_back(open.summary);
  if (open.last.collected_at >= day_start(span.last - 1)) {
    data.latest = open.last;
  } else {
    data.latest_known = open.summary.last;
  }
  return data;
}

}  // namespace

std::map<std::string, FleetMeterData> UsageReader::read_fleet(LocalDay today) {
  const DayRange span{today - 8, today};
  const DayRange loaded_days{today - 1, today};  // what the readings below cover
  return db_.impl().run(Retry::kSafe, [&](Conn& c) {
    std::unordered_map<std::string, std::vector<usage::DaySummary>> stored;
    for (MeterSummary& row : select_fleet_summaries(c, span)) {
      stored[row.meter_no].push_back(std::move(row.summary));
    }
    auto earlier = [](const usage::DaySummary& a, const usage::DaySummary& b) {
      return a.day < b.day;
    };
    for (auto& [meter, rows] : stored) {
      // In day order as the index gives them; sorted should a plan not.
      if (!std::is_sorted(rows.begin(), rows.end(), earlier)) {
        std::sort(rows.begin(), rows.end(), earlier);
      }
    }
    std::map<std::string, FleetMeterData> out;
    // Meters with stored days but no open day that joins them: from their
    // readings since yesterday, as before the open days were kept.
    std::vector<std::string> from_readings;
    const std::map<std::string, OpenDay> open = select_open_days(c, std::nullopt);
    for (const auto& [meter, d] : open) {
      const auto found = stored.find(meter);
      static const std::vector<usage::DaySummary> kNone;
      if (auto data = from_open_day(found == stored.end() ? kNone : found->second, d, span)) {
        out.emplace(meter, std::move(*data));
      } else {
        from_readings.push_back(meter);
      }
    }
    for (const auto& [meter, rows] : stored) {
      if (!open.count(meter)) from_readings.push_back(meter);
    }
    if (from_readings.empty()) return out;

    FleetReadings loaded = select_fleet_readings(c, day_start(loaded_days.first));
    for (const std::string& meter : from_readings) {
      FleetMeterData& data = out[meter];
      if (auto r = loaded.latest.find(meter); r != loaded.latest.end()) {
        data.latest = std::move(r->second);
      }
      static const std::vector<usage::DaySummary> kNone;
      const auto found_rows = stored.find(meter);
      const std::vector<usage::DaySummary>& rows =
          found_rows == stored.end() ? kNone : found_rows->second;
      std::vector<usage::Sample>& own = loaded.samples[meter];
      // The anchor: the newest stored day's last reading before the loaded span.
      for (auto it = rows.rbegin(); it != rows.rend() && !own.empty(); ++it) {
        if (it->day < loaded_days.first && it->last) {
          own.insert(own.begin(), *it->last);
          break;
        }
      }
      std::size_t next = 0;
      RangePlan p = plan_range(span, rows, next);
      // Only the loaded days can be computed; older days without a row stay absent.
      for (std::optional<DayRange>* d : {&p.before, &p.after}) {
        if (*d && (*d)->last < loaded_days.first) d->reset();
        if (*d) (*d)->first = std::max((*d)->first, loaded_days.first);
        if (*d && own.empty()) d->reset();
      }
      complete_days(
          p, rows, [&](const DayRange&) -> const std::vector<usage::Sample>& { return own; },
          [](const usage::DaySummary& s) {
            return s.readings > 0 || s.consumption > 0 || s.recharge > 0;
          },
          c.usage(), data.days);
      for (auto it = data.days.rbegin(); it != data.days.rend() && !data.latest_known; ++it) {
        if (it->last) data.latest_known = it->last;
      }
    }
    return out;
  });
}

}  // namespace ebill::storage
