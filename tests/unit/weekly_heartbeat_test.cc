// The weekly summary and the daily heartbeat: their schedule in the pure
// decision, their numbers from generated series, and their text.
#include <catch2/catch.hpp>

#include <map>
#include <vector>

#include "common/notify/alert_policy.h"
#include "common/notify/heartbeat.h"
#include "common/notify/notice_text.h"
#include "common/notify/weekly_report.h"
#include "common/usage/day_summary.h"
#include "tests/support/quiet_rules.h"
#include "tests/support/usage_samples.h"

using namespace ebill;
using namespace ebill::notify;
using ebill::test::at;
using ebill::test::day;
using ebill::test::reading;

namespace {

AlertRules weekly_only(int weekday, int minute) {
  AlertRules r = test::quiet_rules();
  r.weekly_day = weekday;
  r.weekly_minute = minute;
  return r;
}

std::vector<NoticeKind> kinds_at(NotifyState* state, const AlertRules& rules, const char* now) {
  Observation o;
  o.now = at(now);
  o.latest = reading(now, 5000);
  const Decision d = decide(*state, o, rules);
  *state = d.next;
  std::vector<NoticeKind> out;
  for (const Action& a : d.actions) out.push_back(a.kind);
  return out;
}

const std::vector<NoticeKind> kWeekly{NoticeKind::kWeeklyReport};
const std::vector<NoticeKind> kNothing;

}  // namespace

TEST_CASE("weekly: ISO weekdays of local days", "[notify][weekly]") {
  CHECK(iso_weekday(day("1970-01-01")) == 4);  // Thursday
  CHECK(iso_weekday(day("2025-03-10")) == 1);  // Monday
  CHECK(iso_weekday(day("2025-03-16")) == 7);  // Sunday
  CHECK(iso_weekday(day("2026-12-01")) == 2);  // Tuesday
}

TEST_CASE("weekly: sent once on its weekday in the catch-up window", "[notify][weekly]") {
  const AlertRules rules = weekly_only(1, 9 * 60);  // Monday 09:00
  NotifyState s;
  CHECK(kinds_at(&s, rules, "2025-03-09 09:30:00") == kNothing);  // Sunday
  CHECK(kinds_at(&s, rules, "2025-03-10 08:59:59") == kNothing);
  CHECK(kinds_at(&s, rules, "2025-03-10 09:00:00") == kWeekly);
  CHECK(kinds_at(&s, rules, "2025-03-10 09:10:00") == kNothing);  // the state remembers
  CHECK(kinds_at(&s, rules, "2025-03-11 09:10:00") == kNothing);  // Tuesday
  // The next Monday, only inside [09:00, 11:00).
  CHECK(kinds_at(&s, rules, "2025-03-17 11:00:00") == kNothing);
  CHECK(kinds_at(&s, rules, "2025-03-24 10:59:59") == kWeekly);
  AlertRules off = rules;
  off.weekly_minute = std::nullopt;
  NotifyState t;
  CHECK(kinds_at(&t, off, "2025-03-10 09:00:00") == kNothing);
}

TEST_CASE("weekly: the week's usage, cost and recharges vs the week before", "[notify][weekly]") {
  // 21 days of readings every hour: 0.25 kWh an hour the week before
  // (6.00 a day), 0.50 this week (12.00 a day), and a 100.00 kWh top-up on
  // Thursday 03-13 at 12:00 (its hidden hour: 0.50).
  std::vector<usage::Sample> samples;
  Hundredths balance = 100000;
  for (LocalSeconds t = at("2025-02-24 00:00:00"); t <= at("2025-03-17 09:00:00"); t += 3600) {
    const bool before = day_of(t) >= day("2025-03-03") && day_of(t) < day("2025-03-10");
    if (!samples.empty()) balance -= before ? 25 : 50;
    if (t == at("2025-03-13 12:00:00")) balance += 10000;
    samples.push_back({t, balance});
  }
  usage::UsageSettings settings;
  settings.gap_seconds = 2 * 3600;
  const LocalSeconds now = at("2025-03-17 09:00:00");  // Monday
  const std::vector<usage::DaySummary> days =
      usage::summarize_days(samples, weekly_first_day(now), 14, settings);
  const Reading current{"m", samples.back().at, samples.back().remain, 29415, 5883};
  const WeeklyReport r = weekly_report(days, current, now);
  CHECK(r.week.first == day("2025-03-10"));
  CHECK(r.week.last == day("2025-03-16"));
  CHECK(r.totals.usage == 7 * 24 * 50);
  CHECK(r.previous.usage == 7 * 24 * 25);
  CHECK(r.totals.recharge == 10000);
  CHECK(r.cost == 4942);  // 84.00 kWh x ¥0.5883 = ¥49.4172
  CHECK(r.recharge_cost == 5883);  // 100.00 kWh x ¥0.5883
  const Notice n = weekly_report_notice(MeterLabel{"m", "m"}, r);
  CHECK(n.kind == NoticeKind::kWeeklyReport);
  CHECK(n.title == "本周用电: 84.00 度（上周 42.00 度）");
  CHECK(n.body ==
        "m 2025-03-10 至 2025-03-16 用电周报\n"
        "本周用电: 84.00 度（约 ¥49.42）\n"
        "上周用电: 42.00 度（约 ¥24.71）\n"
        "较上周: +42.00 度（+100.00%）\n"
        "本周充值: 100.00 度（约 ¥58.83）\n"
        "当前余额: " + format_hundredths(samples.back().remain) + " 度 / ¥294.15（2025-03-17 09:00:00）");
}

TEST_CASE("heartbeat: counts the configured meters, the fresh ones and the newest reading",
          "[notify][heartbeat]") {
  std::vector<MeterConfig> meters(3);
  meters[0].id = "a";
  meters[1].id = "b";
  meters[2].id = "c";
  NotifyTarget hook;
  hook.type = ChannelType::kWebhook;
  hook.url = "http://127.0.0.1:1/hook";
  NotifyTarget other = hook;
  other.url = "http://127.0.0.1:2/hook";
  meters[0].notify = {hook};
  meters[1].notify = {other, hook};
  const LocalSeconds now = at("2025-03-10 08:00:00");
  std::map<std::string, MeterStatus> statuses;
  statuses["a"] = MeterStatus{"a", at("2025-03-10 07:59:00"), {}, "", 0};
  statuses["b"] = MeterStatus{"b", at("2025-03-10 07:00:00"), {}, "", 0};  // exactly 1 h: stale
  statuses["x"] = MeterStatus{"x", at("2025-03-10 07:59:59"), {}, "", 0};  // not configured
  const Heartbeat h = heartbeat_of(meters, statuses, now);
  CHECK(h == Heartbeat{now, 3, 1, at("2025-03-10 07:59:00"), "a"});
  CHECK(all_targets(meters) == std::vector<NotifyTarget>{hook, other});
  const Notice n = heartbeat_notice(h);
  CHECK(n.kind == NoticeKind::kHeartbeat);
  CHECK(n.meter_no.empty());
  CHECK(n.title == "ebill 运行正常: 1/3 块电表有读数");
  CHECK(n.body ==
        "ebill 监控运行中（2025-03-10 08:00:00）: 共 3 块电表，1 块最近 1 小时内有读数。\n"
        "最新读数: 2025-03-10 07:59:00（电表 a）");
  CHECK(scheduled_due(at("2025-03-10 08:00:00"), 8 * 60, std::nullopt));
  CHECK_FALSE(scheduled_due(at("2025-03-10 08:30:00"), 8 * 60, at("2025-03-10 08:00:00")));
  CHECK(scheduled_due(at("2025-03-11 08:30:00"), 8 * 60, at("2025-03-10 08:00:00")));
  CHECK_FALSE(scheduled_due(at("2025-03-10 10:00:00"), 8 * 60, std::nullopt));
}
