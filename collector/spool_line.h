// One line of the spool file: a reading in a versioned, self-checking text
// form. Format v1, fields separated by one TAB:
//
//   v1  METER_NO  YYYY-MM-DD HH:MM:SS  REMAIN  MONEY|-  PRICE|-  CHECK
//
// REMAIN and MONEY have two decimals, PRICE four ("-" when the page did not
// show it), the time is the APP_TZ wall clock of collected_at, and CHECK is
// the 16 lower-case hex digits of FNV-1a 64 over everything before the TAB
// that precedes it. A line that does not match exactly is damaged.
#ifndef EBILL_COLLECTOR_SPOOL_LINE_H_
#define EBILL_COLLECTOR_SPOOL_LINE_H_

#include <optional>
#include <string>
#include <string_view>

#include "common/domain/reading.h"

namespace ebill::collector {

// The v1 line for `reading`, without the trailing newline.
std::string encode_spool_line(const Reading& reading);

// The reading of a v1 line (without its newline); nullopt when the line is
// damaged: unknown version, wrong field count, bad value or checksum.
std::optional<Reading> decode_spool_line(std::string_view line);

}  // namespace ebill::collector

#endif  // EBILL_COLLECTOR_SPOOL_LINE_H_
