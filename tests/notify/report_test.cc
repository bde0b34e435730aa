// The daily report's numbers and wording for the known series of
// notify_fixture.h, computed by hand (docs/notifications.md, "A worked
// report"), read back through the real read path (SQLite and MariaDB), and
// the wording of the other notices.
#include <catch2/catch.hpp>

#include "common/notify/daily_report.h"
#include "common/notify/notice_text.h"
#include "common/notify/report_loader.h"
#include "common/storage/reading_store.h"
#include "tests/notify/notify_fixture.h"
#include "tests/support/test_database.h"

using namespace ebill;
using namespace ebill::notify;
using ebill::test::when;

namespace {

const MeterLabel kMeter{"19501609994", "5-1-501"};

// The report at `now` of a database holding `readings`, on `backend`.
DailyReport stored_report(test::Backend backend, const std::vector<Reading>& readings,
                          LocalSeconds now) {
  test::TestDatabase t(backend);
  std::unique_ptr<storage::Database> db = t.open();
  storage::ReadingStore(*db).insert(readings);
  return load_daily_report(*db, kMeter.meter_no, now);
}

}  // namespace

TEST_CASE("report: the numbers of a known series", "[notify][report]") {
  const test::Backend backend = GENERATE(test::Backend::kSqlite, test::Backend::kMariadb);
  INFO(test::backend_name(backend));
  const LocalSeconds now = when("2025-03-08 09:00:00");
  const DailyReport r = stored_report(backend, test::known_series(kMeter.meter_no, now), now);
  CHECK(r.day == day_from_date({2025, 3, 7}));
  CHECK(r.usage == 715);
  CHECK_FALSE(r.estimated);
  CHECK(r.start_balance == 16519);
  CHECK(r.end_balance == 25809);
  CHECK(r.recharge == 10000);
  REQUIRE(r.current.has_value());
  CHECK(*r.current == usage::Sample{now, 25479});
  CHECK(r.average_daily_usage == 595);
  REQUIRE(r.days_left.has_value());
  CHECK(r.days_left->days_left == 4276);
  CHECK(r.days_left->run_out_day == day_from_date({2025, 4, 20}));

  const Notice n = daily_report_notice(kMeter, r);
  CHECK(n.kind == NoticeKind::kDailyReport);
  CHECK(n.meter_no == kMeter.meter_no);
  CHECK(n.title == "昨日用电: 7.15 度");
  CHECK(n.body == test::kKnownReportText);
  CHECK(report_text(kMeter, r) == test::kKnownReportText);
}

TEST_CASE("report: readings after now are ignored, and a meter without data says so",
          "[notify][report]") {
  const test::Backend backend = GENERATE(test::Backend::kSqlite, test::Backend::kMariadb);
  INFO(test::backend_name(backend));
  const LocalSeconds now = when("2025-03-08 09:00:00");
  // Readings until 12:00 stored: the report at 09:00 is unchanged.
  const DailyReport r =
      stored_report(backend, test::known_series(kMeter.meter_no, now + 3 * 3600), now);
  CHECK(r.current->remain == 25479);
  CHECK(report_text(kMeter, r) == test::kKnownReportText);

  const DailyReport empty = stored_report(backend, {}, now);
  CHECK(report_text(MeterLabel{"42", "42"}, empty) ==
        "42 2025-03-07 用电日报\n"
        "昨日用电: 0.00 度\n"
        "昨日开始余额: 无读数\n"
        "昨日结束余额: 无读数\n"
        "昨日充值: 无\n"
        "近7日日均: 暂无数据\n"
        "预计可用: 暂无法估算");
}

TEST_CASE("report: the wording of alerts, recharges and source notices", "[notify][report]") {
  const usage::Sample current{when("2025-03-08 20:00:00"), 850};
  usage::DaysLeft dl;
  dl.days_left = 170;
  dl.run_out_day = day_from_date({2025, 3, 10});
  Notice n = low_balance_notice(kMeter, NoticeKind::kLowBalance, current, 1000, dl);
  CHECK(n.title == "余额不足: 剩余 8.50 度");
  CHECK(n.body ==
        "5-1-501（19501609994） 当前余额 8.50 度（2025-03-08 20:00:00），提醒阈值 10.00 度。\n"
        "预计可用: 1.70 天（约 2025-03-10 用完）\n"
        "请及时充值，以免停电。");
  n = low_balance_notice(kMeter, NoticeKind::kLowBalanceReminder, current, 1000, std::nullopt);
  CHECK(n.title == "余额不足提醒: 剩余 8.50 度");
  CHECK(n.kind == NoticeKind::kLowBalanceReminder);

  n = recharge_notice(kMeter, {when("2025-03-07 10:00:00"), 16474, 26474, 10000, false});
  CHECK(n.title == "充值到账: 100.00 度");
  CHECK(n.body ==
        "5-1-501（19501609994） 于 2025-03-07 10:00:00 充值 100.00 度\n"
        "充值前余额: 164.74 度\n"
        "充值后余额: 264.74 度");

  n = source_failing_notice(kMeter, when("2025-03-07 08:00:00"), when("2025-03-07 09:05:00"),
                            "timeout");
  CHECK(n.title == "数据源异常: 5-1-501");
  CHECK(n.body ==
        "5-1-501（19501609994） 已 65 分钟没有成功读数（最后成功: 2025-03-07 08:00:00）。\n"
        "最近错误: timeout");
  n = source_failing_notice(kMeter, std::nullopt, when("2025-03-07 09:05:00"), "");
  CHECK(n.body == "5-1-501（19501609994） 至今没有成功读数。");
  n = source_recovered_notice(kMeter, current);
  CHECK(n.title == "数据源恢复: 5-1-501");
  CHECK(n.body == "5-1-501（19501609994） 已恢复读数。\n当前余额: 8.50 度（2025-03-08 20:00:00）");
}
