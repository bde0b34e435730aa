#include "common/storage/summary_refresh.h"

#include <algorithm>
#include <cstdint>
#include <limits>

#include "common/storage/stale_days.h"
#include "common/storage/summary_sql.h"
#include "common/usage/day_summary.h"
#include "common/usage/open_day.h"

namespace ebill::storage {

namespace {

// A window of at most this many days per load; at most this many window-days
// per statement (about 64 × 288 five-minute readings held at once).
constexpr int kDaysPerWindow = 31;
constexpr int kDaysPerLoad = 64;

}  // namespace

std::size_t recompute_summaries(Conn& c, const std::vector<MeterDays>& ranges) {
  std::vector<PlanWindow> windows;
  std::vector<MeterSummary> rows;
  std::size_t written = 0;
  int pending_days = 0;
  auto load = [&] {
    if (windows.empty()) return;
    const std::vector<LoadedWindow> loaded = load_windows(c, windows, Statements::kAtMost2);
    for (std::size_t i = 0; i < windows.size(); ++i) {
      const LocalDay first = day_of(windows[i].start);
      const int days = static_cast<int>(day_of(windows[i].end) - first);
      for (const usage::DaySummary& s :
           usage::summarize_days(loaded[i].samples, first, days, c.usage())) {
        // Only settled days are stored (callers ask for nothing else).
        if (s.settled) rows.push_back({windows[i].meter_no, s});
      }
    }
    windows.clear();
    pending_days = 0;
    if (rows.size() >= 500) {
      upsert_summaries(c, rows);
      written += rows.size();
      rows.clear();
    }
  };
  for (const MeterDays& r : ranges) {
    for (LocalDay first = r.days.first; first <= r.days.last; first += kDaysPerWindow) {
      const LocalDay last = std::min<LocalDay>(r.days.last, first + kDaysPerWindow - 1);
      windows.push_back({r.meter_no, day_start(first), day_start(last + 1)});
      pending_days += static_cast<int>(last - first + 1);
      if (pending_days >= kDaysPerLoad) load();
    }
  }
  load();
  upsert_summaries(c, rows);
  return written + rows.size();
}

SummaryRefresh::SummaryRefresh(WriteTransaction& tx, const std::vector<Reading>& batch)
    : tx_(tx) {
  for (const Reading& r : batch) {
    times_[r.meter_no].push_back(r.collected_at);
    readings_[r.meter_no].push_back(r);
  }
  std::vector<std::string> meters;
  meters.reserve(times_.size());
  for (auto& [meter, readings] : readings_) {
    meters.push_back(meter);
    std::stable_sort(readings.begin(), readings.end(), [](const Reading& a, const Reading& b) {
      return a.collected_at < b.collected_at;
    });
  }
  extents_ = meter_extents(tx_.conn(), meters);
  open_ = select_open_days(tx_.conn(), meters);
}

std::optional<OpenDay> SummaryRefresh::extended_open_day(const std::string& meter_no,
                                                         const std::vector<StaleDay>& marks) const {
  const auto open = open_.find(meter_no);
  const auto extent = extents_.find(meter_no);
  if (open == open_.end() || extent == extents_.end()) return std::nullopt;
  const OpenDay& before = open->second;
  if (!before.current_rules) return std::nullopt;
  // It must know every stored reading: its last is the meter's last.
  if (before.last.collected_at != extent->second.last_at) return std::nullopt;
  const std::vector<Reading>& batch = readings_.at(meter_no);
  // Each of the batch's rows made one write on its day; more on the open
  // day is another program's change there, which it does not know.
  const LocalDay day = before.summary.day;
  for (const StaleDay& mark : marks) {
    if (mark.meter_no == meter_no && mark.day == day &&
        mark.writes > static_cast<std::int64_t>(batch.size())) {
      return std::nullopt;
    }
  }
  std::vector<usage::Sample> later;
  later.reserve(batch.size());
  for (const Reading& r : batch) later.push_back({r.collected_at, r.remain});
  std::optional<usage::DaySummary> summary =
      usage::extend_open_day(before.summary, later, tx_.conn().usage());
  if (!summary) return std::nullopt;
  return OpenDay{std::move(*summary), batch.back(), before.first_reading_at};
}

void SummaryRefresh::after_insert() {
  Conn& c = tx_.conn();
  // The triggers (sql/*/015) marked the days of this batch's rows, which
  // the refresh below covers; marks on other days of its meters are changes
  // by another program, repaired here too from their earliest day.
  std::vector<std::string> meters;
  for (const auto& [meter, times] : times_) meters.push_back(meter);
  const std::vector<StaleDay> marks = select_stale_days(c, meters);
  std::map<std::string, LocalDay> foreign;
  for (const StaleDay& mark : marks) {
    const std::vector<LocalSeconds>& times = times_[mark.meter_no];
    const bool own = std::any_of(times.begin(), times.end(),
                                 [&](LocalSeconds t) { return day_of(t) == mark.day; });
    if (own) continue;
    const auto [it, added] = foreign.emplace(mark.meter_no, mark.day);
    if (!added) it->second = std::min(it->second, mark.day);
  }
  std::vector<MeterDays> stale;
  for (const auto& [meter, times] : times_) {
    if (const auto it = foreign.find(meter); it != foreign.end()) {
      it->second = std::min(it->second, day_of(*std::min_element(times.begin(), times.end())));
      continue;
    }
    const auto it = extents_.find(meter);
    const summary::MeterExtent extent = it == extents_.end() ? summary::MeterExtent{} : it->second;
    std::optional<LocalSeconds> predecessor;
    if (const auto late = summary::late_reading(extent, times)) {
      predecessor = last_reading_before(c, meter, *late);
    }
    if (const auto days = summary::days_to_refresh(extent, times, predecessor)) {
      stale.push_back({meter, *days});
    }
  }
  recompute_summaries(c, stale);
  // The open days of the meters repair_from does not cover.
  std::map<std::string, OpenDay> extended;
  std::map<std::string, summary::MeterExtent> recompute;
  for (const auto& [meter, times] : times_) {
    if (foreign.count(meter)) continue;
    if (std::optional<OpenDay> d = extended_open_day(meter, marks)) {
      extended.emplace(meter, std::move(*d));
      continue;
    }
    // The extent now: the stored one widened by the batch.
    summary::MeterExtent now = extents_[meter];
    for (LocalSeconds t : times) {
      now.first_at = std::min(now.first_at.value_or(t), t);
      now.last_at = std::max(now.last_at.value_or(t), t);
    }
    recompute.emplace(meter, now);
  }
  upsert_open_days(c, extended);
  recompute_open_days(c, recompute);
  repair_from(c, foreign);
  clear_stale_days(c, marks);
}

std::size_t repair_from(Conn& c, const std::map<std::string, LocalDay>& earliest) {
  if (earliest.empty()) return 0;
  std::vector<std::string> meters;
  for (const auto& [meter, day] : earliest) meters.push_back(meter);
  const auto extents = meter_extents(c, meters);
  std::vector<MeterDays> ranges;
  std::map<std::string, summary::MeterExtent> open_days;  // to recompute
  std::size_t rebuilt = 0;
  for (const auto& [meter, day] : earliest) {
    const auto extent = extents.find(meter);
    if (extent == extents.end()) {  // no reading left
      delete_summaries(c, meter);
      delete_open_days(c, meter);
      continue;
    }
    const std::optional<LocalSeconds> before = last_reading_before(c, meter, day_start(day));
    if (!before) {  // from the meter's (maybe new) first reading; its open day too
      rebuilt += rebuild_summaries(c, meter, /*move_versions=*/false);
      continue;
    }
    open_days.insert(*extent);
    // The step from the last reading before the day into it may spread
    // over the days between (a gap): recompute from that reading's day.
    const LocalDay first = day_of(*before);
    delete_summaries(c, meter, first);
    const LocalDay last_settled = day_of(*extent->second.last_at) - 1;
    if (first <= last_settled) ranges.push_back({meter, {first, last_settled}});
  }
  recompute_open_days(c, open_days);
  return rebuilt + recompute_summaries(c, ranges);
}

std::size_t rebuild_summaries(Conn& c, const std::optional<std::string>& meter_no,
                              bool move_versions) {
  std::optional<std::vector<std::string>> meters;
  if (meter_no) meters = std::vector<std::string>{*meter_no};
  const auto extents = meter_extents(c, meters);
  // Every mark of these meters is covered (read first: a later one stays).
  const std::vector<StaleDay> marks =
      select_stale_days(c, meters, std::numeric_limits<std::int32_t>::max());
  if (move_versions) {
    std::vector<std::string> moved;
    if (meter_no) moved.push_back(*meter_no);
    else for (const auto& [meter, extent] : extents) moved.push_back(meter);
    bump_meter_versions(c, moved);
  }
  delete_summaries(c, meter_no);
  delete_open_days(c, meter_no);
  recompute_open_days(c, extents);
  std::vector<MeterDays> ranges;
  for (const auto& [meter, extent] : extents) {
    const LocalDay first = day_of(*extent.first_at);
    const LocalDay last_settled = day_of(*extent.last_at) - 1;
    if (first <= last_settled) ranges.push_back({meter, {first, last_settled}});
  }
  const std::size_t rows = recompute_summaries(c, ranges);
  clear_stale_days(c, marks);
  return rows;
}

}  // namespace ebill::storage
