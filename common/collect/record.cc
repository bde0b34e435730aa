#include "common/collect/record.h"

#include "common/storage/reading_store.h"

namespace ebill::collect {

std::vector<Reading> readings_of(const std::vector<PollOutcome>& outcomes) {
  std::vector<Reading> readings;
  for (const PollOutcome& o : outcomes) {
    readings.insert(readings.end(), o.confirmed.begin(), o.confirmed.end());
    if (o.reading) readings.push_back(*o.reading);
  }
  return readings;
}

std::vector<storage::Attempt> attempts_of(const std::vector<PollOutcome>& outcomes) {
  std::vector<storage::Attempt> attempts;
  for (const PollOutcome& o : outcomes) {
    if (o.error == PollError::kCancelled) continue;
    if (o.reading) {
      attempts.push_back({o.meter_no, o.reading->collected_at, "", o.note});
    } else {
      attempts.push_back({o.meter_no, o.attempted_at, failure_text(o)});
    }
  }
  return attempts;
}

Recorded record_outcomes(storage::Database& db, const std::vector<PollOutcome>& outcomes) {
  Recorded recorded;
  recorded.new_readings = storage::ReadingStore(db).insert(readings_of(outcomes));
  const std::vector<storage::Attempt> attempts = attempts_of(outcomes);
  storage::StatusStore(db).record(attempts);
  recorded.attempts = attempts.size();
  return recorded;
}

}  // namespace ebill::collect
