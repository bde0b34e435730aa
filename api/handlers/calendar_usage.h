// /data and /period_kpi for the calendar periods (this_month, last_month,
// twelve_months; common/usage/calendar.h), from the stored day summaries through
// storage::UsageReader: one read, so at most 2 queries after the cache's
// change marker. Throws what UsageReader throws.
#ifndef EBILL_API_HANDLERS_CALENDAR_USAGE_H_
#define EBILL_API_HANDLERS_CALENDAR_USAGE_H_

#include <string>

#include "api/handlers/context.h"
#include "common/storage/usage_reader.h"
#include "common/usage/calendar.h"

namespace ebill::api {

// The unit price of the first reading at or after a time, else of the last
// one before it (shared by the usage views).
std::optional<TenThousandths> price_around(const storage::ReadingsAround& a);

// The body of /data: a point per day (this_month, last_month) or per month
// (twelve_months) of the period holding `date`, each with the same day or month a year
// earlier (`last_year_usage`, null where it has no reading).
std::string calendar_data(storage::Database& db, const std::string& meter, const std::string& name,
                          usage::Calendar period, LocalDay date);

// The body of /period_kpi: the period of day_of(now) vs the one before, whole
// and cut at the same point, and the same span a year earlier.
std::string calendar_kpi(storage::Database& db, const ApiContext& c, const std::string& meter,
                         const std::string& name, usage::Calendar period, LocalSeconds now);

}  // namespace ebill::api

#endif  // EBILL_API_HANDLERS_CALENDAR_USAGE_H_
