#include <catch2/catch.hpp>

#include "common/storage/meter_store.h"
#include "common/storage/status_store.h"
#include "tests/storage/storage_fixture.h"
#include "tests/support/test_database.h"

using namespace ebill;
using namespace ebill::storage;
using ebill::test::at;
using ebill::test::Backend;
using ebill::test::TestDatabase;

TEST_CASE("meters: upsert, list, get, rename, enable", "[meters][mariadb]") {
  EBILL_ON_EACH_BACKEND(backend);
  TestDatabase t(backend);
  auto db = t.open();
  MeterStore meters(*db);
  CHECK(meters.list().empty());
  const Meter a{"19501609994", "佳丰南苑5-1-501-1", true, at("2025-03-07 08:00:00")};
  const Meter b{"18100000001", "O'Brien; DROP TABLE meter", true, at("2025-03-07 08:00:00")};
  const Meter c{"17000000000", "old", true, at("2025-03-01 00:00:00")};
  meters.upsert(a);
  meters.upsert(b);
  meters.upsert(c);
  // Ordered by created_at, then meter_no.
  CHECK(meters.list() == std::vector<Meter>{c, b, a});
  CHECK(meters.get(a.meter_no) == a);
  CHECK_FALSE(meters.get("nope").has_value());

  // Upserting an existing meter changes its name only.
  REQUIRE(meters.set_enabled(a.meter_no, false));
  meters.upsert(Meter{a.meter_no, "new name", true, at("2030-01-01 00:00:00")});
  const Meter renamed{a.meter_no, "new name", false, a.created_at};
  CHECK(meters.get(a.meter_no) == renamed);

  CHECK(meters.rename(b.meter_no, "B"));
  CHECK(meters.get(b.meter_no)->name == "B");
  CHECK(meters.rename(b.meter_no, "B"));  // same name: the meter still exists
  CHECK(meters.set_enabled(a.meter_no, true));
  CHECK(meters.get(a.meter_no)->enabled);
  CHECK_FALSE(meters.rename("nope", "x"));
  CHECK_FALSE(meters.set_enabled("nope", false));
  CHECK(meters.list().size() == 3);
}

TEST_CASE("status counts consecutive failures and a success resets them",
          "[status][mariadb]") {
  EBILL_ON_EACH_BACKEND(backend);
  TestDatabase t(backend);
  auto db = t.open();
  StatusStore status(*db);
  CHECK(status.list().empty());
  const std::string m = "19501609994";

  status.record_failure(m, at("2025-03-07 08:00:00"), "timeout");
  MeterStatus expected{m, std::nullopt, at("2025-03-07 08:00:00"), "timeout", 1};
  CHECK(status.get(m) == expected);

  status.record_failure(m, at("2025-03-07 08:05:00"), "blocked: 405");
  expected = MeterStatus{m, std::nullopt, at("2025-03-07 08:05:00"), "blocked: 405", 2};
  CHECK(status.get(m) == expected);

  status.record_success(m, at("2025-03-07 08:10:00"));
  expected = MeterStatus{m, at("2025-03-07 08:10:00"), at("2025-03-07 08:10:00"), "", 0};
  CHECK(status.get(m) == expected);

  status.record_failure(m, at("2025-03-07 08:15:00"), "page changed");
  expected = MeterStatus{m, at("2025-03-07 08:10:00"), at("2025-03-07 08:15:00"), "page changed", 1};
  CHECK(status.get(m) == expected);
  CHECK_FALSE(status.get("other").has_value());
}

TEST_CASE("status records a whole cycle in one call", "[status][mariadb]") {
  EBILL_ON_EACH_BACKEND(backend);
  TestDatabase t(backend);
  auto db = t.open();
  StatusStore status(*db);
  const LocalSeconds t0 = at("2025-03-07 08:00:00");
  status.record({{"B", t0, "HTTP 502"}, {"A", t0, ""}, {"B", t0 + 300, "HTTP 502"},
                 {"C", t0, std::string(600, 'x')}});
  const auto all = status.list();
  REQUIRE(all.size() == 3);
  CHECK(all[0] == MeterStatus{"A", t0, t0, "", 0});
  CHECK(all[1] == MeterStatus{"B", std::nullopt, t0 + 300, "HTTP 502", 2});
  CHECK(all[2].last_error == std::string(500, 'x'));  // cut to the column's 500
}

TEST_CASE("long error texts are cut at a character boundary", "[status]") {
  // "电" is three bytes in UTF-8.
  std::string text;
  for (int i = 0; i < 600; ++i) text += "电";
  const std::string cut = truncate_utf8(text, 500);
  CHECK(cut.size() == 1500);
  CHECK(truncate_utf8("ab电c", 3) == "ab电");
  CHECK(truncate_utf8("ab电c", 2) == "ab");
  CHECK(truncate_utf8("short", 500) == "short");
  CHECK(truncate_utf8("", 0).empty());
}

TEST_CASE("a 500-character Chinese error fits the MariaDB column", "[status][mariadb]") {
  TestDatabase t(Backend::kMariadb);
  auto db = t.open();
  StatusStore status(*db);
  std::string text;
  for (int i = 0; i < 501; ++i) text += "断";
  status.record_failure("A", at("2025-03-07 08:00:00"), text);
  CHECK(status.get("A")->last_error == truncate_utf8(text, 500));
}
