#include "common/time/time_zone.h"

#include <cstdlib>
#include <cstring>
#include <fstream>

namespace ebill {

std::string check_time_zone(const std::string& name) {
  if (name.empty()) return "is empty";
  if (name.front() == '/' || name.find("..") != std::string::npos) {
    return "must be a zone name such as Asia/Shanghai";
  }
  const char* dir = std::getenv("TZDIR");
  const std::string path =
      std::string(dir && *dir ? dir : "/usr/share/zoneinfo") + "/" + name;
  std::ifstream in(path, std::ios::binary);
  char magic[4] = {};
  if (!in.read(magic, 4) || std::memcmp(magic, "TZif", 4) != 0) {
    return "is not a known time zone (no " + path + "; is tzdata installed?)";
  }
  return "";
}

void install_time_zone(const std::string& name) {
  ::setenv("TZ", name.c_str(), 1);
  ::tzset();
}

std::string time_zone_caveat() {
  const std::time_t now = std::time(nullptr);
  std::tm first{};
  ::localtime_r(&now, &first);
  for (int day = 1; day <= 366; ++day) {
    const std::time_t t = now + static_cast<std::time_t>(day) * kSecondsPerDay;
    std::tm tm{};
    ::localtime_r(&t, &tm);
    if (tm.tm_gmtoff != first.tm_gmtoff) {
      return "APP_TZ changes its UTC offset (daylight saving): readings are stored as "
             "wall-clock time, so readings in the hour repeated when clocks go back can "
             "collide or be reordered";
    }
  }
  return "";
}

LocalSeconds to_local(std::time_t utc) {
  std::tm tm{};
  ::localtime_r(&utc, &tm);
  return seconds_from_time(CivilTime{
      CivilDate{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday}, tm.tm_hour,
      tm.tm_min, tm.tm_sec});
}

std::time_t to_utc(LocalSeconds local) {
  const CivilTime t = time_from_seconds(local);
  std::tm tm{};
  tm.tm_year = t.date.year - 1900;
  tm.tm_mon = t.date.month - 1;
  tm.tm_mday = t.date.day;
  tm.tm_hour = t.hour;
  tm.tm_min = t.minute;
  tm.tm_sec = t.second;
  tm.tm_isdst = -1;
  return ::mktime(&tm);
}

LocalSeconds SystemClock::now() const { return to_local(std::time(nullptr)); }

}  // namespace ebill
