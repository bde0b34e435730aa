// The simulator's history CSV imports through storage's reading CSV import
// into exactly the readings the live simulator serves for the same times.
#include <catch2/catch.hpp>

#include <sstream>

#include "common/storage/reading_csv.h"
#include "tests/sim/history.h"
#include "tests/sim/meter_model.h"
#include "tests/support/test_database.h"

using namespace ebill;

TEST_CASE("history: imports into the model's readings, and a second import adds nothing") {
  test::TestDatabase t(test::Backend::kSqlite);
  auto db = t.open();
  storage::ReadingStore store(*db);
  const std::vector<std::string> meters = {"19500000001", "19500000002"};
  const LocalSeconds first = *parse_datetime("2025-03-06 08:00:00");
  const LocalSeconds last = *parse_datetime("2025-03-07 08:00:00");
  std::stringstream csv;
  sim::write_history(csv, 1, meters, first, last, 300);

  // 24 hours of 5-minute steps, both ends included: 289 times per meter.
  auto counts = storage::import_reading_csv(csv, store, 100);
  REQUIRE(counts.ok());
  CHECK(counts->read == 2 * 289);
  CHECK(counts->inserted == 2 * 289);
  for (const auto& m : meters) {
    const auto rows = store.between(m, first, last + 1);
    REQUIRE(rows.size() == 289);
    for (std::size_t i = 0; i < rows.size(); i += 48) {
      CHECK(rows[i] == sim::reading_at(1, m, first + static_cast<LocalSeconds>(i) * 300));
    }
  }

  std::stringstream again;
  sim::write_history(again, 1, meters, first, last, 300);
  auto second = storage::import_reading_csv(again, store);
  REQUIRE(second.ok());
  CHECK(second->inserted == 0);
  CHECK(second->duplicates == 2 * 289);
}
