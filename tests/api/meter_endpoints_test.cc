// /devices, /export, /readyz and the bad-input matrix of the data endpoints,
// against the real ebill-api on SQLite and MariaDB.
#include <catch2/catch.hpp>

#include "common/storage/meter_store.h"
#include "common/storage/reading_store.h"
#include "common/storage/status_store.h"
#include "tests/api/support/api_on_database.h"
#include "tests/support/http_client.h"

using namespace ebill;
using namespace ebill::test;

namespace {

constexpr const char* kNow = "2025-03-10 12:00:00";

LocalSeconds at(const std::string& text) { return parse_datetime(text).value(); }

// A1: 11:55 100.00 (no money, no price), 12:00 99.50 (49.75 yuan, 0.5000);
// 4,500 readings a minute apart from 03-01 00:00 (for a long export);
// polled OK at 11:55, then failed at 12:05. B2: nothing. C3: disabled,
// created before the others.
void load(const TestDatabase& db) {
  auto open = db.open();
  storage::MeterStore(*open).upsert(Meter{"C3", "三楼", false, at("2025-01-01 00:00:00")});
  std::vector<Reading> readings;
  for (int i = 0; i < 4500; ++i) {
    readings.push_back(Reading{"A1", at("2025-03-01 00:00:00") + 60 * i, 90000 - i, 45000, 5000});
  }
  readings.push_back(Reading{"A1", at("2025-03-10 11:55:00"), 10000, std::nullopt, std::nullopt});
  readings.push_back(Reading{"A1", at(kNow), 9950, 4975, 5000});
  storage::ReadingStore(*open).insert(readings);
  storage::StatusStore status(*open);
  status.record_success("A1", at("2025-03-10 11:55:00"));
  status.record_failure("A1", at("2025-03-10 12:05:00"), "timeout: took too long");
}

struct Server {
  TestDatabase db;
  std::optional<ApiProcess> api;
  explicit Server(Backend backend) : db(backend) {
    load(db);
    api.emplace(api_env(db, "UTC", kNow, "B2:二楼,A1:一楼"));
  }
  int port() const { return api->port(); }
};

}  // namespace

TEST_CASE("devices lists every meter with its newest reading and status", "[meters]") {
  auto backend = GENERATE(Backend::kSqlite, Backend::kMariadb);
  INFO(backend_name(backend));
  Server s(backend);
  auto d = get_json(s.port(), "/devices");
  const auto& devices = d["devices"];
  REQUIRE(devices.Size() == 3);
  // By created_at, then id: C3 (January), then A1 and B2 (configured now).
  const auto& c3 = devices[0];
  check_string(c3, "id", "C3");
  check_string(c3, "name", "三楼");
  CHECK(c3["enabled"].GetBool() == false);
  check_string(c3, "last_reading_at", std::nullopt);
  const auto& a1 = devices[1];
  check_string(a1, "id", "A1");
  check_string(a1, "name", "一楼");
  CHECK(a1["enabled"].GetBool() == true);
  check_string(a1, "last_reading_at", "2025-03-10 12:00:00");
  check_amount(a1, "last_balance", 99.50);
  check_amount(a1, "remain_money", 49.75);
  check_amount(a1, "unit_price", 0.5);
  check_string(a1["status"], "last_success", "2025-03-10 11:55:00");
  check_string(a1["status"], "last_attempt", "2025-03-10 12:05:00");
  check_string(a1["status"], "last_error", "timeout: took too long");
  CHECK(a1["status"]["consecutive_failures"].GetInt() == 1);
  const auto& b2 = devices[2];
  check_string(b2, "id", "B2");
  check_amount(b2, "last_balance", std::nullopt);
  check_amount(b2, "remain_money", std::nullopt);
  check_amount(b2, "unit_price", std::nullopt);
  check_string(b2["status"], "last_success", std::nullopt);
  check_string(b2["status"], "last_error", "");
  CHECK(b2["status"]["consecutive_failures"].GetInt() == 0);
  check_string(d, "tz", "Asia/Shanghai");
  check_string(d, "server_time", "2025-03-10T12:00:00+08:00");
  check_string(d, "today", "2025-03-10");

  // No device_id: the first configured meter that is enabled (B2).
  check_string(get_json(s.port(), "/data"), "device_id", "B2");
  check_string(get_json(s.port(), "/kpi"), "device_id", "B2");
}

TEST_CASE("export streams raw readings as CSV and JSON", "[meters]") {
  auto backend = GENERATE(Backend::kSqlite, Backend::kMariadb);
  INFO(backend_name(backend));
  Server s(backend);

  auto csv = get(s.port(), "/export?device_id=A1&from=2025-03-10&to=2025-03-10&format=csv");
  CHECK(csv.status == 200);
  CHECK(csv.chunked);
  CHECK(csv.header("Content-Type") == "text/csv; charset=utf-8");
  CHECK(csv.header("Content-Disposition") ==
        "attachment; filename=\"ebill-A1-2025-03-10-2025-03-10.csv\"");
  CHECK(csv.body ==
        "meter_no,collected_at,remain,remain_money,unit_price\n"
        "A1,2025-03-10 11:55:00,100.00,,\n"
        "A1,2025-03-10 12:00:00,99.50,49.75,0.5000\n");

  auto json = get(s.port(), "/export?device_id=A1&from=2025-03-10&to=2025-03-10&format=json");
  CHECK(json.status == 200);
  CHECK(json.header("Content-Type") == "application/json");
  CHECK(json.body ==
        "{\"device_id\":\"A1\",\"from\":\"2025-03-10\",\"to\":\"2025-03-10\",\"readings\":["
        "{\"collected_at\":\"2025-03-10 11:55:00\",\"remain\":100.00,\"remain_money\":null,"
        "\"unit_price\":null},"
        "{\"collected_at\":\"2025-03-10 12:00:00\",\"remain\":99.50,\"remain_money\":49.75,"
        "\"unit_price\":0.5000}]}");

  // 4,500 rows cross several keyset chunks: every row once, in order.
  auto big = get(s.port(), "/export?device_id=A1&from=2025-03-01&to=2025-03-04");
  REQUIRE(big.status == 200);
  std::vector<std::string> lines;
  for (std::size_t p = 0, nl; (nl = big.body.find('\n', p)) != std::string::npos; p = nl + 1) {
    lines.push_back(big.body.substr(p, nl - p));
  }
  REQUIRE(lines.size() == 4501);
  CHECK(lines[1] == "A1,2025-03-01 00:00:00,900.00,450.00,0.5000");
  CHECK(lines[2000] == "A1,2025-03-02 09:19:00,880.01,450.00,0.5000");   // row 1999
  CHECK(lines[2001] == "A1,2025-03-02 09:20:00,880.00,450.00,0.5000");   // row 2000
  CHECK(lines[4500] == "A1,2025-03-04 02:59:00,855.01,450.00,0.5000");   // row 4499

  auto empty = get(s.port(), "/export?device_id=B2&from=2025-03-10&to=2025-03-10&format=json");
  CHECK(empty.body ==
        "{\"device_id\":\"B2\",\"from\":\"2025-03-10\",\"to\":\"2025-03-10\",\"readings\":[]}");
}

TEST_CASE("bad input is 400 or 404 JSON, never 500", "[meters]") {
  auto backend = GENERATE(Backend::kSqlite, Backend::kMariadb);
  INFO(backend_name(backend));
  Server s(backend);
  const std::string long_value(10000, '9');
  struct Case {
    std::string target;
    int status;
    std::string error;
  };
  const std::vector<Case> cases = {
      {"/data?period=year", 400, "bad_parameter"},
      {"/data?period=DAY", 400, "bad_parameter"},
      {"/data?date=2025-13-45", 400, "bad_parameter"},
      {"/data?date=2025-02-29", 400, "bad_parameter"},
      {"/data?date=abc", 400, "bad_parameter"},
      {"/data?date=" + long_value, 400, "bad_parameter"},
      {"/data?date=2025-03-10%27%20OR%20%271%27=%271", 400, "bad_parameter"},
      {"/data?device_id=A1%27%20OR%20%271%27=%271", 400, "bad_parameter"},
      {"/data?device_id=A1;DROP%20TABLE%20electricity_balance", 400, "bad_parameter"},
      {"/data?device_id=" + long_value, 400, "bad_parameter"},
      {"/data?device_id=ZZ9", 404, "unknown_device"},
      {"/kpi?date=2025-00-10", 400, "bad_parameter"},
      {"/kpi?device_id=ZZ9", 404, "unknown_device"},
      {"/period_kpi?period=quarter", 400, "bad_parameter"},
      {"/recharge_history?days=-1", 400, "bad_parameter"},
      {"/recharge_history?days=0", 400, "bad_parameter"},
      {"/recharge_history?days=3661", 400, "bad_parameter"},
      {"/recharge_history?days=99999999999999999999999", 400, "bad_parameter"},
      {"/recharge_history?days=abc", 400, "bad_parameter"},
      {"/recharge_history?days=1.5", 400, "bad_parameter"},
      {"/recharge_history?limit=0", 400, "bad_parameter"},
      {"/recharge_history?limit=1001", 400, "bad_parameter"},
      {"/recharge_history?limit=-5", 400, "bad_parameter"},
      {"/export?format=xml", 400, "bad_parameter"},
      {"/export?from=2025-03-10&to=2025-03-09", 400, "bad_parameter"},
      {"/export?device_id=ZZ9", 404, "unknown_device"},
  };
  for (const Case& c : cases) {
    auto d = get_json(s.port(), c.target, c.status);
    check_string(d, "error", c.error);
    REQUIRE(d["detail"].IsString());
    CHECK(std::string(d["detail"].GetString()).size() < 200);
  }
  // Nothing was harmed, and the limits themselves are accepted.
  CHECK(get_json(s.port(), "/devices")["devices"].Size() == 3);
  CHECK(get(s.port(), "/recharge_history?device_id=A1&days=3660&limit=1000").status == 200);
  CHECK(get(s.port(), "/recharge_history?device_id=A1&days=1&limit=1").status == 200);
}

TEST_CASE("readyz answers when the database does", "[meters]") {
  TestDatabase db(Backend::kSqlite);
  ApiProcess api(api_env(db, "UTC", kNow, "A1"));
  auto r = get(api.port(), "/readyz");
  CHECK(r.status == 200);
  CHECK(r.body == "{\"status\":\"ready\"}");
}
