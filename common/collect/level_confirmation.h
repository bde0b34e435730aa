// Accepting a genuine large change of a meter's balance (a big top-up, a
// meter back after months): a reading rejected only for its jump
// (MAX_JUMP_KWH) is held as a candidate; once `needed` consecutive readings
// of the meter agree with each other — each within MAX_JUMP_KWH of the
// candidate before it — they are accepted as the meter's new level, stored
// together, logged (one INFO line) and noted in meter_status.last_error.
// A reading close to the stored level drops the candidates (a blip); one
// that agrees with neither starts them again. Failed polls (timeouts, bad
// pages) neither add nor drop. Candidates live in memory only: a restart
// delays acceptance by up to `needed` readings. Not thread-safe.
#ifndef EBILL_COMMON_COLLECT_LEVEL_CONFIRMATION_H_
#define EBILL_COMMON_COLLECT_LEVEL_CONFIRMATION_H_

#include <string>
#include <unordered_map>
#include <vector>

#include "common/collect/poll_outcome.h"
#include "common/domain/amount.h"
#include "common/domain/reading.h"

namespace ebill::collect {

class LevelConfirmation {
 public:
  // `needed` >= 2 (JUMP_CONFIRM_READINGS), `max_jump` as MAX_JUMP_KWH.
  LevelConfirmation(int needed, Hundredths max_jump) : needed_(needed), max_jump_(max_jump) {}

  // Reviews one cycle's outcomes in place: the outcome whose reading
  // completes `needed` agreeing candidates becomes ok (reading = that one,
  // confirmed = the earlier candidates, note set); a rejected jump that does
  // not yet complete them keeps kRejected, its reason saying "(n of K
  // readings at the new level)".
  void review(std::vector<PollOutcome>& outcomes);

  // Candidates held for `meter_no` (for tests and metrics).
  std::size_t held(const std::string& meter_no) const;

 private:
  void review_one(PollOutcome& outcome);

  int needed_;
  Hundredths max_jump_;
  std::unordered_map<std::string, std::vector<Reading>> candidates_;
};

}  // namespace ebill::collect

#endif  // EBILL_COMMON_COLLECT_LEVEL_CONFIRMATION_H_
