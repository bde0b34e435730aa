// ebill-api while the MariaDB server is frozen (SIGSTOP): it accepts
// connections but answers nothing, like a hung or black-holed host. Data
// requests must get 503 JSON without each waiting out the timeouts, /healthz
// must keep answering, and the API must recover by itself once the server
// runs again. Registered RUN_SERIAL (it freezes the shared server).
#include <catch2/catch.hpp>

#include <thread>
#include <vector>

#include "common/storage/reading_store.h"
#include "tests/api/support/api_on_database.h"
#include "tests/support/http_client.h"
#include "tests/support/mariadb_server.h"

using namespace ebill;
using namespace ebill::test;
using Clock = std::chrono::steady_clock;

namespace {

constexpr const char* kNow = "2025-03-10 12:00:00";
constexpr auto kReadTimeout = std::chrono::seconds(2);  // DB_READ_TIMEOUT below
const std::vector<std::string> kData = {"/devices", "/data", "/kpi", "/recharge_history"};

struct Timed {
  std::optional<HttpResponse> response;  // nullopt: no answer within 30 s
  Clock::duration elapsed{};
};

// GET `target` and wait for the answer far longer than any database timeout,
// so a stalled server shows up as slow answers, not as client timeouts.
Timed timed_get(int port, const std::string& target) {
  const auto started = Clock::now();
  Connection c(port);
  c.send("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
  Timed t;
  t.response = c.read_response(false, std::chrono::seconds(30));
  t.elapsed = Clock::now() - started;
  return t;
}

// `n` concurrent GETs, alternating between `targets`.
std::vector<Timed> burst(int port, const std::vector<std::string>& targets, int n) {
  std::vector<Timed> out(n);
  std::vector<std::thread> threads;
  for (int i = 0; i < n; ++i) {
    threads.emplace_back([&, i] { out[i] = timed_get(port, targets[i % targets.size()]); });
  }
  for (auto& t : threads) t.join();
  return out;
}

void check_unavailable(const Timed& t) {
  REQUIRE(t.response.has_value());
  CHECK(t.response->status == 503);
  CHECK(t.response->header("Content-Type") == "application/json");
  CHECK(t.response->body.find("\"error\":\"database_unavailable\"") != std::string::npos);
}

}  // namespace

TEST_CASE("503 at once while MariaDB hangs, /healthz answers, recovery after", "[mariadb]") {
  TestDatabase db(Backend::kMariadb);
  {
    auto open = db.open();
    storage::ReadingStore(*open).insert({Reading{"A1", parse_datetime(kNow).value(), 5000, {}, {}}});
  }
  ApiProcess api(api_env(db, "UTC", kNow, "A1",
                         {{"API_THREADS", "4"},
                          {"DB_POOL_SIZE", "4"},
                          {"DB_CONNECT_TIMEOUT", "2"},
                          {"DB_READ_TIMEOUT", "2"},
                          // Every request reads the markers: with a snapshot
                          // a repeated /kpi is answered from the view cache
                          // while it is fresh, hang or not.
                          {"VIEW_MARKER_REFRESH_MS", "0"}}));
  // Open pooled connections, as in a running server.
  for (auto& t : burst(api.port(), {"/devices", "/kpi"}, 4)) {
    REQUIRE(t.response.has_value());
    REQUIRE(t.response->status == 200);
  }

  {
    MariadbPause pause;
    // The calls already talking to the server when it froze (one per
    // worker) wait out the read timeout once, and the requests queued behind
    // them wait for those workers; none pays its own timeouts on top.
    for (const Timed& t : burst(api.port(), kData, 12)) {
      check_unavailable(t);
      CHECK(t.elapsed < kReadTimeout + std::chrono::seconds(1));
    }
    // Now the server is marked down: the same burst is answered at once, but
    // for at most one probe a second.
    int fast = 0;
    for (const Timed& t : burst(api.port(), kData, 12)) {
      check_unavailable(t);
      if (t.elapsed < std::chrono::milliseconds(500)) ++fast;
    }
    CHECK(fast >= 11);

    // Past the hold-off one request probes the frozen server and blocks its
    // worker; the others, and /healthz, are answered meanwhile.
    std::this_thread::sleep_for(std::chrono::milliseconds(1200));
    std::vector<Timed> probes;
    std::thread probing([&] { probes = burst(api.port(), {"/devices"}, 4); });
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    for (int i = 0; i < 3; ++i) {
      const Timed health = timed_get(api.port(), "/healthz");
      REQUIRE(health.response.has_value());
      CHECK(health.response->status == 200);
      CHECK(health.elapsed < kReadTimeout);
    }
    const Timed ready = timed_get(api.port(), "/readyz");
    check_unavailable(ready);
    CHECK(ready.elapsed < kReadTimeout);
    probing.join();
    fast = 0;
    for (const Timed& t : probes) {
      check_unavailable(t);
      if (t.elapsed < kReadTimeout) ++fast;
    }
    CHECK(fast >= 3);
  }

  // Running again: the next probe finds it and the API answers by itself.
  CHECK(eventually([&] { return get(api.port(), "/devices").status == 200; },
                   std::chrono::seconds(20)));
  auto k = get_json(api.port(), "/kpi");
  check_amount(k, "current_balance", 50.00);
}
