// GET /overview over a hand-made fleet, on SQLite and MariaDB: each row's
// numbers, the order, the groups and the source states, and at most 3
// queries with many meters. Every expected number is derived by hand.
//
// "Now" is 2025-03-10 12:00. Readings every 30 min fall 0.10 kWh each
// (rule 1: a full day is 48 steps = 4.80; today to 12:00 is 25 = 2.50).
// - A1 佳丰南苑5-1-501-1: from 03-01 00:00 (100.00) to now: 456 steps →
//   54.40. Days 03-03..03-09 used 4.80 each: 54.40 / 4.80 = 11.33 days,
//   run-out 12:00 + 11.33 d = 03-21 20:00.
// - A2 佳丰南苑5-1-501-2: the same from 50.00 → 4.40, low (≤ 10.00): 0.91
//   days, run-out 03-11 10:00.
// - B1 二楼, group 自住 (DEVICES_JSON): from 03-01 00:00 (100.00) to 03-09
//   12:00 (408 steps → 59.20); yesterday 2.50, today 0; one failed poll
//   ("timeout: ..."): failing. Days left 59.20 / 4.80 (03-03..03-08 4.80,
//   03-09 2.50: 31.30 / 7 → 4.47 a day) = 13.23.
// - C1 三楼: no reading, the last poll blocked: blocked, no numbers, last.
#include <catch2/catch.hpp>

#include "common/storage/reading_store.h"
#include "common/storage/status_store.h"
#include "tests/api/support/api_on_database.h"
#include "tests/support/http_client.h"

using namespace ebill;
using namespace ebill::test;

namespace {

constexpr const char* kNow = "2025-03-10 12:00:00";

LocalSeconds at(const std::string& text) { return parse_datetime(text).value(); }

void series(std::vector<Reading>& out, const std::string& meter, Hundredths start,
            const std::string& last) {
  Hundredths remain = start;
  for (LocalSeconds t = at("2025-03-01 00:00:00"); t <= at(last); t += 1800) {
    out.push_back(Reading{meter, t, remain, remain / 2, 5000});
    remain -= 10;
  }
}

std::uint64_t queries(int port) {
  const std::string body = get(port, "/metrics").body;
  const std::string name = "\nebill_api_database_queries_total ";
  const std::size_t found = body.find(name);
  REQUIRE(found != std::string::npos);
  return std::stoull(body.substr(found + name.size()));
}

}  // namespace

TEST_CASE("overview: every meter's numbers, order, groups and states", "[api][mariadb]") {
  const Backend backend = GENERATE(Backend::kSqlite, Backend::kMariadb);
  INFO(backend_name(backend));
  TestDatabase db(backend);
  {
    auto open = db.open();
    std::vector<Reading> r;
    series(r, "A1", 10000, kNow);
    series(r, "A2", 5000, kNow);
    series(r, "B1", 10000, "2025-03-09 12:00:00");
    storage::ReadingStore(*open).insert(r);
    storage::StatusStore(*open).record_failure("B1", at("2025-03-10 11:55:00"), "timeout: 10 s");
    storage::StatusStore(*open).record_failure("C1", at("2025-03-10 11:55:00"), "blocked: HTTP 405");
  }
  ApiProcess api(api_env(db, "UTC", kNow, "A1:佳丰南苑5-1-501-1,A2:佳丰南苑5-1-501-2,C1:三楼",
                         {{"DEVICES_JSON", R"([{"id": "B1", "name": "二楼", "group": "自住"}])"}}));
  const int port = api.port();
  get_json(port, "/devices");

  const std::uint64_t q0 = queries(port);
  const auto o = get_json(port, "/overview");
  CHECK(queries(port) - q0 <= 3);
  const auto& m = o["meters"];
  REQUIRE(m.Size() == 4);
  // Fewest days left first; no estimate last.
  check_string(m[0], "device_id", std::string("A2"));
  check_string(m[1], "device_id", std::string("A1"));
  check_string(m[2], "device_id", std::string("B1"));
  check_string(m[3], "device_id", std::string("C1"));

  check_amount(m[0], "balance", 4.40);
  check_amount(m[0], "remain_money", 2.20);
  check_amount(m[0], "days_left", 0.91);
  check_string(m[0], "depletion_date", std::string("2025-03-11"));
  CHECK(m[0]["low"].GetBool());
  check_string(m[0], "status", std::string("ok"));

  check_amount(m[1], "balance", 54.40);
  check_amount(m[1], "days_left", 11.33);
  check_string(m[1], "depletion_date", std::string("2025-03-21"));
  check_amount(m[1], "usage_today", 2.50);
  check_amount(m[1], "usage_yesterday", 4.80);
  CHECK(m[1]["reading_age_seconds"].GetInt() == 0);
  CHECK_FALSE(m[1]["low"].GetBool());
  check_string(m[1], "group", std::string("佳丰南苑5-1-501"));

  check_amount(m[2], "balance", 59.20);
  check_amount(m[2], "usage_yesterday", 2.50);
  check_amount(m[2], "usage_today", 0.00);
  check_amount(m[2], "days_left", 13.23);
  check_string(m[2], "status", std::string("failing"));
  check_string(m[2], "group", std::string("自住"));
  CHECK(m[2]["reading_age_seconds"].GetInt() == 86400);
  CHECK(m[2]["consecutive_failures"].GetInt() == 1);

  check_amount(m[3], "balance", std::nullopt);
  check_amount(m[3], "days_left", std::nullopt);
  check_string(m[3], "status", std::string("blocked"));
  check_string(m[3], "group", std::string("三楼"));

  // Groups by name, with totals.
  const auto& g = o["groups"];
  REQUIRE(g.Size() == 3);
  check_string(g[0], "name", std::string("三楼"));
  check_string(g[1], "name", std::string("佳丰南苑5-1-501"));
  CHECK(g[1]["meters"].GetInt() == 2);
  CHECK(g[1]["low"].GetInt() == 1);
  check_amount(g[1], "balance", 58.80);
  check_amount(g[1], "usage_today", 5.00);
  check_amount(g[1], "usage_yesterday", 9.60);
  check_string(g[2], "name", std::string("自住"));
  CHECK(g[2]["attention"].GetInt() == 1);
}

TEST_CASE("overview: at most 3 queries with 300 meters", "[api][mariadb]") {
  const Backend backend = GENERATE(Backend::kSqlite, Backend::kMariadb);
  INFO(backend_name(backend));
  TestDatabase db(backend);
  std::string meters;
  {
    std::vector<Reading> r;
    for (int i = 0; i < 300; ++i) {
      const std::string id = "M" + std::to_string(i);
      meters += (i ? "," : "") + id + ":楼-" + std::to_string(i / 10) + "-" + std::to_string(i);
      for (LocalSeconds t = at("2025-03-07 00:00:00"); t <= at(kNow); t += 3 * 3600) {
        r.push_back(Reading{id, t, 100000 - (t - at("2025-03-07 00:00:00")) / 3600, std::nullopt,
                            std::nullopt});
      }
    }
    auto open = db.open();
    storage::ReadingStore(*open).insert(r);
  }
  ApiProcess api(api_env(db, "UTC", kNow, meters));
  const int port = api.port();
  get_json(port, "/devices");
  const std::uint64_t q0 = queries(port);
  const auto o = get_json(port, "/overview");
  CHECK(queries(port) - q0 <= 3);
  CHECK(o["meters"].Size() == 300);
  CHECK(o["groups"].Size() == 30);
}

// The same numbers as /kpi (UsageReader::read, the other reader of day
// summaries) for the cases where a fleet read could go its own way: a recharge
// today and one yesterday, a gap across midnight, a meter whose data starts
// today, a gap over midnight with a top-up at its end, and a meter that
// stopped three days ago (S1, 03-07 10:00: its open day is not today and
// lies before yesterday).
TEST_CASE("overview: each meter's usage, balance and days left equal /kpi's", "[api][mariadb]") {
  const Backend backend = GENERATE(Backend::kSqlite, Backend::kMariadb);
  INFO(backend_name(backend));
  TestDatabase db(backend);
  {
    std::vector<Reading> r;
    // Every 30 min from `from` to `to`, 0.10 kWh a step; +100.00 in the step ending at `topup`.
    auto meter = [&](const std::string& id, const char* from, const char* to, const char* topup,
                     const char* gap_from = nullptr, const char* gap_to = nullptr) {
      Hundredths remain = 20000;
      for (LocalSeconds t = at(from); t <= at(to); t += 1800) {
        if (gap_from && t > at(gap_from) && t < at(gap_to)) continue;
        if (topup && t == at(topup)) remain += 10000;
        r.push_back(Reading{id, t, remain, remain / 2, 5000});
        remain -= 10;
      }
    };
    meter("T1", "2025-03-01 00:00:00", kNow, "2025-03-10 08:00:00");
    meter("Y1", "2025-03-01 00:00:00", kNow, "2025-03-09 05:30:00");
    meter("G1", "2025-03-01 00:00:00", kNow, nullptr, "2025-03-09 20:00:00", "2025-03-10 03:00:00");
    meter("N1", "2025-03-10 06:00:00", kNow, nullptr);
    meter("S1", "2025-03-01 00:00:00", "2025-03-07 10:00:00", nullptr);
    meter("H1", "2025-03-01 00:00:00", "2025-03-09 23:30:00", "2025-03-10 02:00:00", "2025-03-09 23:30:00",
          "2025-03-10 02:00:00");
    auto open = db.open();
    storage::ReadingStore(*open).insert(r);
  }
  ApiProcess api(api_env(db, "UTC", kNow, "T1:甲-1,Y1:甲-2,G1:甲-3,N1:乙-1,S1:乙-2,H1:乙-3"));
  const int port = api.port();
  const auto o = get_json(port, "/overview");
  REQUIRE(o["meters"].Size() == 6);
  int compared = 0;
  for (const auto& m : o["meters"].GetArray()) {
    const std::string id = m["device_id"].GetString();
    INFO(id);
    if (id == "S1") {
      // 03-01 00:00 200.00 to 03-07 10:00: 308 steps of 0.10.
      check_amount(m, "balance", 169.20);
      check_string(m, "last_reading_at", std::string("2025-03-07 10:00:00"));
    }
    ++compared;
    const auto k = get_json(port, "/kpi?device_id=" + id);
    CHECK(m["usage_today"] == k["usage_target"]);
    CHECK(m["usage_yesterday"] == k["usage_yesterday"]);
    CHECK(m["balance"] == k["current_balance"]);
    CHECK(m["days_left"] == k["days_left"]);
    CHECK(m["depletion_date"] == k["depletion_date"]);
  }
  CHECK(compared == 6);
}
