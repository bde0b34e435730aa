#include "common/collect/plausibility.h"

#include <fmt/format.h>

namespace ebill::collect {

std::string impossibility(const Reading& reading) {
  if (reading.remain < 0) {
    return fmt::format("negative remaining {} kWh", format_hundredths(reading.remain));
  }
  if (reading.remain_money && *reading.remain_money < 0) {
    return fmt::format("negative remaining money {} yuan", format_hundredths(*reading.remain_money));
  }
  return "";
}

std::string jump_beyond(const Reading& reading, const Reading& previous, Hundredths max_jump) {
  const Hundredths jump = reading.remain - previous.remain;
  if (jump <= max_jump && -jump <= max_jump) return "";
  return fmt::format("jump of {} kWh from {} exceeds MAX_JUMP_KWH {}", format_hundredths(jump),
                     format_hundredths(previous.remain), format_hundredths(max_jump));
}

std::string implausibility(const Reading& reading, const std::optional<Reading>& previous,
                           Hundredths max_jump) {
  std::string why = impossibility(reading);
  if (why.empty() && previous) why = jump_beyond(reading, *previous, max_jump);
  return why;
}

}  // namespace ebill::collect
