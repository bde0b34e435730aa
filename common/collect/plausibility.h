// Whether a parsed reading is believable: the guard against absurd values
// that no meter can show (MAX_JUMP_KWH). A jump alone may still be a
// genuine new level: level_confirmation.h decides that.
#ifndef EBILL_COMMON_COLLECT_PLAUSIBILITY_H_
#define EBILL_COMMON_COLLECT_PLAUSIBILITY_H_

#include <optional>
#include <string>

#include "common/domain/amount.h"
#include "common/domain/reading.h"

namespace ebill::collect {

// Why `reading` can never be stored (a negative remaining kWh or money), or "".
std::string impossibility(const Reading& reading);

// Why `reading` is too far from `previous`, or "": its remaining kWh
// differs by more than `max_jump` hundredths in either direction, whatever
// the time between them. Example: "jump of 600.00 kWh from 52.36 exceeds
// MAX_JUMP_KWH 500.00".
std::string jump_beyond(const Reading& reading, const Reading& previous, Hundredths max_jump);

// impossibility(), else jump_beyond() against `previous` (the meter's latest
// stored reading, if any).
std::string implausibility(const Reading& reading, const std::optional<Reading>& previous,
                           Hundredths max_jump);

}  // namespace ebill::collect

#endif  // EBILL_COMMON_COLLECT_PLAUSIBILITY_H_
