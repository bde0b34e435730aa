#include "tests/support/usage_samples.h"

#include <stdexcept>
#include <string>

namespace ebill::test {

LocalSeconds at(const char* datetime) {
  const auto s = parse_datetime(datetime);
  if (!s) throw std::invalid_argument(std::string("bad datetime ") + datetime);
  return *s;
}

LocalDay day(const char* date) {
  const auto d = parse_date(date);
  if (!d) throw std::invalid_argument(std::string("bad date ") + date);
  return day_from_date(*d);
}

usage::Sample reading(const char* datetime, Hundredths remain) {
  return {at(datetime), remain};
}

}  // namespace ebill::test
