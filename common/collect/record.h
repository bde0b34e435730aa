// Storing what a poll gave: the readings in one idempotent batch, and one
// meter_status attempt per polled meter.
#ifndef EBILL_COMMON_COLLECT_RECORD_H_
#define EBILL_COMMON_COLLECT_RECORD_H_

#include <cstddef>
#include <vector>

#include "common/collect/poll_outcome.h"
#include "common/domain/reading.h"
#include "common/storage/database.h"
#include "common/storage/status_store.h"

namespace ebill::collect {

// The accepted readings of `outcomes`, in order (each outcome's confirmed
// readings before its reading).
std::vector<Reading> readings_of(const std::vector<PollOutcome>& outcomes);

// One status attempt per outcome, in order: a success at the reading's
// collected_at (with the outcome's note), a failure at attempted_at with
// failure_text() as the error text. Cancelled outcomes were no attempt and
// are left out.
std::vector<storage::Attempt> attempts_of(const std::vector<PollOutcome>& outcomes);

struct Recorded {
  std::size_t new_readings = 0;  // rows that were not in the table yet
  std::size_t attempts = 0;      // meter_status updates
};

// Inserts readings_of(outcomes) in one transaction (a reading already stored
// is skipped), then records attempts_of(outcomes). Throws
// storage::StorageUnavailable when the database cannot be reached (the
// readings may or may not be committed: inserting again is safe) and
// storage::StorageError for other database errors.
Recorded record_outcomes(storage::Database& db, const std::vector<PollOutcome>& outcomes);

}  // namespace ebill::collect

#endif  // EBILL_COMMON_COLLECT_RECORD_H_
