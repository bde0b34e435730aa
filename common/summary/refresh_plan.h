// Which stored day summaries of one meter a batch of new readings makes
// stale: pure, so the write path can decide with the little it already
// knows (the meter's stored extent) and touch nothing in the common case of
// one new reading on the meter's current day.
#ifndef EBILL_COMMON_SUMMARY_REFRESH_PLAN_H_
#define EBILL_COMMON_SUMMARY_REFRESH_PLAN_H_

#include <optional>
#include <span>

#include "common/time/civil_time.h"

namespace ebill::summary {

// Local days first .. last, inclusive.
struct DayRange {
  LocalDay first = 0;
  LocalDay last = 0;
  friend bool operator==(const DayRange&, const DayRange&) = default;
};

// What the database holds for a meter before a batch is written.
struct MeterExtent {
  std::optional<LocalSeconds> first_at;        // its first stored reading
  std::optional<LocalSeconds> last_at;         // its last stored reading
  std::optional<LocalDay> summarized_through;  // its last day with a stored summary
};

// The earliest batch time that lies before the last stored reading (a late
// reading: a spool replay after another writer, a backfill), ignoring times
// equal to the stored first or last reading (certain duplicates). The caller
// then looks up the last stored reading before it.
std::optional<LocalSeconds> late_reading(const MeterExtent& extent,
                                         std::span<const LocalSeconds> batch);

// The days whose summaries must be recomputed after the batch is stored:
// from the day of the step into the batch's earliest reading (its
// predecessor; `late_predecessor` when late_reading() gave a time) — or from
// the first day not yet summarized, when that is earlier, so the stored
// days stay one unbroken run from the meter's first reading — through the
// last settled day (the day before the day of the newest reading). Days
// another writer settled without summaries are caught up even when the batch
// holds nothing new. nullopt when no day needs it (the common case: a new
// reading on the same day as the previous one).
std::optional<DayRange> days_to_refresh(const MeterExtent& extent,
                                        std::span<const LocalSeconds> batch,
                                        std::optional<LocalSeconds> late_predecessor);

}  // namespace ebill::summary

#endif  // EBILL_COMMON_SUMMARY_REFRESH_PLAN_H_
