// ebill-api while the MariaDB server is stopped: 503 JSON at once, recovery
// by itself once it is back, and a start with the server down. Registered
// RUN_SERIAL (it stops the shared server).
#include <catch2/catch.hpp>

#include "common/storage/reading_store.h"
#include "tests/api/support/api_on_database.h"
#include "tests/support/http_client.h"
#include "tests/support/mariadb_server.h"

using namespace ebill;
using namespace ebill::test;

namespace {

constexpr const char* kNow = "2025-03-10 12:00:00";

void check_unavailable(int port, const std::string& target) {
  INFO(target);
  const auto started = std::chrono::steady_clock::now();
  auto r = get(port, target);
  CHECK(r.status == 503);
  CHECK(r.header("Content-Type") == "application/json");
  CHECK(r.body.find("\"error\":\"database_unavailable\"") != std::string::npos);
  CHECK(r.body.find("\"detail\":") != std::string::npos);
  // "Quickly": well inside the client's and any proxy's patience.
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(4));
}

std::uint64_t database_errors(int port) {
  auto body = get(port, "/metrics").body;
  const std::string name = "\nebill_api_database_errors_total ";
  auto pos = body.find(name);
  REQUIRE(pos != std::string::npos);
  return std::stoull(body.substr(pos + name.size()));
}

}  // namespace

TEST_CASE("503 while MariaDB is stopped, recovery after it starts", "[mariadb]") {
  TestDatabase db(Backend::kMariadb);
  {
    auto open = db.open();
    storage::ReadingStore(*open).insert({Reading{"A1", parse_datetime(kNow).value(), 5000, {}, {}}});
  }
  ApiProcess api(api_env(db, "UTC", kNow, "A1"));
  REQUIRE(get(api.port(), "/readyz").status == 200);
  REQUIRE(get(api.port(), "/kpi").status == 200);
  MariadbServer server;

  server.stop();
  const auto errors_before = database_errors(api.port());
  for (const char* target : {"/data", "/data?period=month", "/kpi", "/period_kpi",
                             "/recharge_history", "/devices", "/export", "/readyz"}) {
    check_unavailable(api.port(), target);
  }
  CHECK(database_errors(api.port()) > errors_before);
  CHECK(get(api.port(), "/healthz").status == 200);
  // Bad input is still bad input.
  CHECK(get(api.port(), "/data?date=abc").status == 400);

  server.start();
  CHECK(eventually([&] { return get(api.port(), "/readyz").status == 200; }, std::chrono::seconds(15)));
  auto k = get_json(api.port(), "/kpi");
  check_amount(k, "current_balance", 50.00);
}

TEST_CASE("the server starts with MariaDB down and opens it when it comes up", "[mariadb]") {
  TestDatabase db(Backend::kMariadb);
  MariadbServer server;
  server.stop();
  ApiProcess api(api_env(db, "UTC", kNow, "A1"), ApiBuild::kTest, StartWait::kListening);
  check_unavailable(api.port(), "/readyz");
  check_unavailable(api.port(), "/data");
  check_unavailable(api.port(), "/devices");
  CHECK(get(api.port(), "/healthz").status == 200);

  server.start();
  CHECK(eventually([&] { return get(api.port(), "/readyz").status == 200; }, std::chrono::seconds(15)));
  auto d = get_json(api.port(), "/devices");
  REQUIRE(d["devices"].Size() == 1);
  check_string(d["devices"][0], "id", "A1");
}
