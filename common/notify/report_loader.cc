#include "common/notify/report_loader.h"

#include "common/storage/usage_reader.h"

namespace ebill::notify {

usage::UsageSettings usage_settings(const UsageSettings& settings) {
  usage::UsageSettings out;
  out.gap_seconds = std::int64_t{settings.gap_minutes} * 60;
  return out;
}

std::vector<usage::Sample> to_samples(const std::vector<Reading>& readings) {
  std::vector<usage::Sample> out;
  out.reserve(readings.size());
  for (const Reading& r : readings) out.push_back({r.collected_at, r.remain});
  return out;
}

ReportData load_report_data(storage::Database& db, const std::string& meter_no, LocalSeconds now,
                            LocalDay first_day) {
  storage::UsageRequest request;
  request.days.push_back({first_day, day_of(now) - 1});
  request.around.push_back(now + 1);  // its `before`: the newest reading at or before now
  storage::UsageData d = storage::UsageReader(db).read(meter_no, request);
  ReportData out;
  out.days = std::move(d.days);
  if (const std::optional<Reading>& r = d.around.at(0).before) {
    out.current = usage::Sample{r->collected_at, r->remain};
    out.reading = r;
  }
  return out;
}

std::vector<usage::Bucket> load_hour_buckets(storage::Database& db, const std::string& meter_no,
                                             LocalSeconds from, LocalSeconds to,
                                             const usage::UsageSettings& settings) {
  storage::UsageRequest request;
  request.windows.push_back({from, to});
  const storage::UsageData d = storage::UsageReader(db).read(meter_no, request);
  std::vector<LocalSeconds> edges;
  for (LocalSeconds t = from; t <= to; t += kSecondsPerHour) edges.push_back(t);
  return usage::attribute(d.windows.at(0).samples, edges, settings);
}

DailyReport load_daily_report(storage::Database& db, const std::string& meter_no,
                              LocalSeconds now) {
  const ReportData data = load_report_data(db, meter_no, now);
  return daily_report(data.days, data.current, now);
}

}  // namespace ebill::notify
