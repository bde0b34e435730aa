#include "common/storage/meter_totals.h"

#include <algorithm>

#include "common/storage/database_impl.h"
#include "common/storage/summary_sql.h"
#include "common/storage/usage_reader.h"

namespace ebill::storage {

std::map<std::string, MeterTotals> meter_totals(Database& db,
                                                const std::vector<std::string>& meters,
                                                LocalSeconds now) {
  std::map<std::string, MeterTotals> out;
  if (meters.empty()) return out;
  const std::map<std::string, summary::MeterExtent> extents = db.impl().run(
      Retry::kSafe, [&](Conn& c) { return meter_extents(c, meters); });
  UsageReader reader(db);
  for (const auto& [meter_no, extent] : extents) {
    if (!extent.first_at) continue;
    UsageRequest request;
    const LocalDay first = day_of(*extent.first_at);
    request.days.push_back({first, std::max(first, day_of(now))});
    request.latest = true;
    const UsageData d = reader.read(meter_no, request);
    MeterTotals& t = out[meter_no];
    t.latest = d.latest;
    for (const usage::DaySummary& s : d.days) {
      t.consumed += s.consumption;
      if (s.day == day_of(now)) t.today = s.consumption;
    }
  }
  return out;
}

}  // namespace ebill::storage
