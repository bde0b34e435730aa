#include "common/time/civil_time.h"

#include <fmt/format.h>

namespace ebill {

// Howard Hinnant's days_from_civil / civil_from_days.
LocalDay day_from_date(const CivilDate& d) {
  const int y = d.year - (d.month <= 2 ? 1 : 0);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned mp = static_cast<unsigned>(d.month + (d.month > 2 ? -3 : 9));
  const unsigned doy = (153 * mp + 2) / 5 + static_cast<unsigned>(d.day) - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<LocalDay>(era) * 146097 + static_cast<LocalDay>(doe) - 719468;
}

CivilDate date_from_day(LocalDay day) {
  const LocalDay z = day + 719468;
  const LocalDay era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const int d = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int m = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int y = static_cast<int>(yoe + era * 400) + (m <= 2 ? 1 : 0);
  return CivilDate{y, m, d};
}

LocalSeconds seconds_from_time(const CivilTime& t) {
  return day_start(day_from_date(t.date)) + t.hour * kSecondsPerHour +
         t.minute * 60 + t.second;
}

CivilTime time_from_seconds(LocalSeconds s) {
  const LocalDay day = day_of(s);
  const std::int64_t in_day = s - day_start(day);
  return CivilTime{date_from_day(day), static_cast<int>(in_day / 3600),
                   static_cast<int>(in_day / 60 % 60),
                   static_cast<int>(in_day % 60)};
}

namespace {

bool digits(std::string_view t, std::size_t pos, std::size_t n, int* out) {
  int v = 0;
  for (std::size_t i = pos; i < pos + n; ++i) {
    if (t[i] < '0' || t[i] > '9') return false;
    v = v * 10 + (t[i] - '0');
  }
  *out = v;
  return true;
}

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && is_leap(y) ? 29 : kDays[m - 1];
}

}  // namespace

std::optional<CivilDate> parse_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  CivilDate d;
  if (!digits(text, 0, 4, &d.year) || !digits(text, 5, 2, &d.month) ||
      !digits(text, 8, 2, &d.day)) {
    return std::nullopt;
  }
  if (d.year < 1970 || d.month < 1 || d.month > 12 || d.day < 1 ||
      d.day > days_in_month(d.year, d.month)) {
    return std::nullopt;
  }
  return d;
}

std::optional<LocalSeconds> parse_datetime(std::string_view text) {
  if (text.size() != 19 || (text[10] != ' ' && text[10] != 'T') ||
      text[13] != ':' || text[16] != ':') {
    return std::nullopt;
  }
  const auto date = parse_date(text.substr(0, 10));
  CivilTime t;
  if (!date || !digits(text, 11, 2, &t.hour) || !digits(text, 14, 2, &t.minute) ||
      !digits(text, 17, 2, &t.second) || t.hour > 23 || t.minute > 59 ||
      t.second > 59) {
    return std::nullopt;
  }
  t.date = *date;
  return seconds_from_time(t);
}

std::string format_date(const CivilDate& d) {
  return fmt::format("{:04d}-{:02d}-{:02d}", d.year, d.month, d.day);
}

std::string format_day(LocalDay day) { return format_date(date_from_day(day)); }

std::string format_datetime(LocalSeconds s) {
  const CivilTime t = time_from_seconds(s);
  return fmt::format("{} {:02d}:{:02d}:{:02d}", format_date(t.date), t.hour,
                     t.minute, t.second);
}

}  // namespace ebill
