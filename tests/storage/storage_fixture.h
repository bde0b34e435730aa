// Helpers shared by the storage tests.
#ifndef EBILL_TESTS_STORAGE_STORAGE_FIXTURE_H_
#define EBILL_TESTS_STORAGE_STORAGE_FIXTURE_H_

#include <catch2/catch.hpp>

#include <optional>
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

}  // namespace ebill::test

#endif  // EBILL_TESTS_STORAGE_STORAGE_FIXTURE_H_
