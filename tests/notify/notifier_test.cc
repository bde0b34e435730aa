// The Notifier driven cycle by cycle with a manual clock (the `now` of each
// cycle), against SQLite and the real MariaDB, sending to a loopback
// receiver.
#include <catch2/catch.hpp>

#include <memory>

#include "common/notify/notifier.h"
#include "common/storage/reading_store.h"
#include "common/storage/status_store.h"
#include "tests/notify/notify_fixture.h"
#include "tests/support/stderr_capture.h"
#include "tests/support/test_database.h"

using namespace ebill;
using namespace ebill::notify;
using ebill::test::Backend;
using ebill::test::HttpReceiver;
using ebill::test::TestDatabase;
using ebill::test::when;

namespace {

const std::string kMeter = "19501609994";
using Kinds = std::vector<std::string>;

// A collector stand-in: stores a cycle's reading and status, then calls the
// notifier's hook with the cycle's outcome.
struct Harness {
  explicit Harness(Backend backend, Config c)
      : t(backend), db(t.open()), config(std::move(c)) { restart(); }

  // Like a collector restart; the queue is drained first so that what the
  // receiver sees does not depend on how fast the old dispatcher was.
  void restart() {
    if (notifier) REQUIRE(idle());
    notifier.reset();
    db = t.open();
    notifier = std::make_unique<Notifier>(config, test::fast_dispatch());
  }
  void ok_cycle(const char* at, Hundredths remain) {
    ok_cycle(test::reading_at(kMeter, when(at), remain));
  }
  // With the page's money balance and unit price (0.0001 yuan per kWh).
  void ok_cycle(const char* at, Hundredths remain, Hundredths money, TenThousandths price) {
    Reading r = test::reading_at(kMeter, when(at), remain);
    r.remain_money = money;
    r.unit_price = price;
    ok_cycle(r);
  }
  void ok_cycle(const Reading& r) {
    storage::ReadingStore(*db).insert({r});
    storage::StatusStore(*db).record_success(kMeter, r.collected_at);
    const MeterCycleOutcome o = test::ok(r);
    notifier->after_cycle({&o, 1}, r.collected_at, db.get());
  }
  void failed_cycle(const char* at, const std::string& error) {
    storage::StatusStore(*db).record_failure(kMeter, when(at), error);
    const MeterCycleOutcome o = test::failed(kMeter, when(at), error);
    notifier->after_cycle({&o, 1}, when(at), db.get());
  }
  bool idle() { return notifier->dispatcher().wait_idle(test::kPatience); }

  TestDatabase t;
  std::unique_ptr<storage::Database> db;
  Config config;
  std::unique_ptr<Notifier> notifier;
};

}  // namespace

TEST_CASE("notifier: the daily report fires once at its time, also across a restart",
          "[notify][notifier][mariadb]") {
  const Backend backend = GENERATE(Backend::kSqlite, Backend::kMariadb);
  INFO(test::backend_name(backend));
  HttpReceiver receiver;
  Config c = test::config_for(kMeter, "5-1-501", {test::webhook(receiver)}, receiver);
  c.notify.daily_report_minute = 9 * 60;
  Harness h(backend, c);
  storage::ReadingStore(*h.db).insert(test::known_series(kMeter, when("2025-03-08 08:40:00")));

  h.ok_cycle("2025-03-08 08:50:00", 25485);
  REQUIRE(h.idle());
  CHECK(receiver.requests().empty());
  h.ok_cycle("2025-03-08 09:00:00", 25479);
  REQUIRE(h.idle());
  REQUIRE(receiver.requests().size() == 1);
  const std::string body = receiver.requests()[0].body;
  CHECK(test::json_field(body, "kind") == "daily_report");
  CHECK(test::json_field(body, "title") == "昨日用电: 7.19 度");
  CHECK(test::json_field(body, "body") == test::kKnownReportText);
  h.ok_cycle("2025-03-08 09:10:00", 25473);

  // The collector restarts around 9:00: the new notifier remembers.
  h.restart();
  h.ok_cycle("2025-03-08 09:20:00", 25467);
  h.ok_cycle("2025-03-08 10:00:00", 25443);
  REQUIRE(h.idle());
  CHECK(receiver.requests().size() == 1);

  // Next day: 03-08 used 144 steps of 0.06 = 8.64.
  const std::vector<Reading> more = test::known_series(kMeter, when("2025-03-09 09:00:00"));
  storage::ReadingStore(*h.db).insert(more);
  h.ok_cycle("2025-03-09 09:00:00", more.back().remain);
  REQUIRE(h.idle());
  REQUIRE(receiver.requests().size() == 2);
  CHECK(test::json_field(receiver.requests()[1].body, "title") == "昨日用电: 8.64 度");
}

TEST_CASE("notifier: low balance alerts once per crossing, reminds, re-arms after a recharge",
          "[notify][notifier][mariadb]") {
  const Backend backend = GENERATE(Backend::kSqlite, Backend::kMariadb);
  INFO(test::backend_name(backend));
  HttpReceiver receiver;
  Harness h(backend, test::config_for(kMeter, "5-1-501", {test::webhook(receiver)}, receiver));
  h.ok_cycle("2025-03-07 08:00:00", 1200);
  h.ok_cycle("2025-03-07 08:05:00", 1050);
  h.ok_cycle("2025-03-07 08:10:00", 990);   // crosses 10.00
  h.ok_cycle("2025-03-07 08:15:00", 980);
  h.ok_cycle("2025-03-07 08:20:00", 975);
  h.restart();                              // nothing repeated after a restart
  h.ok_cycle("2025-03-07 20:09:00", 900);   // 11 h 59 min after the alert
  h.ok_cycle("2025-03-07 20:10:00", 890);   // 12 h: reminder
  h.ok_cycle("2025-03-07 20:15:00", 10890); // recharge 100.00: re-armed
  h.ok_cycle("2025-03-07 20:20:00", 1100);
  h.ok_cycle("2025-03-07 20:25:00", 995);   // crosses again
  REQUIRE(h.idle());
  CHECK(test::kinds_received(receiver) ==
        Kinds{"low_balance", "low_balance_reminder", "recharge", "low_balance"});
  const auto got = receiver.requests();
  REQUIRE(got.size() == 4);
  CHECK(test::json_field(got[0].body, "title") == "余额不足: 剩余 9.90 度");
  CHECK(test::json_field(got[1].body, "title") == "余额不足提醒: 剩余 8.90 度");
}

TEST_CASE("notifier: a recharge is announced with amount, before and after, jitter is not",
          "[notify][notifier][mariadb]") {
  const Backend backend = GENERATE(Backend::kSqlite, Backend::kMariadb);
  INFO(test::backend_name(backend));
  HttpReceiver receiver;
  Harness h(backend, test::config_for(kMeter, "5-1-501", {test::webhook(receiver)}, receiver));
  h.ok_cycle("2025-03-07 08:00:00", 5000);
  h.ok_cycle("2025-03-07 08:05:00", 4990);
  h.ok_cycle("2025-03-07 08:10:00", 5040);   // +0.50: jitter below RECHARGE_MIN_KWH
  h.ok_cycle("2025-03-07 08:15:00", 5030);
  h.ok_cycle("2025-03-07 08:20:00", 15030);  // +100.00
  h.restart();
  h.ok_cycle("2025-03-07 08:25:00", 15020);
  REQUIRE(h.idle());
  REQUIRE(test::kinds_received(receiver) == Kinds{"recharge"});
  const std::string body = receiver.requests()[0].body;
  CHECK(test::json_field(body, "title") == "充值到账: 100.00 度");
  CHECK(test::json_field(body, "body") ==
        "5-1-501（19501609994） 于 2025-03-07 08:20:00 充值 100.00 度\n"
        "充值前余额: 50.30 度\n"
        "充值后余额: 150.30 度");
}

TEST_CASE("notifier: a recharge notice carries ¥ from the reading that shows it",
          "[notify][notifier][mariadb]") {
  const Backend backend = GENERATE(Backend::kSqlite, Backend::kMariadb);
  INFO(test::backend_name(backend));
  HttpReceiver receiver;
  Harness h(backend, test::config_for(kMeter, "5-1-501", {test::webhook(receiver)}, receiver));
  h.ok_cycle("2025-03-07 08:00:00", 5000, 2642, 5283);
  h.ok_cycle("2025-03-07 08:05:00", 4990, 2636, 5283);
  h.ok_cycle("2025-03-07 08:10:00", 9990, 5278, 5283);  // +50.00 kWh at 0.5283 = ¥26.42 (26.415)
  REQUIRE(h.idle());
  REQUIRE(test::kinds_received(receiver) == Kinds{"recharge"});
  const std::string body = receiver.requests()[0].body;
  CHECK(test::json_field(body, "title") == "充值到账: 50.00 度 / ¥26.42");
  CHECK(test::json_field(body, "body") ==
        "5-1-501（19501609994） 于 2025-03-07 08:10:00 充值 50.00 度（¥26.42，单价 0.5283 元/度）\n"
        "充值前余额: 49.90 度\n"
        "充值后余额: 99.90 度（¥52.78）");
}

TEST_CASE("notifier: a failing source alerts once and once more when it recovers",
          "[notify][notifier][mariadb]") {
  const Backend backend = GENERATE(Backend::kSqlite, Backend::kMariadb);
  INFO(test::backend_name(backend));
  HttpReceiver receiver;
  Config c = test::config_for(kMeter, "5-1-501", {test::webhook(receiver)}, receiver);
  c.notify.alert_stale_minutes = 60;
  Harness h(backend, c);
  h.ok_cycle("2025-03-07 08:00:00", 5000);
  h.failed_cycle("2025-03-07 08:30:00", "timeout");
  h.failed_cycle("2025-03-07 08:59:00", "timeout");
  h.failed_cycle("2025-03-07 09:00:00", "blocked: 405");
  h.failed_cycle("2025-03-07 09:05:00", "timeout");
  h.restart();
  h.failed_cycle("2025-03-07 09:10:00", "timeout");
  h.ok_cycle("2025-03-07 09:15:00", 4950);
  h.ok_cycle("2025-03-07 09:20:00", 4940);
  REQUIRE(h.idle());
  REQUIRE(test::kinds_received(receiver) == Kinds{"source_failing", "source_recovered"});
  const auto got = receiver.requests();
  CHECK(test::json_field(got[0].body, "body") ==
        "5-1-501（19501609994） 已 60 分钟没有成功读数（最后成功: 2025-03-07 08:00:00）。\n"
        "最近错误: blocked: 405");
  CHECK(test::json_field(got[1].body, "body") ==
        "5-1-501（19501609994） 已恢复读数。\n当前余额: 49.50 度（2025-03-07 09:15:00）");
}

TEST_CASE("notifier: only polled meters with targets are considered", "[notify][notifier]") {
  HttpReceiver receiver;
  Config c = test::config_for(kMeter, "5-1-501", {test::webhook(receiver)}, receiver);
  MeterConfig quiet;
  quiet.id = "18100000001";
  quiet.name = "无通知";
  c.meters.push_back(quiet);
  Harness h(Backend::kSqlite, c);
  // The quiet meter is low but has no target; kMeter is low but not in this
  // cycle (another shard polls it).
  const LocalSeconds t0 = when("2025-03-07 08:00:00");
  storage::ReadingStore(*h.db).insert(
      {test::reading_at(kMeter, t0, 100), test::reading_at(quiet.id, t0, 100)});
  const MeterCycleOutcome o = test::ok(test::reading_at(quiet.id, t0, 100));
  h.notifier->after_cycle({&o, 1}, t0, h.db.get());
  REQUIRE(h.idle());
  CHECK(receiver.requests().empty());
  CHECK(h.t.scalar("SELECT COUNT(*) FROM notification_state") == "0");
  // Unknown meters in the outcomes are ignored as well.
  const MeterCycleOutcome stranger = test::ok(test::reading_at("77", t0 + 300, 1));
  h.notifier->after_cycle({&stranger, 1}, t0 + 300, h.db.get());
  h.ok_cycle("2025-03-07 08:10:00", 90);
  REQUIRE(h.idle());
  CHECK(test::kinds_received(receiver) == Kinds{"low_balance"});
}

TEST_CASE("notifier: a hanging receiver delays no cycle, the dispatcher gives up and logs it",
          "[notify][notifier]") {
  test::StderrCapture log;
  HttpReceiver receiver;
  receiver.hang();
  Harness h(Backend::kSqlite,
            test::config_for(kMeter, "5-1-501", {test::webhook(receiver)}, receiver));
  h.ok_cycle("2025-03-07 08:00:00", 900);
  // The cycle returned while its alert is still held by the receiver.
  REQUIRE(receiver.wait_for(1, test::kPatience));
  CHECK(h.notifier->dispatcher().stats().sent == 0);
  h.ok_cycle("2025-03-07 08:05:00", 890);  // the next cycle runs meanwhile
  // Two attempts of at most 1 s each, then it gives up.
  REQUIRE(h.idle());
  CHECK(receiver.requests().size() == 2);
  CHECK(h.notifier->dispatcher().stats().failed == 1);
  CHECK(log.text().find("gave up on low_balance for meter 19501609994 via webhook @127.0.0.1:" +
                        std::to_string(receiver.port())) != std::string::npos);
  receiver.release();
}

TEST_CASE("notifier: an answer of 500 is retried, then given up, and no secret is logged",
          "[notify][notifier]") {
  test::StderrCapture log;
  HttpReceiver receiver;
  receiver.respond(500, "oops");
  NotifyTarget sct;
  sct.key = "SCTsecret0123";
  NotifyTarget ntfy;
  ntfy.type = ChannelType::kNtfy;
  ntfy.topic = "topic-secret-77";
  ntfy.token = "ntfy-token-secret";
  NotifyTarget pp;
  pp.type = ChannelType::kPushPlus;
  pp.token = "pushplus-secret-5";
  NotifyTarget bark;
  bark.type = ChannelType::kBark;
  bark.key = "bark-secret-key";
  Config c = test::config_for(
      kMeter, "5-1-501", {sct, test::webhook(receiver, "hook-token-secret"), ntfy, pp, bark},
      receiver);
  Harness h(Backend::kSqlite, c);
  h.ok_cycle("2025-03-07 08:00:00", 900);
  REQUIRE(h.idle());
  CHECK(receiver.requests().size() == 10);  // 5 targets, 2 attempts each
  CHECK(h.notifier->dispatcher().stats().failed == 5);
  const std::string text = log.text();
  const std::string port = std::to_string(receiver.port());
  for (const char* channel : {"serverchan", "webhook", "ntfy", "pushplus", "bark"}) {
    INFO(channel);
    CHECK(text.find(fmt::format("gave up on low_balance for meter 19501609994 via {} "
                                "@127.0.0.1:{}: HTTP 500",
                                channel, port)) != std::string::npos);
  }
  for (const char* secret : {"SCTsecret0123", "topic-secret-77", "ntfy-token-secret",
                             "pushplus-secret-5", "bark-secret-key", "hook-token-secret",
                             "path-secret", "query-secret"}) {
    INFO(secret);
    CHECK(text.find(secret) == std::string::npos);
  }
}

TEST_CASE("notifier: a cycle while the database is gone is skipped without throwing",
          "[notify][notifier]") {
  HttpReceiver receiver;
  Harness h(Backend::kSqlite,
            test::config_for(kMeter, "5-1-501", {test::webhook(receiver)}, receiver));
  h.ok_cycle("2025-03-07 08:00:00", 5000);
  const MeterCycleOutcome o = test::ok(test::reading_at(kMeter, when("2025-03-07 08:05:00"), 900));
  // The collector passes no database while it cannot reach it.
  CHECK_NOTHROW(h.notifier->after_cycle({&o, 1}, when("2025-03-07 08:05:00"), nullptr));
  h.t.exec("DROP TABLE notification_state");
  test::StderrCapture log;
  CHECK_NOTHROW(h.notifier->after_cycle({&o, 1}, when("2025-03-07 08:05:00"), h.db.get()));
  REQUIRE(h.idle());
  CHECK(receiver.requests().empty());
  CHECK(log.text().find("notify: cycle skipped") != std::string::npos);
}
