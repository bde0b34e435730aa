// Readings the database refuses deterministically ("poison" rows): a
// trigger or a CHECK the test installs is a real database rejection. The
// storage adapter must call it a rejection (not an outage), the spool must
// quarantine exactly the refused readings and let the rest flow, and the
// collector must keep notifying. Judged by the simulator's own counts.
#include <catch2/catch.hpp>
#include <signal.h>

#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <regex>
#include <string>

#include "collector/isolate_rejects.h"
#include "collector/spool.h"
#include "common/storage/reading_store.h"
#include "common/storage/storage_error.h"
#include "tests/collector/collector_harness.h"
#include "tests/support/http_receiver.h"
#include "tests/support/test_database.h"
#include "tests/support/loopback_port.h"
#include "tests/support/test_paths.h"

using namespace ebill;
using namespace ebill::test;
using namespace std::chrono_literals;

namespace {

// Makes the database refuse every reading of `meter`.
void poison_meter(const TestDatabase& db, const std::string& meter) {
  if (db.backend() == Backend::kSqlite) {
    db.exec("CREATE TRIGGER poison BEFORE INSERT ON electricity_balance WHEN NEW.meter_no = '" +
            meter + "' BEGIN SELECT RAISE(ABORT, 'poison reading'); END");
  } else {
    db.exec("CREATE TRIGGER poison BEFORE INSERT ON electricity_balance FOR EACH ROW IF "
            "NEW.meter_no = '" + meter +
            "' THEN SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'poison reading'; END IF");
  }
}

Reading reading(const std::string& meter, const std::string& when, Hundredths remain) {
  return Reading{meter, parse_datetime(when).value(), remain, std::nullopt, std::nullopt};
}

std::size_t lines_with(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (std::size_t at = 0; (at = text.find(needle, at)) != std::string::npos; at += needle.size()) ++n;
  return n;
}

// Runs `body` on a fresh SQLite and a fresh MariaDB database whose meter
// "P1" is poisoned.
void on_each_poisoned_backend(const std::function<void(const TestDatabase&, storage::Database&)>& body) {
  for (Backend backend : {Backend::kSqlite, Backend::kMariadb}) {
    INFO(backend_name(backend));
    TestDatabase t(backend);
    auto db = t.open();
    poison_meter(t, "P1");
    body(t, *db);
  }
}

}  // namespace

TEST_CASE("a trigger's refusal and an out-of-range value are rejections, not outages",
          "[collector][poison][mariadb]") {
  on_each_poisoned_backend([](const TestDatabase& t, storage::Database& db) {
    storage::ReadingStore store(db);
    CHECK_THROWS_AS(store.insert({reading("P1", "2025-03-07 08:00:00", 100),
                                  reading("M1", "2025-03-07 08:00:00", 100)}),
                    storage::StorageRejected);
    CHECK_THROWS_AS(store.insert({reading("P1", "2025-03-07 08:00:00", 100)}),
                    storage::StorageRejected);
    if (t.backend() == Backend::kMariadb) {
      // DECIMAL(10,2) holds at most 99999999.99; strict mode refuses more.
      CHECK_THROWS_AS(store.insert({reading("M2", "2025-03-07 08:00:00", 10'000'000'000)}),
                      storage::StorageRejected);
    }
    CHECK(t.scalar("SELECT COUNT(*) FROM electricity_balance") == "0");
    CHECK(store.insert({reading("M1", "2025-03-07 08:00:00", 100)}) == 1);
  });
}

TEST_CASE("splitting a refused batch stores every reading but the refused ones",
          "[collector][poison][mariadb]") {
  on_each_poisoned_backend([](const TestDatabase& t, storage::Database& db) {
    std::vector<Reading> batch;
    for (int i = 0; i < 60; ++i) {
      const std::string meter = i % 20 == 7 ? "P1" : "M" + std::to_string(i);
      batch.push_back(reading(meter, "2025-03-07 08:00:" + fmt::format("{:02d}", i), 1000 + i));
    }
    storage::ReadingStore store(db);
    std::size_t calls = 0;
    const collector::IsolatedInsert done =
        collector::insert_isolating_rejects(batch, [&](const std::vector<Reading>& b) {
          ++calls;
          return store.insert(b);
        });
    REQUIRE(done.rejected.size() == 3);
    CHECK(done.rejected[0].reading == batch[7]);
    CHECK(done.rejected[1].reading == batch[27]);
    CHECK(done.rejected[2].reading == batch[47]);
    CHECK(done.rejected[0].error.find("poison reading") != std::string::npos);
    CHECK(done.fresh == 57);
    CHECK(calls < 40);  // a split, not one insert per reading
    CHECK(t.scalar("SELECT COUNT(*) FROM electricity_balance") == "57");
    CHECK(t.scalar("SELECT COUNT(*) FROM electricity_balance WHERE meter_no = 'P1'") == "0");
  });
}

TEST_CASE("a poisoned meter's readings are quarantined, the rest are stored and notified",
          "[collector][poison][mariadb]") {
  TestDatabase db(Backend::kMariadb);
  SimProcess sim;
  HttpReceiver receiver;
  const std::vector<std::string> meters = meter_numbers(4);
  const std::string poisoned = meters[2];
  const std::string dir = make_temp_dir("ebill-poison");
  const std::string log_path = dir + "/collector.log";
  Env env = collector_env(sim, db.settings(), dir + "/spool", meters);
  // Every meter is "low", so each healthy meter's first stored cycle
  // queues one low-balance alert: proof the notifications are not silenced.
  std::string devices = "[";
  for (const std::string& m : meters) {
    if (devices.size() > 1) devices += ",";
    devices += R"({"id": ")" + m + R"(", "notify": [{"type": "webhook", "url": ")" +
               receiver.base_url() + R"(/hook"}]})";
  }
  env["DEVICES_JSON"] = devices + "]";
  env["ALERT_BALANCE_KWH"] = "99999";
  const int port = free_loopback_port();
  env["METRICS_PORT"] = std::to_string(port);
  env["HOST"] = "127.0.0.1";
  // The schema exists before the trigger: a first run creates it.
  REQUIRE(run_to_end(collector_binary(), {"meters", "list"}, env, dir).status == 0);
  poison_meter(db, poisoned);

  ChildProcess collector(collector_binary(), {"--interval-seconds", "2"}, env, dir, log_path);
  REQUIRE(wait_until([&] { return cycle_lines(read_log(log_path)).size() >= 3; }, 30s));
  collector.signal(SIGTERM);  // right after a cycle: none is in flight
  REQUIRE(collector.wait_for(5s) == std::optional<int>(0));
  const std::string log = read_log(log_path);
  INFO(log);

  const std::string rejected = read_file(dir + "/spool/rejected.jsonl");
  for (const MeterTally& m : tally(sim, db, meters)) {
    INFO("meter " << m.meter_no);
    CHECK(m.served >= 3);
    if (m.meter_no == poisoned) {
      CHECK(m.rows == 0);
      CHECK(lines_with(rejected, "\"meter_no\":\"" + m.meter_no + "\"") ==
            static_cast<std::size_t>(m.served));
    } else {
      CHECK(m.rows == m.served);  // every page served became exactly one row
      CHECK(m.distinct_times == m.served);
      CHECK(lines_with(rejected, m.meter_no) == 0);
    }
  }
  CHECK(lines_with(rejected, "poison reading") == lines_with(rejected, "\n"));
  for (const CycleLine& c : cycle_lines(log)) {
    CHECK(c.stored);
    CHECK(c.spool == 0);
  }
  CHECK(log.find("database unavailable") == std::string::npos);
  CHECK(lines_with(log, "refused by the database, moved to") ==
        static_cast<std::size_t>(sim_requests(sim, poisoned)));

  // The healthy meters were notified.
  REQUIRE(receiver.wait_for(3, 10s));
  std::string bodies;
  for (const ReceivedRequest& r : receiver.requests()) bodies += r.body;
  for (const std::string& m : meters) {
    if (m != poisoned) CHECK(bodies.find(m) != std::string::npos);
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("/metrics counts the quarantined readings", "[collector][poison][mariadb]") {
  TestDatabase db(Backend::kSqlite);
  SimProcess sim;
  const std::vector<std::string> meters = meter_numbers(3);
  const std::string dir = make_temp_dir("ebill-poison-metrics");
  Env env = collector_env(sim, db.settings(), dir + "/spool", meters);
  const int port = free_loopback_port();
  env["METRICS_PORT"] = std::to_string(port);
  env["HOST"] = "127.0.0.1";
  REQUIRE(run_to_end(collector_binary(), {"meters", "list"}, env, dir).status == 0);
  poison_meter(db, meters[0]);
  ChildProcess collector(collector_binary(), {"--interval-seconds", "2"}, env, dir,
                         dir + "/collector.log");
  REQUIRE(wait_until([&] { return cycle_lines(read_log(dir + "/collector.log")).size() >= 2; }, 20s));
  const std::string body = http_get("http://127.0.0.1:" + std::to_string(port) + "/metrics");
  const int refused = sim_requests(sim, meters[0]);
  CHECK(refused >= 2);
  CHECK(body.find("ebill_collector_spool_quarantined_total{reason=\"rejected\"} " +
                  std::to_string(refused) + "\n") != std::string::npos);
  CHECK(body.find("ebill_collector_spool_quarantined_total{reason=\"damaged\"} 0\n") !=
        std::string::npos);
  collector.signal(SIGTERM);
  CHECK(collector.wait_for(5s) == std::optional<int>(0));
  std::filesystem::remove_all(dir);
}
