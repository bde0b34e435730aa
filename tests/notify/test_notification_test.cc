// send_test_notification(): what /test_notification answers and sends.
#include <catch2/catch.hpp>

#include "common/notify/test_notification.h"
#include "common/storage/meter_store.h"
#include "common/storage/reading_store.h"
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
}  // namespace

TEST_CASE("test notification: sent with the current report, success when one target accepts",
          "[notify][test_notification][mariadb]") {
  const Backend backend = GENERATE(Backend::kSqlite, Backend::kMariadb);
  INFO(test::backend_name(backend));
  TestDatabase t(backend);
  auto db = t.open();
  const LocalSeconds now = when("2025-03-08 09:00:00");
  storage::ReadingStore(*db).insert(test::known_series(kMeter, now));
  HttpReceiver good, bad;
  bad.respond(500, "down");
  NotifyTarget pp;
  pp.type = ChannelType::kPushPlus;
  pp.token = "pushplus-secret-5";
  // PushPlus's base URL is the failing receiver; the webhook the good one.
  const Config c =
      test::config_for(kMeter, "5-1-501", {test::webhook(good, "hook-secret"), pp}, bad);
  test::StderrCapture log;

  const TestNotificationResult r = send_test_notification(*db, c, kMeter, now);
  CHECK(r.success);
  CHECK(r.device_name == "5-1-501");
  CHECK(r.report == test::kKnownReportText);
  CHECK(r.message == "测试通知发送到 1/2 个通知目标；失败: pushplus @127.0.0.1:" +
                         std::to_string(bad.port()) + ": HTTP 500");
  REQUIRE(good.requests().size() == 1);
  const std::string body = good.requests()[0].body;
  CHECK(test::json_field(body, "kind") == "test");
  CHECK(test::json_field(body, "title") == "测试通知: 5-1-501");
  CHECK(test::json_field(body, "body") ==
        std::string("这是一条测试通知，收到即表示通知配置正确。\n\n") + test::kKnownReportText);
  CHECK(bad.requests().size() == 1);  // one attempt per target, no retries

  // Every target accepts: the message says how many.
  bad.respond(200, R"({"code":200})");
  const TestNotificationResult all = send_test_notification(*db, c, kMeter, now);
  CHECK(all.success);
  CHECK(all.message == "测试通知已发送（2 个通知目标）");
  for (const std::string& text : {log.text(), r.message}) {
    CHECK(text.find("pushplus-secret-5") == std::string::npos);
    CHECK(text.find("hook-secret") == std::string::npos);
    CHECK(text.find("path-secret") == std::string::npos);
  }
}

TEST_CASE("test notification: nothing accepted, or no target at all, is not a success",
          "[notify][test_notification]") {
  TestDatabase t(Backend::kSqlite);
  auto db = t.open();
  const LocalSeconds now = when("2025-03-08 09:00:00");
  HttpReceiver bad;
  bad.respond(503, "");
  Config c = test::config_for(kMeter, "5-1-501", {test::webhook(bad)}, bad);

  TestNotificationResult r = send_test_notification(*db, c, kMeter, now);
  CHECK_FALSE(r.success);
  CHECK(r.message == "测试通知发送到 0/1 个通知目标；失败: webhook @127.0.0.1:" +
                         std::to_string(bad.port()) + ": HTTP 503");
  // No readings: the report says so.
  CHECK(r.report.find("昨日开始余额: 无读数") != std::string::npos);

  // A meter of the `meter` table without configured targets: its stored name.
  storage::MeterStore(*db).upsert(Meter{"18100000001", "六楼", true, now});
  r = send_test_notification(*db, c, "18100000001", now);
  CHECK_FALSE(r.success);
  CHECK(r.device_name == "六楼");
  CHECK(r.message == "该设备未配置通知目标（server_chan_key 或 notify）");
  CHECK(r.report.rfind("六楼（18100000001） 2025-03-07 用电日报\n", 0) == 0);
  CHECK(bad.requests().size() == 1);
}
