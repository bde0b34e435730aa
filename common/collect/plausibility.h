// Whether a parsed reading is believable: the guard against absurd values
// that no meter can show (MAX_JUMP_KWH).
#ifndef EBILL_COMMON_COLLECT_PLAUSIBILITY_H_
#define EBILL_COMMON_COLLECT_PLAUSIBILITY_H_

#include <optional>
#include <string>

#include "common/domain/amount.h"
#include "common/domain/reading.h"

namespace ebill::collect {

// Why `reading` must not be stored, or "" when it may: a negative remaining
// kWh or money, or a remaining kWh that differs from `previous` (the meter's
// latest stored reading, if any) by more than `max_jump` hundredths of a kWh
// in either direction. The jump is judged whatever the time between the two
// readings. Example: "jump of 600.00 kWh from 52.36 exceeds MAX_JUMP_KWH 500.00".
std::string implausibility(const Reading& reading, const std::optional<Reading>& previous,
                           Hundredths max_jump);

}  // namespace ebill::collect

#endif  // EBILL_COMMON_COLLECT_PLAUSIBILITY_H_
