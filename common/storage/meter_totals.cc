#include "common/storage/meter_totals.h"

#include <algorithm>

#include "common/storage/database_impl.h"
#include "common/storage/summary_sql.h"

namespace ebill::storage {

namespace {

// The newest recharge of at least `min` among the samples of [from, to).
std::optional<usage::RechargeEvent> newest_recharge(const LoadedWindow& w, LocalSeconds from,
                                                    LocalSeconds to, Hundredths min,
                                                    const usage::UsageSettings& settings) {
  std::vector<usage::RechargeEvent> events =
      usage::without_jitter(usage::recharge_events(w.samples, from, to, settings), min);
  if (events.empty()) return std::nullopt;
  return events.back();
}

// Per meter: the days after its stored summaries, from its readings.
struct Tail {
  std::string meter_no;
  LocalDay first = 0;  // > today: every day is stored (only the newest reading is loaded)
};

}  // namespace

std::map<std::string, MeterTotals> meter_totals(Database& db,
                                                const std::vector<std::string>& meters,
                                                LocalSeconds now, Hundredths recharge_min) {
  if (meters.empty()) return {};
  const LocalDay today = day_of(now);
  const LocalSeconds end = day_start(today + 1);
  return db.impl().run(Retry::kSafe, [&](Conn& c) {
    std::map<std::string, MeterTotals> out;
    const std::map<std::string, summary::MeterExtent> extents = meter_extents(c, meters);
    const std::map<std::string, StoredTotals> stored = stored_totals(c, meters, today);
    std::map<std::string, std::vector<usage::DaySummary>> recent;  // today - 8 .. today
    for (MeterSummary& row : select_fleet_summaries(c, {today - 8, today})) {
      if (extents.count(row.meter_no)) recent[row.meter_no].push_back(std::move(row.summary));
    }

    std::vector<Tail> tails;
    std::vector<PlanWindow> windows;
    for (const auto& [meter_no, e] : extents) {
      if (!e.first_at) continue;
      const LocalDay first =
          std::min(e.summarized_through ? *e.summarized_through + 1 : day_of(*e.first_at), today + 1);
      tails.push_back({meter_no, first});
      if (first > today) windows.push_back({meter_no, 0, 0, PlanPart::kLatest});
      else windows.push_back({meter_no, day_start(first), end});
    }
    std::vector<LoadedWindow> loaded = load_windows(c, windows, Statements::kOne);

    std::vector<std::string> to_search;  // meters whose newest recharge is on a stored day
    std::vector<PlanWindow> recharge_days;
    for (std::size_t i = 0; i < tails.size(); ++i) {
      const Tail& tail = tails[i];
      LoadedWindow& w = loaded[i];
      MeterTotals& t = out[tail.meter_no];
      t.latest = w.newest ? std::move(w.newest) : std::move(w.after);
      if (const auto s = stored.find(tail.meter_no); s != stored.end()) t.consumed = s->second.consumption;
      std::vector<usage::DaySummary>& days = recent[tail.meter_no];
      if (tail.first <= today) {
        for (usage::DaySummary& d : usage::summarize_days(
                 w.samples, tail.first, static_cast<int>(today - tail.first + 1), c.usage())) {
          t.consumed += d.consumption;
          if (d.day >= today - 8) days.push_back(std::move(d));
        }
        if (auto r = newest_recharge(w, day_start(tail.first), end, recharge_min, c.usage())) {
          t.last_recharge = LastRecharge{*r, std::nullopt};
        }
      }
      if (const usage::DaySummary* d = usage::find_day(days, today)) t.today = d->consumption;
      if (t.latest) {
        t.days_left = usage::days_left({t.latest->collected_at, t.latest->remain}, days, today);
      }
      const auto s = stored.find(tail.meter_no);
      if (!t.last_recharge && s != stored.end() && s->second.last_recharge_day) {
        const LocalDay d = *s->second.last_recharge_day;
        to_search.push_back(tail.meter_no);
        recharge_days.push_back({tail.meter_no, day_start(d), day_start(d + 1)});
      }
    }
    const std::vector<LoadedWindow> found = load_windows(c, recharge_days, Statements::kOne);
    for (std::size_t i = 0; i < to_search.size(); ++i) {
      const PlanWindow& w = recharge_days[i];
      if (auto r = newest_recharge(found[i], w.start, w.end, recharge_min, c.usage())) {
        out[to_search[i]].last_recharge = LastRecharge{*r, std::nullopt};
      }
    }

    // The reading that shows each recharge, for its unit price.
    std::vector<PlanWindow> shown;
    for (const auto& [meter_no, t] : out) {
      if (t.last_recharge) {
        const LocalSeconds at = t.last_recharge->event.at;
        shown.push_back({meter_no, at, at, PlanPart::kAround});
      }
    }
    const std::vector<LoadedWindow> readings = load_windows(c, shown, Statements::kOne);
    for (std::size_t i = 0; i < shown.size(); ++i) {
      LastRecharge& r = *out[shown[i].meter_no].last_recharge;
      const std::optional<Reading>& at = readings[i].after;
      if (at && at->collected_at == r.event.at && at->unit_price) {
        r.cost = cost_of(r.event.amount, *at->unit_price);
      }
    }
    return out;
  });
}

}  // namespace ebill::storage
