// Helpers shared by the storage tests.
#ifndef EBILL_TESTS_STORAGE_STORAGE_FIXTURE_H_
#define EBILL_TESTS_STORAGE_STORAGE_FIXTURE_H_

#include <catch2/catch.hpp>

#include <optional>
#include <random>
#include <vector>
#include <string>

#include "common/domain/reading.h"
#include "common/time/civil_time.h"
#include "tests/support/test_database.h"

// Runs the rest of the test case once on SQLite and once on MariaDB, and
// names the backend in any failure.
#define EBILL_ON_EACH_BACKEND(backend)                                            \
  const ::ebill::test::Backend backend =                                         \
      GENERATE(::ebill::test::Backend::kSqlite, ::ebill::test::Backend::kMariadb); \
  INFO(::ebill::test::backend_name(backend))

namespace ebill::test {

// "2025-03-07 08:05:09" as LocalSeconds; the text must be valid.
inline LocalSeconds at(const std::string& text) { return parse_datetime(text).value(); }

inline Reading reading_at(const std::string& meter, LocalSeconds when, Hundredths remain) {
  Reading r;
  r.meter_no = meter;
  r.collected_at = when;
  r.remain = remain;
  return r;
}

inline Reading reading(const std::string& meter, const std::string& when, Hundredths remain,
                       std::optional<Hundredths> money = std::nullopt,
                       std::optional<TenThousandths> price = std::nullopt) {
  return Reading{meter, at(when), remain, money, price};
}

// A random meter history of 5-minute readings with gaps from 31 minutes to
// two days, readings on hour and day edges, exactly 30-minute steps,
// repeated values, recharges in and out of gaps, negative balances.
inline std::vector<Reading> random_history(std::mt19937_64& rng, const std::string& meter) {
  auto pick = [&](std::int64_t lo, std::int64_t hi) {
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng);
  };
  std::vector<Reading> out;
  LocalSeconds t = at("2025-03-01 00:00:00") + pick(0, 2 * kSecondsPerDay);
  Hundredths remain = pick(-100, 30000);
  const int n = static_cast<int>(pick(3, 120));
  for (int i = 0; i < n; ++i) {
    out.push_back(reading_at(meter, t, remain));
    switch (pick(0, 11)) {
      case 0: t += pick(31 * 60, 2 * kSecondsPerDay); break;
      case 1: t = hour_floor(t) + kSecondsPerHour; break;
      case 2: t = day_start(day_of(t) + 1); break;
      case 3: t += 30 * 60; break;
      case 4: t += pick(1, 29 * 60); break;
      case 5: t += pick(6 * 3600, 20 * 3600); break;
      default: t += 5 * 60; break;
    }
    switch (pick(0, 9)) {
      case 0: remain += pick(1, 20000); break;
      case 1: case 2: break;
      default: remain -= pick(0, 120); break;
    }
  }
  return out;
}

}  // namespace ebill::test

#endif  // EBILL_TESTS_STORAGE_STORAGE_FIXTURE_H_
