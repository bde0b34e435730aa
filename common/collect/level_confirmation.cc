#include "common/collect/level_confirmation.h"

#include <fmt/format.h>

#include "common/collect/plausibility.h"
#include "common/log/log.h"

namespace ebill::collect {

void LevelConfirmation::review(std::vector<PollOutcome>& outcomes) {
  for (PollOutcome& o : outcomes) review_one(o);
}

std::size_t LevelConfirmation::held(const std::string& meter_no) const {
  const auto it = candidates_.find(meter_no);
  return it == candidates_.end() ? 0 : it->second.size();
}

void LevelConfirmation::review_one(PollOutcome& o) {
  if (o.ok()) {
    candidates_.erase(o.meter_no);  // the stored level holds: the jump was a blip
    return;
  }
  if (!o.jumped) return;  // no reading, or an impossible one: changes nothing
  std::vector<Reading>& held = candidates_[o.meter_no];
  if (!held.empty() && !jump_beyond(*o.jumped, held.back(), max_jump_).empty()) held.clear();
  held.push_back(*o.jumped);
  const auto count = static_cast<int>(held.size());
  if (count < needed_) {
    o.reason += fmt::format(" ({} of {} readings at the new level)", count, needed_);
    return;
  }
  const std::string why = o.reason;
  o.error = PollError::kNone;
  o.reading = held.back();
  held.pop_back();
  o.confirmed = std::move(held);
  o.jumped.reset();
  o.reason.clear();
  o.note = fmt::format("accepted new level {} kWh after {} agreeing readings ({})",
                       format_hundredths(o.reading->remain), count, why);
  log::info("meter {}: {}", o.meter_no, o.note);
  candidates_.erase(o.meter_no);
}

}  // namespace ebill::collect
