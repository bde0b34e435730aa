// Loads what the notices need from storage: a meter's readings as usage
// samples, and its daily report. Throws StorageUnavailable / StorageError.
#ifndef EBILL_COMMON_NOTIFY_REPORT_LOADER_H_
#define EBILL_COMMON_NOTIFY_REPORT_LOADER_H_

#include <string>
#include <vector>

#include "common/config/settings.h"
#include "common/domain/reading.h"
#include "common/notify/daily_report.h"
#include "common/storage/reading_store.h"
#include "common/usage/sample.h"

namespace ebill::notify {

// The usage math's settings from the configuration (GAP_MINUTES).
usage::UsageSettings usage_settings(const UsageSettings& settings);

std::vector<usage::Sample> to_samples(const std::vector<Reading>& readings);

// The readings daily_report() needs for `now`: the anchor before
// day_start(report_first_day(now)) and the 24 h before it, then everything
// up to and including `now` (three indexed queries at most).
std::vector<usage::Sample> load_report_samples(storage::ReadingStore& readings,
                                               const std::string& meter_no, LocalSeconds now);

// daily_report() of those samples.
DailyReport load_daily_report(storage::ReadingStore& readings, const std::string& meter_no,
                              LocalSeconds now, const UsageSettings& settings);

}  // namespace ebill::notify

#endif  // EBILL_COMMON_NOTIFY_REPORT_LOADER_H_
