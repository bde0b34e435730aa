// The pure notification decisions (common/notify/alert_policy.h): every rule
// with hand-made states and observations, no clock and no I/O.
#include <catch2/catch.hpp>

#include <vector>

#include "common/notify/alert_policy.h"
#include "tests/support/usage_samples.h"

using namespace ebill;
using namespace ebill::notify;
using ebill::test::at;
using ebill::test::reading;

namespace {

AlertRules rules_only_low() {
  AlertRules r;
  r.report_minute = std::nullopt;
  r.balance_kwh = 1000;
  r.days_left = 0;
  r.repeat_hours = 12;
  r.stale_minutes = 0;
  return r;
}

Observation seen(const char* now, Hundredths remain) {
  Observation o;
  o.now = at(now);
  o.latest = reading(now, remain);
  o.last_success = o.now;
  return o;
}

std::vector<NoticeKind> kinds(const Decision& d) {
  std::vector<NoticeKind> out;
  for (const Action& a : d.actions) out.push_back(a.kind);
  return out;
}

// Feeds observations in order, carrying the state; returns the kinds sent
// at each step.
struct Run {
  NotifyState state;
  AlertRules rules;
  std::vector<NoticeKind> step(const Observation& o) {
    const Decision d = decide(state, o, rules);
    state = d.next;
    return kinds(d);
  }
};

using Kinds = std::vector<NoticeKind>;
const Kinds kNone;

}  // namespace

TEST_CASE("policy: the daily report fires once at the configured time", "[notify][policy]") {
  Run run{{}, rules_only_low()};
  run.rules.report_minute = 9 * 60;
  CHECK(run.step(seen("2025-03-07 08:55:00", 5000)) == kNone);
  CHECK(run.step(seen("2025-03-07 08:59:59", 5000)) == kNone);
  CHECK(run.step(seen("2025-03-07 09:00:00", 5000)) == Kinds{NoticeKind::kDailyReport});
  CHECK(run.state.report_sent_at == at("2025-03-07 09:00:00"));
  CHECK(run.step(seen("2025-03-07 09:05:00", 5000)) == kNone);
  CHECK(run.step(seen("2025-03-07 10:30:00", 5000)) == kNone);
  CHECK(run.step(seen("2025-03-08 08:59:00", 5000)) == kNone);
  CHECK(run.step(seen("2025-03-08 09:03:00", 5000)) == Kinds{NoticeKind::kDailyReport});
  CHECK(run.step(seen("2025-03-08 09:08:00", 5000)) == kNone);
}

TEST_CASE("policy: a missed report is caught up for two hours, never later", "[notify][policy]") {
  AlertRules rules = rules_only_low();
  rules.report_minute = 9 * 60;
  // The collector was down at 09:00 and comes back within the window.
  CHECK(kinds(decide({}, seen("2025-03-07 10:59:59", 5000), rules)) ==
        Kinds{NoticeKind::kDailyReport});
  // ... or after it: nothing that day, and the state does not claim a report.
  const Decision late = decide({}, seen("2025-03-07 11:00:00", 5000), rules);
  CHECK(kinds(late) == kNone);
  CHECK_FALSE(late.next.report_sent_at.has_value());
  // A report time late in the evening: the window stops at midnight.
  rules.report_minute = 23 * 60 + 30;
  CHECK(kinds(decide({}, seen("2025-03-07 23:59:59", 5000), rules)) ==
        Kinds{NoticeKind::kDailyReport});
  CHECK(kinds(decide({}, seen("2025-03-08 00:10:00", 5000), rules)) == kNone);
  // Yesterday's report does not stop today's.
  NotifyState s;
  s.report_sent_at = at("2025-03-06 09:00:00");
  rules.report_minute = 9 * 60;
  CHECK(kinds(decide(s, seen("2025-03-07 09:00:00", 5000), rules)) ==
        Kinds{NoticeKind::kDailyReport});
}

TEST_CASE("policy: no report when off or without any reading", "[notify][policy]") {
  AlertRules rules = rules_only_low();
  CHECK(kinds(decide({}, seen("2025-03-07 09:00:00", 5000), rules)) == kNone);
  rules.report_minute = 9 * 60;
  Observation empty;
  empty.now = at("2025-03-07 09:00:00");
  const Decision d = decide({}, empty, rules);
  CHECK(kinds(d) == kNone);
  CHECK_FALSE(d.next.report_sent_at.has_value());
  CHECK(d.next.since == at("2025-03-07 09:00:00"));
}

TEST_CASE("policy: low balance alerts once on crossing, not on every reading",
          "[notify][policy]") {
  Run run{{}, rules_only_low()};
  CHECK(run.step(seen("2025-03-07 08:00:00", 1200)) == kNone);
  CHECK(run.step(seen("2025-03-07 08:05:00", 1000)) == kNone);  // not below 10.00
  CHECK(run.step(seen("2025-03-07 08:10:00", 999)) == Kinds{NoticeKind::kLowBalance});
  CHECK(run.state.low_active);
  CHECK(run.state.low_value == 999);
  CHECK(run.state.low_sent_at == at("2025-03-07 08:10:00"));
  CHECK(run.step(seen("2025-03-07 08:15:00", 990)) == kNone);
  CHECK(run.step(seen("2025-03-07 12:00:00", 700)) == kNone);
  // Jitter back above the threshold (but below threshold + margin) and down
  // again is the same crossing.
  CHECK(run.step(seen("2025-03-07 12:05:00", 1100)) == kNone);
  CHECK(run.step(seen("2025-03-07 12:10:00", 950)) == kNone);
}

TEST_CASE("policy: a reminder every ALERT_REPEAT_HOURS while low, none when 0",
          "[notify][policy]") {
  Run run{{}, rules_only_low()};
  CHECK(run.step(seen("2025-03-07 08:00:00", 900)) == Kinds{NoticeKind::kLowBalance});
  CHECK(run.step(seen("2025-03-07 19:59:59", 800)) == kNone);
  CHECK(run.step(seen("2025-03-07 20:00:00", 800)) == Kinds{NoticeKind::kLowBalanceReminder});
  CHECK(run.state.low_sent_at == at("2025-03-07 20:00:00"));
  CHECK(run.step(seen("2025-03-08 07:59:00", 700)) == kNone);
  CHECK(run.step(seen("2025-03-08 08:00:00", 700)) == Kinds{NoticeKind::kLowBalanceReminder});
  // Not low any more (but not re-armed either): no reminder.
  CHECK(run.step(seen("2025-03-08 20:00:00", 1100)) == kNone);
  CHECK(run.state.low_active);

  Run quiet{{}, rules_only_low()};
  quiet.rules.repeat_hours = 0;
  CHECK(quiet.step(seen("2025-03-07 08:00:00", 900)) == Kinds{NoticeKind::kLowBalance});
  CHECK(quiet.step(seen("2025-03-09 08:00:00", 800)) == kNone);
}

TEST_CASE("policy: re-armed only at threshold plus margin, then alerts again",
          "[notify][policy]") {
  Run run{{}, rules_only_low()};
  CHECK(run.step(seen("2025-03-07 08:00:00", 900)) == Kinds{NoticeKind::kLowBalance});
  // Threshold 10.00: margin max(2.00, 20 % = 2.00) -> 12.00.
  CHECK(run.step(seen("2025-03-07 09:00:00", 1199)) == kNone);
  CHECK(run.state.low_active);
  CHECK(run.step(seen("2025-03-07 09:05:00", 1200)) == kNone);
  CHECK_FALSE(run.state.low_active);
  CHECK(run.step(seen("2025-03-07 18:00:00", 999)) == Kinds{NoticeKind::kLowBalance});
  // A real recharge far above re-arms as well.
  CHECK(run.step(seen("2025-03-07 19:00:00", 10999)) == kNone);
  CHECK_FALSE(run.state.low_active);
}

TEST_CASE("policy: rearm_level is the higher base plus max(2.00, 20 %)", "[notify][policy]") {
  CHECK(rearm_level(1000, 900) == 1200);    // 10.00 + 2.00
  CHECK(rearm_level(5000, 100) == 6000);    // 50.00 + 10.00 (20 %)
  CHECK(rearm_level(1000, 1500) == 1800);   // alerted at 15.00 (days left): + 3.00
  CHECK(rearm_level(0, 0) == 200);
  CHECK(rearm_level(1001, 0) == 1201);      // 20 % of 10.01 floors to 2.00
}

TEST_CASE("policy: few days left alerts too, re-armed from the balance at the alert",
          "[notify][policy]") {
  Run run{{}, rules_only_low()};
  run.rules.days_left = 2;
  Observation o = seen("2025-03-07 08:00:00", 1500);
  o.days_left = 250;  // 2.50 days
  CHECK(run.step(o) == kNone);
  o = seen("2025-03-07 20:00:00", 1400);
  o.days_left = 199;
  CHECK(run.step(o) == Kinds{NoticeKind::kLowBalance});
  CHECK(run.state.low_value == 1400);
  // Days left recovers without a recharge (usage fell): still disarmed,
  // since 14.00 < 14.00 + 2.80.
  o = seen("2025-03-08 08:00:00", 1300);
  o.days_left = 300;
  CHECK(run.step(o) == kNone);
  CHECK(run.state.low_active);
  // Unknown days left is not low.
  o = seen("2025-03-08 09:00:00", 1290);
  CHECK_FALSE(is_low(o, run.rules));
  // A recharge to 16.80 re-arms.
  o = seen("2025-03-08 10:00:00", 1680);
  o.days_left = 500;
  CHECK(run.step(o) == kNone);
  CHECK_FALSE(run.state.low_active);
  // With ALERT_DAYS_LEFT = 0 the estimate is ignored.
  run.rules.days_left = 0;
  o = seen("2025-03-09 10:00:00", 1600);
  o.days_left = 10;
  CHECK(run.step(o) == kNone);
}

TEST_CASE("policy: recharges newer than the last examined reading are announced",
          "[notify][policy]") {
  Run run{{}, rules_only_low()};
  // First observation: older events are only marked seen.
  Observation o = seen("2025-03-07 08:00:00", 5000);
  o.recharges = {usage::RechargeEvent{at("2025-03-06 10:00:00"), 100, 5100, 5000, false}};
  CHECK(run.step(o) == kNone);
  CHECK(run.state.recharge_seen_at == at("2025-03-07 08:00:00"));

  const usage::RechargeEvent e{at("2025-03-07 08:10:00"), 4990, 14990, 10000, false};
  o = seen("2025-03-07 08:15:00", 14980);
  o.recharges = {usage::RechargeEvent{at("2025-03-07 08:00:00"), 1, 2, 1, false}, e};
  const Decision d = decide(run.state, o, run.rules);
  REQUIRE(kinds(d) == Kinds{NoticeKind::kRecharge});
  CHECK(d.actions[0].recharge == e);
  CHECK(d.next.recharge_seen_at == at("2025-03-07 08:15:00"));
  run.state = d.next;
  // The same event again (a repeated observation) is not announced twice.
  o = seen("2025-03-07 08:20:00", 14970);
  o.recharges = {e};
  CHECK(run.step(o) == kNone);
}

TEST_CASE("policy: source failing alerts once, and once on recovery", "[notify][policy]") {
  Run run{{}, rules_only_low()};
  run.rules.stale_minutes = 60;
  Observation o = seen("2025-03-07 08:00:00", 5000);
  CHECK(run.step(o) == kNone);
  o.now = at("2025-03-07 08:59:59");
  CHECK(run.step(o) == kNone);
  o.now = at("2025-03-07 09:00:00");
  CHECK(run.step(o) == Kinds{NoticeKind::kSourceFailing});
  CHECK(run.state.stale_active);
  o.now = at("2025-03-07 15:00:00");
  CHECK(run.step(o) == kNone);
  o = seen("2025-03-07 15:05:00", 4000);
  CHECK(run.step(o) == Kinds{NoticeKind::kSourceRecovered});
  CHECK_FALSE(run.state.stale_active);
  CHECK(run.step(seen("2025-03-07 15:10:00", 3990)) == kNone);
}

TEST_CASE("policy: a meter never read counts from when it was first watched, 0 is off",
          "[notify][policy]") {
  AlertRules rules = rules_only_low();
  rules.stale_minutes = 60;
  Observation o;
  o.now = at("2025-03-07 08:00:00");
  Decision d = decide({}, o, rules);
  CHECK(kinds(d) == kNone);
  CHECK(d.next.since == at("2025-03-07 08:00:00"));
  o.now = at("2025-03-07 09:00:00");
  d = decide(d.next, o, rules);
  CHECK(kinds(d) == Kinds{NoticeKind::kSourceFailing});
  rules.stale_minutes = 0;
  o.now = at("2025-03-08 09:00:00");
  CHECK(kinds(decide({}, o, rules)) == kNone);
}

TEST_CASE("policy: several notices in one observation come in a fixed order",
          "[notify][policy]") {
  AlertRules rules = rules_only_low();
  rules.report_minute = 9 * 60;
  rules.stale_minutes = 60;
  NotifyState s;
  s.since = at("2025-03-07 06:00:00");
  s.stale_active = true;
  s.recharge_seen_at = at("2025-03-07 07:00:00");
  Observation o = seen("2025-03-07 09:00:00", 800);
  o.recharges = {usage::RechargeEvent{at("2025-03-07 09:00:00"), 300, 800, 500, true}};
  const Decision d = decide(s, o, rules);
  CHECK(kinds(d) == Kinds{NoticeKind::kSourceRecovered, NoticeKind::kRecharge,
                          NoticeKind::kLowBalance, NoticeKind::kDailyReport});
  // Deciding again from the new state sends nothing: it is idempotent.
  CHECK(kinds(decide(d.next, o, rules)) == kNone);
}
