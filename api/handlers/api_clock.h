// The API's "now" in APP_TZ and how it is shown to clients. The one place
// the test-only variable EBILL_API_TEST_NOW is read.
#ifndef EBILL_API_HANDLERS_API_CLOCK_H_
#define EBILL_API_HANDLERS_API_CLOCK_H_

#include <memory>
#include <string>

#include "common/base/result.h"
#include "common/time/time_zone.h"

namespace ebill::api {

// The system clock, or, when EBILL_API_TEST_NOW="YYYY-MM-DD HH:MM:SS" is set
// (tests only), a clock pinned at that local time. Error: one line naming
// the variable. REQUIRES: the zone is installed.
Result<std::unique_ptr<Clock>, std::string> make_api_clock();

// "2025-06-01T08:00:00+08:00": `local` (APP_TZ wall clock) with the zone's
// UTC offset at that time.
std::string iso_with_offset(LocalSeconds local);

}  // namespace ebill::api

#endif  // EBILL_API_HANDLERS_API_CLOCK_H_
