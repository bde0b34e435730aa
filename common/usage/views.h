// The chart views of /data: a local day in 24 hours, or N local days.
#ifndef EBILL_COMMON_USAGE_VIEWS_H_
#define EBILL_COMMON_USAGE_VIEWS_H_

#include <optional>
#include <span>
#include <string>
#include <vector>

#include "common/usage/day_summary.h"
#include "common/usage/sample.h"

namespace ebill::usage {

struct ViewPoint {
  std::string label;                  // "07点" or "2025-03-07"
  std::optional<Hundredths> balance;  // nullopt: no reading in the bucket
  Hundredths usage = 0;               // consumption attributed to the bucket
  Hundredths recharge = 0;
  bool estimated = false;
};

// 24 points "00点".."23点" for local `day`. Balance of hour 0 = its FIRST
// reading (the day's opening balance); of every other hour = its LAST reading.
// `samples` as load_plan(day_start(day), day_start(day + 1), anchor).
std::vector<ViewPoint> day_view(std::span<const Sample> samples, LocalDay day,
                                const UsageSettings& settings);

// `days` points "YYYY-MM-DD" for last_day - days + 1 .. last_day; balance =
// last reading of the day. Days missing from `summaries` show nothing.
std::vector<ViewPoint> period_view(std::span<const DaySummary> summaries, LocalDay last_day,
                                   int days);

// The same from raw samples (as load_plan() for those days describes).
std::vector<ViewPoint> period_view(std::span<const Sample> samples, LocalDay last_day, int days,
                                   const UsageSettings& settings);

}  // namespace ebill::usage

#endif  // EBILL_COMMON_USAGE_VIEWS_H_
