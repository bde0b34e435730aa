#include "common/storage/day_summary_store.h"

#include <algorithm>
#include <map>

#include "common/storage/summary_refresh.h"
#include "common/storage/retry.h"
#include "common/storage/stale_days.h"
#include "common/storage/summary_sql.h"
#include "common/usage/day_summary.h"

namespace ebill::storage {

std::vector<usage::DaySummary> DaySummaryStore::stored(const std::string& meter_no,
                                                       LocalDay first, LocalDay last) {
  return db_.impl().run(Retry::kSafe,
                        [&](Conn& c) { return select_summaries(c, meter_no, {{first, last}}); });
}

std::optional<OpenDay> DaySummaryStore::open_day(const std::string& meter_no) {
  return db_.impl().run(Retry::kSafe, [&](Conn& c) -> std::optional<OpenDay> {
    std::map<std::string, OpenDay> found = select_open_days(c, std::vector<std::string>{meter_no});
    if (found.empty()) return std::nullopt;
    return std::move(found.begin()->second);
  });
}

std::size_t DaySummaryStore::rebuild(const std::optional<std::string>& meter_no) {
  return db_.impl().run(Retry::kSafe, [&](Conn& c) {
    return retry_conflicts([&] {
      WriteTransaction tx(c);
      const std::size_t rows = rebuild_summaries(c, meter_no);
      tx.commit();
      return rows;
    });
  });
}

namespace {

// "gap_minutes = ? AND rules_version = ?" negated, with its values.
constexpr const char* kOtherRules = "(gap_minutes <> :g OR rules_version <> :v)";

}  // namespace

std::size_t DaySummaryStore::repair_foreign_writes() {
  return db_.impl().run(Retry::kSafe, [&](Conn& c) {
    return retry_conflicts([&]() -> std::size_t {
      WriteTransaction tx(c);
      // The marks first: the readings read after them are at least as new
      // (a write committed later keeps its mark, changed, for next time).
      const std::vector<StaleDay> marks = select_stale_days(c, std::nullopt);
      if (marks.empty()) return 0;
      std::map<std::string, LocalDay> earliest;
      for (const StaleDay& m : marks) {
        const auto [it, added] = earliest.emplace(m.meter_no, m.day);
        if (!added) it->second = std::min(it->second, m.day);
      }
      std::vector<std::string> meters;
      for (const auto& [meter, day] : earliest) meters.push_back(meter);
      // Before the summaries, as every writer does (same lock order).
      bump_meter_versions(c, meters);
      repair_from(c, earliest);
      clear_stale_days(c, marks);
      tx.commit();
      return meters.size();
    });
  });
}

std::vector<std::string> DaySummaryStore::meters_with_other_rules() {
  return db_.impl().run(Retry::kSafe, [&](Conn& c) {
    std::vector<std::string> out;
    std::string meter;
    const int gap = static_cast<int>(c.usage().gap_seconds / 60);
    const int version = usage::kSummaryRulesVersion;
    soci::statement st = (c.query().prepare << std::string("SELECT DISTINCT meter_no FROM day_summary WHERE ") +
                                                   kOtherRules,
                          soci::use(gap), soci::use(version), soci::into(meter));
    st.execute();
    while (st.fetch()) out.push_back(meter);
    return out;
  });
}

bool DaySummaryStore::rebuild_other_rules(const std::string& meter_no) {
  return db_.impl().run(Retry::kSafe, [&](Conn& c) {
    return retry_conflicts([&] {
      WriteTransaction tx(c);
      const int gap = static_cast<int>(c.usage().gap_seconds / 60);
      const int version = usage::kSummaryRulesVersion;
      int outdated = 0;
      c.query() << std::string("SELECT COUNT(*) FROM (SELECT 1 FROM day_summary WHERE meter_no = :m"
                               " AND ") + kOtherRules + " LIMIT 1) AS outdated",
          soci::use(meter_no), soci::use(gap), soci::use(version), soci::into(outdated);
      if (outdated == 0) return false;
      rebuild_summaries(c, meter_no);
      tx.commit();
      return true;
    });
  });
}

}  // namespace ebill::storage
