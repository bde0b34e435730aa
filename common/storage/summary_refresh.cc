#include "common/storage/summary_refresh.h"

#include <algorithm>

#include "common/storage/summary_sql.h"
#include "common/usage/day_summary.h"

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
  for (const Reading& r : batch) times_[r.meter_no].push_back(r.collected_at);
  std::vector<std::string> meters;
  meters.reserve(times_.size());
  for (const auto& [meter, times] : times_) meters.push_back(meter);
  extents_ = meter_extents(tx_.conn(), meters);
}

void SummaryRefresh::after_insert() {
  Conn& c = tx_.conn();
  std::vector<MeterDays> stale;
  for (const auto& [meter, times] : times_) {
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
}

std::size_t rebuild_summaries(Conn& c, const std::optional<std::string>& meter_no) {
  std::optional<std::vector<std::string>> meters;
  if (meter_no) meters = std::vector<std::string>{*meter_no};
  const auto extents = meter_extents(c, meters);
  delete_summaries(c, meter_no);
  std::vector<MeterDays> ranges;
  for (const auto& [meter, extent] : extents) {
    const LocalDay first = day_of(*extent.first_at);
    const LocalDay last_settled = day_of(*extent.last_at) - 1;
    if (first <= last_settled) ranges.push_back({meter, {first, last_settled}});
  }
  return recompute_summaries(c, ranges);
}

}  // namespace ebill::storage
