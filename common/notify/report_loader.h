// What the notices read from storage: a meter's daily and weekly reports
// and the hour buckets of the abnormal-usage rule, through
// storage::UsageReader like the API's /kpi (the same day summaries, so the
// report and the page show the same numbers). Throws StorageUnavailable /
// StorageError.
#ifndef EBILL_COMMON_NOTIFY_REPORT_LOADER_H_
#define EBILL_COMMON_NOTIFY_REPORT_LOADER_H_

#include <optional>
#include <string>
#include <vector>

#include "common/config/settings.h"
#include "common/domain/reading.h"
#include "common/notify/daily_report.h"
#include "common/storage/database.h"
#include "common/usage/attribution.h"
#include "common/usage/day_summary.h"
#include "common/usage/sample.h"

namespace ebill::notify {

// The usage math's settings from the configuration (GAP_MINUTES).
usage::UsageSettings usage_settings(const UsageSettings& settings);

std::vector<usage::Sample> to_samples(const std::vector<Reading>& readings);

// What daily_report() needs for `now`: the summaries of `first_day` ..
// day_of(now) - 1 (computed with the database's GAP_MINUTES, which the
// configuration makes the same as USAGE's) and the newest reading at or
// before `now`. Two queries. weekly_report() takes the same from
// weekly_first_day(now).
struct ReportData {
  std::vector<usage::DaySummary> days;
  std::optional<usage::Sample> current;
  std::optional<Reading> reading;  // `current` with its money and unit price
};
ReportData load_report_data(storage::Database& db, const std::string& meter_no, LocalSeconds now,
                            LocalDay first_day);
inline ReportData load_report_data(storage::Database& db, const std::string& meter_no,
                                   LocalSeconds now) {
  return load_report_data(db, meter_no, now, report_first_day(now));
}

// Hour buckets (usage::attribute) of [from, to) (whole hours, from < to),
// from the readings of that window and the 7 days before it: one query.
std::vector<usage::Bucket> load_hour_buckets(storage::Database& db, const std::string& meter_no,
                                             LocalSeconds from, LocalSeconds to,
                                             const usage::UsageSettings& settings);

// daily_report() of load_report_data().
DailyReport load_daily_report(storage::Database& db, const std::string& meter_no,
                              LocalSeconds now);

}  // namespace ebill::notify

#endif  // EBILL_COMMON_NOTIFY_REPORT_LOADER_H_
