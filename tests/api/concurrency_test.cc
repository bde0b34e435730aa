// What must never wait on a slow handler: the I/O threads. The real
// ebill-api with one I/O thread against the real simulator's slow page, an
// in-process server whose stream producer blocks, and floods of idle
// connections. Labelled `concurrency` (run under TSan in build-tsan).
#include <catch2/catch.hpp>

#include <atomic>
#include <future>
#include <memory>
#include <thread>
#include <vector>

#include "api/server/app.h"
#include "api/server/server.h"
#include "tests/api/support/api_on_database.h"
#include "tests/sim/sim_process.h"
#include "tests/support/http_client.h"

using namespace ebill;
using namespace ebill::test;

namespace {

constexpr const char* kSimTime = "2025-03-10 12:00:00";
constexpr const char* kMeter = "19501609994";
constexpr const char* kOther = "19501609995";

// ebill_api_requests_in_flight of /metrics (the /metrics request included).
int in_flight(int port) {
  const std::string body = get(port, "/metrics").body;
  const std::string name = "\nebill_api_requests_in_flight ";
  const auto pos = body.find(name);
  REQUIRE(pos != std::string::npos);
  return std::stoi(body.substr(pos + name.size()));
}

}  // namespace

TEST_CASE("slow fetches never hold the I/O thread or the read workers", "[concurrency]") {
  // One I/O thread, eight fetches of a page that answers only after 5 s
  // (each times out after 4 s): two run, six wait on the operator workers.
  // While all eight are pending, /healthz and /kpi answer.
  SimProcess sim{{"--speed", "0", "--start", kSimTime, "--seed", "1", "--slow-ms", "5000"}};
  TestDatabase db{Backend::kSqlite};
  ApiProcess api(api_env(db, "UTC", kSimTime, std::string(kMeter) + "," + kOther,
                         {{"METER_SOURCE_URL", sim.url("/nat/pay.aspx?mid={meter}")},
                          {"FETCH_CONNECT_TIMEOUT", "1"},
                          {"FETCH_TIMEOUT", "4"},
                          {"FETCH_RETRIES", "0"},
                          {"API_THREADS", "1"},
                          {"API_QUEUE_TIMEOUT_SECONDS", "60"},
                          {"MANUAL_FETCH_COOLDOWN_SECONDS", "0"}}));
  http_get(sim.url(std::string("/_control/fault?mid=") + kMeter + "&mode=slow"));
  std::vector<std::unique_ptr<Connection>> fetches;
  for (int i = 0; i < 8; ++i) {
    fetches.push_back(std::make_unique<Connection>(api.port()));
    REQUIRE(fetches.back()->send(std::string("GET /fetch?device_id=") + kMeter +
                                 " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));
  }
  REQUIRE(eventually([&] { return in_flight(api.port()) == 9; }, std::chrono::seconds(3)));
  CHECK(get(api.port(), "/healthz").status == 200);
  CHECK(get(api.port(), "/kpi").status == 200);
  CHECK(get(api.port(), "/devices").status == 200);
  CHECK(in_flight(api.port()) == 9);  // the eight are still pending
  for (auto& c : fetches) {
    auto r = c->read_response(false, std::chrono::seconds(30));
    REQUIRE(r);
    CHECK(r->status == 504);
  }
  http_get(sim.url(std::string("/_control/fault?mid=") + kMeter + "&mode=none"));
  CHECK(get(api.port(), std::string("/fetch?device_id=") + kOther).status == 200);
}

TEST_CASE("a stream producer that blocks holds a worker, never the I/O thread", "[concurrency]") {
  api::ApiServerSettings s;
  s.host = "127.0.0.1";
  s.threads = 1;
  api::App app(s);
  std::promise<void> release;
  std::shared_future<void> released = release.get_future().share();
  std::atomic<bool> producing{false};
  app.router().get("/held", [&](const api::Request&) {
    api::Response r;
    auto sent = std::make_shared<bool>(false);
    r.stream = [&, sent](std::string& chunk) {
      if (*sent) return false;
      producing = true;
      released.wait();  // a slow cursor
      chunk = "late\n";
      *sent = true;
      return true;
    };
    return r;
  });
  api::Workers workers(s);
  api::AppHandler handler(app, workers);
  http::Server server(api::server_options(s), handler);
  auto port = server.listen();
  REQUIRE(port);
  std::thread run([&] { server.run(); });

  Connection held(*port);
  REQUIRE(held.send("GET /held HTTP/1.1\r\nHost: x\r\n\r\n"));
  REQUIRE(eventually([&] { return producing.load(); }, std::chrono::seconds(5)));
  for (int i = 0; i < 3; ++i) CHECK(get(*port, "/healthz").status == 200);
  release.set_value();
  auto r = held.read_response();
  REQUIRE(r);
  CHECK(r->body == "late\n");

  server.stop();
  run.join();
  CHECK(workers.stop(std::chrono::seconds(5)));
}
