#include "common/summary/refresh_plan.h"

#include <algorithm>

namespace ebill::summary {

namespace {

// Batch times that may be new: a time equal to the stored first or last
// reading is a duplicate the insert skips.
std::optional<LocalSeconds> earliest_new(const MeterExtent& extent,
                                         std::span<const LocalSeconds> batch) {
  std::optional<LocalSeconds> out;
  for (LocalSeconds t : batch) {
    if (t == extent.first_at || t == extent.last_at) continue;
    if (!out || t < *out) out = t;
  }
  return out;
}

}  // namespace

std::optional<LocalSeconds> late_reading(const MeterExtent& extent,
                                         std::span<const LocalSeconds> batch) {
  const std::optional<LocalSeconds> earliest = earliest_new(extent, batch);
  if (!earliest || !extent.last_at || *earliest > *extent.last_at) return std::nullopt;
  return earliest;
}

std::optional<DayRange> days_to_refresh(const MeterExtent& extent,
                                        std::span<const LocalSeconds> batch,
                                        std::optional<LocalSeconds> late_predecessor) {
  const std::optional<LocalSeconds> earliest = earliest_new(extent, batch);
  if (!earliest && !extent.last_at) return std::nullopt;
  LocalSeconds newest = earliest ? *earliest : *extent.last_at;
  for (LocalSeconds t : batch) newest = std::max(newest, t);
  if (extent.last_at) newest = std::max(newest, *extent.last_at);
  const LocalDay last_settled = day_of(newest) - 1;

  std::optional<LocalDay> first;
  if (earliest && !extent.last_at) {
    first = day_of(*earliest);  // nothing stored before the batch
  } else if (earliest && *earliest > *extent.last_at) {
    first = day_of(*extent.last_at);  // appended: the step from the last stored reading
  } else if (earliest) {
    first = day_of(late_predecessor ? std::min(*late_predecessor, *earliest) : *earliest);
  }
  // Catch up on days another writer settled without summarizing them.
  std::optional<LocalDay> unsummarized;
  if (extent.summarized_through) {
    unsummarized = *extent.summarized_through + 1;
  } else if (extent.first_at) {
    unsummarized = day_of(*extent.first_at);
  }
  if (unsummarized && (!first || *unsummarized < *first)) first = unsummarized;
  if (!first || *first > last_settled) return std::nullopt;
  return DayRange{*first, last_settled};
}

}  // namespace ebill::summary
