// Short hand for usage tests: readings written as local time text.
#ifndef EBILL_TESTS_SUPPORT_USAGE_SAMPLES_H_
#define EBILL_TESTS_SUPPORT_USAGE_SAMPLES_H_

#include "common/usage/sample.h"

namespace ebill::test {

// "2025-03-07 08:05:00" -> LocalSeconds; throws on bad text.
LocalSeconds at(const char* datetime);
// "YYYY-MM-DD" -> LocalDay; throws on bad text.
LocalDay day(const char* date);
// A reading at `datetime` showing `remain` hundredths.
usage::Sample reading(const char* datetime, Hundredths remain);

}  // namespace ebill::test

#endif  // EBILL_TESTS_SUPPORT_USAGE_SAMPLES_H_
