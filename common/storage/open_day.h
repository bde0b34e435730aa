// A meter's open day as stored (day_open, sql/*/019): the summary of the
// local day of its newest reading, which is never settled, as
// usage::summarize_days gives it from every stored reading, and that
// reading. Plain data; times are local wall-clock seconds.
#ifndef EBILL_COMMON_STORAGE_OPEN_DAY_H_
#define EBILL_COMMON_STORAGE_OPEN_DAY_H_

#include "common/domain/reading.h"
#include "common/usage/day_summary.h"

namespace ebill::storage {

struct OpenDay {
  usage::DaySummary summary;        // not settled; summary.last is `last`'s time and remain
  Reading last;                     // the meter's newest reading
  LocalSeconds first_reading_at = 0;  // the meter's first reading
  // Computed under the connection's rules (GAP_MINUTES and
  // usage::kSummaryRulesVersion); else it must not be used.
  bool current_rules = true;
};

}  // namespace ebill::storage

#endif  // EBILL_COMMON_STORAGE_OPEN_DAY_H_
