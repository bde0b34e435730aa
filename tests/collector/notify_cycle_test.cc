// The real ebill-collector with notification targets that misbehave: a
// channel that hangs or answers 500 must never hold up polling.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <string>

#include "tests/collector/collector_harness.h"
#include "tests/support/http_receiver.h"
#include "tests/support/test_database.h"

using namespace ebill;
using namespace ebill::test;
using namespace std::chrono_literals;

namespace {

// Every meter is "low" (threshold far above any simulated balance), so the
// first cycle queues one low-balance alert per meter to `receiver`'s webhook.
Env env_with_webhook(const SimProcess& sim, const TestDatabase& db, const std::string& dir,
                     const HttpReceiver& receiver) {
  const std::vector<std::string> meters = meter_numbers(3);
  Env env = collector_env(sim, db.settings(), dir + "/spool", meters);
  std::string devices = "[";
  for (const std::string& m : meters) {
    if (devices.size() > 1) devices += ",";
    devices += R"({"id": ")" + m + R"(", "notify": [{"type": "webhook", "url": ")" +
               receiver.base_url() + R"(/hook", "token_env": "EBILL_T_HOOK"}]})";
  }
  env["DEVICES_JSON"] = devices + "]";
  env["EBILL_T_HOOK"] = "hook-Secret-42";
  env["ALERT_BALANCE_KWH"] = "99999";
  env["NOTIFY_TIMEOUT_SECONDS"] = "60";  // a blocking send would stall a cycle for a minute
  env["NOTIFY_RETRIES"] = "3";
  return env;
}

}  // namespace

TEST_CASE("a hanging notification channel does not hold up the next cycles", "[collector][notify]") {
  HttpReceiver receiver;
  receiver.hang();
  TestDatabase db(Backend::kSqlite);
  SimProcess sim;
  const std::string dir = make_temp_dir("ebill-notify-hang");
  ChildProcess collector(collector_binary(), {"--interval-seconds", "1"},
                         env_with_webhook(sim, db, dir, receiver), dir, dir + "/collector.log");

  // The alert reached the channel, which holds it unanswered...
  REQUIRE(receiver.wait_for(1, 20s));
  // ...while cycles go on every second: four more cycles cannot fit in the
  // 60 s the held request may take unless polling ignores it.
  const std::size_t before = cycle_lines(read_log(dir + "/collector.log")).size();
  REQUIRE(wait_until([&] { return cycle_lines(read_log(dir + "/collector.log")).size() >= before + 4; },
                     20s));
  for (const CycleLine& c : cycle_lines(read_log(dir + "/collector.log"))) CHECK(c.ok == 3);
  const std::string log = read_log(dir + "/collector.log");
  CHECK(log.find("hook-Secret-42") == std::string::npos);
  receiver.release();
  std::filesystem::remove_all(dir);
}

TEST_CASE("a channel answering 500 is retried and logged without stalling polling",
          "[collector][notify]") {
  HttpReceiver receiver;
  receiver.respond(500, "internal error");
  TestDatabase db(Backend::kSqlite);
  SimProcess sim;
  const std::string dir = make_temp_dir("ebill-notify-500");
  ChildProcess collector(collector_binary(), {"--interval-seconds", "1"},
                         env_with_webhook(sim, db, dir, receiver), dir, dir + "/collector.log");

  // The first alert and its first retry (retries back off from 2 s; the one
  // dispatcher thread sends the other meters' alerts after it gives up).
  REQUIRE(receiver.wait_for(2, 20s));
  REQUIRE(wait_until([&] { return cycle_lines(read_log(dir + "/collector.log")).size() >= 4; }, 20s));
  const std::string log = read_log(dir + "/collector.log");
  CHECK(log.find("hook-Secret-42") == std::string::npos);
  for (const ReceivedRequest& r : receiver.requests()) {
    CHECK(r.target == "/hook");
    CHECK(r.header("authorization") == "Bearer hook-Secret-42");  // sent to the channel only
  }
  std::filesystem::remove_all(dir);
}
