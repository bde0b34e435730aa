#include "common/storage/fleet_reader.h"

#include <algorithm>

#include "common/storage/database_impl.h"
#include "common/storage/summary_sql.h"

namespace ebill::storage {

std::map<std::string, FleetMeterData> FleetReader::read(LocalDay today) {
  return db_.impl().run(Retry::kSafe, [&](Conn& c) {
    std::map<std::string, FleetMeterData> out;
    for (MeterSummary& row : select_fleet_summaries(c, {today - 8, today})) {
      out[row.meter_no].days.push_back(std::move(row.summary));
    }
    std::map<std::string, std::vector<usage::Sample>> samples;
    for (Reading& r : select_fleet_readings(c, day_start(today - 1))) {
      samples[r.meter_no].push_back({r.collected_at, r.remain});
      out[r.meter_no].latest = std::move(r);
    }
    for (auto& [meter, data] : out) {
      auto& days = data.days;
      auto found = samples.find(meter);
      // The anchor: the newest stored day's last reading before the loaded span.
      if (found != samples.end()) {
        for (auto it = days.rbegin(); it != days.rend(); ++it) {
          if (it->day < today - 1 && it->last) {
            found->second.insert(found->second.begin(), *it->last);
            break;
          }
        }
      }
      for (LocalDay day : {today - 1, today}) {
        if (usage::find_day(days, day) || found == samples.end()) continue;
        usage::DaySummary s = usage::summarize_days(found->second, day, 1, c.usage()).at(0);
        if (s.readings > 0 || s.consumption > 0 || s.recharge > 0) days.push_back(std::move(s));
      }
      std::sort(days.begin(), days.end(),
                [](const usage::DaySummary& a, const usage::DaySummary& b) { return a.day < b.day; });
      for (auto it = days.rbegin(); it != days.rend() && !data.latest_known; ++it) {
        if (it->last) data.latest_known = it->last;
      }
    }
    return out;
  });
}

}  // namespace ebill::storage
