// The abnormal-usage rule (common/notify/abnormal_usage.h) through the pure
// decision (alert_policy.h), on generated series: readings every 10 minutes
// whose hourly use follows a plan, with gaps and recharges where a test puts
// them; hour buckets from usage::attribute as the notifier loads them.
#include <catch2/catch.hpp>

#include <functional>
#include <vector>

#include "common/notify/alert_policy.h"
#include "common/notify/notice_text.h"
#include "common/usage/attribution.h"
#include "tests/support/quiet_rules.h"
#include "tests/support/usage_samples.h"

using namespace ebill;
using namespace ebill::notify;
using ebill::test::at;
using ebill::test::day;

namespace {

constexpr std::int64_t kStep = 600;  // a reading every 10 minutes

// A meter's readings, generated forward in time.
struct Series {
  std::vector<usage::Sample> samples;
  LocalSeconds t = 0;
  Hundredths balance = 500000;

  explicit Series(LocalSeconds start) : t(start) { samples.push_back({t, balance}); }
  // Readings until `until`, each showing per_hour(its hour of day) / 6 used
  // (a normal step's use belongs to the reading that shows it).
  void run(LocalSeconds until, const std::function<Hundredths(int)>& per_hour) {
    while (t + kStep <= until) {
      t += kStep;
      balance -= per_hour(static_cast<int>((t % kSecondsPerDay) / kSecondsPerHour)) / 6;
      samples.push_back({t, balance});
    }
  }
  // No readings for `seconds`; the first one after shows `used` less.
  void gap(std::int64_t seconds, Hundredths used) {
    t += seconds;
    balance -= used;
    samples.push_back({t, balance});
  }
  void recharge(Hundredths amount) {
    t += kStep;
    balance += amount;
    samples.push_back({t, balance});
  }
};

Hundredths flat(int) { return 30; }  // 0.30 kWh every hour

usage::UsageSettings settings() { return usage::UsageSettings{}; }  // GAP 30 minutes

AlertRules abnormal_only() {
  AlertRules r = test::quiet_rules();
  r.abnormal = AbnormalRules{300, 100};
  return r;
}

// The notifier's observation at `now`: the readings up to now and, when the
// rule is due, the hour buckets it loads.
Observation observe(const Series& s, const NotifyState& state, LocalSeconds now) {
  Observation o;
  o.now = now;
  std::vector<usage::Sample> seen;
  for (const usage::Sample& x : s.samples) {
    if (x.at <= now) seen.push_back(x);
  }
  o.latest = seen.back();
  o.last_success = o.latest->at;
  if (const std::optional<AbnormalDue> due = abnormal_due(state, o.latest->at)) {
    std::vector<LocalSeconds> edges;
    for (LocalSeconds e = day_start(due->load_from()); e <= due->end_hour; e += kSecondsPerHour) {
      edges.push_back(e);
    }
    o.hours = usage::attribute(seen, edges, settings());
    o.hours_loaded = true;
  }
  return o;
}

struct Run {
  NotifyState state;
  AlertRules rules = abnormal_only();
  std::vector<UsageVerdict> step(const Series& s, LocalSeconds now) {
    const Decision d = decide(state, observe(s, state, now), rules);
    state = d.next;
    std::vector<UsageVerdict> out;
    for (const Action& a : d.actions) {
      REQUIRE(a.kind == NoticeKind::kAbnormalUsage);
      out.push_back(*a.abnormal);
    }
    return out;
  }
};

// 14 flat days from 2025-03-01, then `last_day` with its own plan.
Series fourteen_flat_days_then(const std::function<Hundredths(int)>& last_day) {
  Series s(at("2025-03-01 00:00:00"));
  s.run(at("2025-03-15 00:00:00"), flat);
  s.run(at("2025-03-16 00:00:00"), last_day);
  s.run(at("2025-03-16 06:00:00"), flat);
  return s;
}

}  // namespace

TEST_CASE("abnormal: an hour episode fires once, ends at a normal hour, fires again",
          "[notify][abnormal]") {
  // 3.00 kWh in hours 10, 11 and 13 of 03-15, against a median of 0.30.
  Series s = fourteen_flat_days_then([](int h) { return h == 10 || h == 11 || h == 13 ? 300 : 30; });
  Run run;
  CHECK(run.step(s, at("2025-03-15 10:30:00")).empty());  // hour 9: normal
  const std::vector<UsageVerdict> first = run.step(s, at("2025-03-15 11:05:00"));
  REQUIRE(first.size() == 1);
  CHECK(first[0] == UsageVerdict{UsageSpan::kHour, at("2025-03-15 10:00:00"), 300, 30, 14, true});
  CHECK(run.state.abnormal_hour_active);
  CHECK(run.step(s, at("2025-03-15 11:40:00")).empty());  // same hour: not judged again
  CHECK(run.step(s, at("2025-03-15 12:05:00")).empty());  // hour 11: still the same episode
  CHECK(run.step(s, at("2025-03-15 13:05:00")).empty());  // hour 12 normal: the episode ends
  CHECK_FALSE(run.state.abnormal_hour_active);
  const std::vector<UsageVerdict> again = run.step(s, at("2025-03-15 14:05:00"));
  REQUIRE(again.size() == 1);
  CHECK(again[0].start == at("2025-03-15 13:00:00"));
}

TEST_CASE("abnormal: hours not loaded stay due until they are", "[notify][abnormal]") {
  Series s = fourteen_flat_days_then([](int h) { return h == 10 ? 300 : 30; });
  Run run;
  CHECK(run.step(s, at("2025-03-15 10:05:00")).empty());
  Observation o = observe(s, run.state, at("2025-03-15 11:05:00"));
  o.hours.clear();
  o.hours_loaded = false;  // the notifier's budget for this cycle was spent
  const Decision skipped = decide(run.state, o, run.rules);
  CHECK(skipped.actions.empty());
  CHECK(skipped.next.abnormal_hour_at == run.state.abnormal_hour_at);
  CHECK(skipped.next.abnormal_day_at == run.state.abnormal_day_at);
  const std::vector<UsageVerdict> v = run.step(s, at("2025-03-15 11:06:00"));
  REQUIRE(v.size() == 1);
  CHECK(v[0].start == at("2025-03-15 10:00:00"));
}

TEST_CASE("abnormal: hours missed while away are judged in order, an episode still once",
          "[notify][abnormal]") {
  Series s = fourteen_flat_days_then([](int h) { return h == 10 || h == 11 ? 300 : 30; });
  Run run;
  CHECK(run.step(s, at("2025-03-15 08:05:00")).empty());
  // Back at 13:05: hours 8..12 judged at once; 10 and 11 are one episode.
  const std::vector<UsageVerdict> v = run.step(s, at("2025-03-15 13:05:00"));
  REQUIRE(v.size() == 1);
  CHECK(v[0].start == at("2025-03-15 10:00:00"));
  CHECK(run.state.abnormal_hour_at == at("2025-03-15 12:00:00"));
  CHECK_FALSE(run.state.abnormal_hour_active);
}

TEST_CASE("abnormal: the median leaves out hours with gaps and recharges", "[notify][abnormal]") {
  // Hour 10 of 7 days is clean at 0.30; of 4 days it lies in a gap that hid
  // 6.00 kWh; of 3 days it holds a recharge after 2.50 kWh of use. Counted,
  // those would raise the median above 1.50 / 3.
  Series s(at("2025-03-01 00:00:00"));
  for (int d = 0; d < 14; ++d) {
    const LocalSeconds start = day_start(day("2025-03-01") + d);
    if (d % 2 == 0) {
      s.run(start + kSecondsPerDay, flat);
    } else if (d % 4 == 1) {
      s.run(start + 9 * kSecondsPerHour + 1800, flat);
      s.gap(2 * kSecondsPerHour, 600);
      s.run(start + kSecondsPerDay, flat);
    } else {
      s.run(start + 10 * kSecondsPerHour, flat);
      s.run(start + 10 * kSecondsPerHour + 1800, [](int) { return 500; });
      s.recharge(10000);
      s.run(start + kSecondsPerDay, flat);
    }
  }
  s.run(at("2025-03-16 00:00:00"), [](int h) { return h == 10 ? 150 : 30; });
  Run run;
  const std::vector<UsageVerdict> v = run.step(s, at("2025-03-15 11:05:00"));
  REQUIRE(v.size() == 1);
  CHECK(v[0].usage == 150);
  CHECK(v[0].median == 30);
  CHECK(v[0].baseline == 7);
}

TEST_CASE("abnormal: fewer than 7 clean days in the baseline judges nothing",
          "[notify][abnormal]") {
  // Only the 6 days before 03-15 have readings.
  Series s(at("2025-03-09 00:00:00"));
  s.run(at("2025-03-15 00:00:00"), flat);
  s.run(at("2025-03-16 00:00:00"), [](int h) { return h == 10 ? 600 : 30; });
  std::vector<LocalSeconds> edges;
  for (LocalSeconds e = at("2025-03-01 00:00:00"); e <= at("2025-03-16 00:00:00"); e += 3600) {
    edges.push_back(e);
  }
  const std::vector<usage::Bucket> by_hour = usage::attribute(s.samples, edges, settings());
  CHECK_FALSE(judge(by_hour, UsageSpan::kHour, at("2025-03-15 10:00:00"), AbnormalRules{}));
  // One more clean day (7) and it is judged.
  Series more(at("2025-03-08 00:00:00"));
  more.run(at("2025-03-15 00:00:00"), flat);
  more.run(at("2025-03-16 00:00:00"), [](int h) { return h == 10 ? 600 : 30; });
  const auto v = judge(usage::attribute(more.samples, edges, settings()), UsageSpan::kHour,
                       at("2025-03-15 10:00:00"), AbnormalRules{});
  REQUIRE(v);
  CHECK(v->baseline == 7);
  CHECK(v->abnormal);
}

TEST_CASE("abnormal: both thresholds are strict", "[notify][abnormal]") {
  const AbnormalRules r{300, 100};
  CHECK_FALSE(is_abnormal(150, 50, r));  // exactly 3x
  CHECK(is_abnormal(151, 50, r));
  CHECK_FALSE(is_abnormal(100, 20, r));  // 5x but exactly the 1.00 kWh floor
  CHECK(is_abnormal(101, 20, r));
  CHECK(is_abnormal(101, 0, r));  // a meter that used nothing before
  CHECK_FALSE(is_abnormal(250, 100, AbnormalRules{250, 100}));
  CHECK(is_abnormal(251, 100, AbnormalRules{250, 100}));
  CHECK_FALSE(is_abnormal(100000, 1, AbnormalRules{0, 0}));  // off
  CHECK(median_of({5, 1, 3}) == 3);
  CHECK(median_of({4, 1, 3, 2}) == 2);  // (2 + 3) / 2, rounded down
  CHECK_FALSE(median_of({}));
}

TEST_CASE("abnormal: an hour at exactly 3x the median is normal, a little more is not",
          "[notify][abnormal]") {
  // Median 1.20 kWh per hour; hour 10 uses 3.60 (3x) or 3.66.
  auto plan = [](Hundredths hour10) {
    return [hour10](int h) { return h == 10 ? hour10 : 120; };
  };
  Series exact(at("2025-03-01 00:00:00"));
  exact.run(at("2025-03-15 00:00:00"), plan(120));
  exact.run(at("2025-03-16 00:00:00"), plan(360));
  Run a;
  CHECK(a.step(exact, at("2025-03-15 11:05:00")).empty());
  Series above(at("2025-03-01 00:00:00"));
  above.run(at("2025-03-15 00:00:00"), plan(120));
  above.run(at("2025-03-16 00:00:00"), plan(366));
  Run b;
  const std::vector<UsageVerdict> v = b.step(above, at("2025-03-15 11:05:00"));
  REQUIRE(v.size() == 1);
  CHECK(v[0].median == 120);
  CHECK(v[0].usage == 366);
}

TEST_CASE("abnormal: a day far above the 14 days before alerts once, the next normal day ends it",
          "[notify][abnormal]") {
  // Days of 7.20 kWh; 03-15 and 03-16 use 1.32 kWh an hour (about 31.68),
  // 03-17 is normal again, 03-18 high again.
  auto high = [](int) { return Hundredths{132}; };
  Series s(at("2025-03-01 00:00:00"));
  s.run(at("2025-03-15 00:00:00"), flat);
  s.run(at("2025-03-17 00:00:00"), high);
  s.run(at("2025-03-18 00:00:00"), flat);
  s.run(at("2025-03-19 00:00:00"), high);
  s.run(at("2025-03-19 01:00:00"), flat);
  Run run;
  run.rules.abnormal.min_usage = 10000;  // hours (1.32) stay below: days only
  CHECK(run.step(s, at("2025-03-15 00:05:00")).empty());  // 03-14 is normal
  const std::vector<UsageVerdict> v = run.step(s, at("2025-03-16 00:05:00"));
  REQUIRE(v.size() == 0);  // about 31.68 is not above the 100.00 kWh floor
  Run days;
  days.rules.abnormal.min_usage = 2000;  // 20.00 kWh: above an hour, below a high day
  CHECK(days.step(s, at("2025-03-15 00:05:00")).empty());
  const std::vector<UsageVerdict> first = days.step(s, at("2025-03-16 00:05:00"));
  REQUIRE(first.size() == 1);
  // 03-15's first reading (00:00) closed the flat run: 0.05, then 143 of 0.22.
  CHECK(first[0] == UsageVerdict{UsageSpan::kDay, at("2025-03-15 00:00:00"), 5 + 143 * 22, 720,
                                 14, true});
  CHECK(days.step(s, at("2025-03-17 00:05:00")).empty());  // 03-16: same episode
  CHECK(days.step(s, at("2025-03-18 00:05:00")).empty());  // 03-17 normal: ends
  const std::vector<UsageVerdict> again = days.step(s, at("2025-03-19 00:05:00"));
  REQUIRE(again.size() == 1);
  CHECK(again[0].start == at("2025-03-18 00:00:00"));
}

TEST_CASE("abnormal: the alert's text names the hour, the usage, the median and the rule",
          "[notify][abnormal]") {
  const Notice n = abnormal_usage_notice(
      MeterLabel{"19500001", "客厅"},
      UsageVerdict{UsageSpan::kHour, at("2025-03-15 10:00:00"), 300, 30, 14, true},
      AbnormalRules{300, 100});
  CHECK(n.kind == NoticeKind::kAbnormalUsage);
  CHECK(n.title == "用电异常: 10点 3.00 度");
  CHECK(n.body ==
        "客厅（19500001） 2025-03-15 10:00-11:00 用电 3.00 度，近 14 天同一时段用电中位数 0.30 度，"
        "为其 10.00 倍。\n提醒条件: 超过中位数的 3.00 倍且超过 1.00 度。\n请检查是否有电器异常运行或漏电。");
  const Notice day = abnormal_usage_notice(
      MeterLabel{"19500001", "19500001"},
      UsageVerdict{UsageSpan::kDay, at("2025-03-15 00:00:00"), 3151, 720, 14, true},
      AbnormalRules{300, 100});
  CHECK(day.title == "用电异常: 2025-03-15 全天 31.51 度");
  CHECK(day.body.starts_with(
      "19500001 2025-03-15 用电 31.51 度，近 14 天每日用电中位数 7.20 度，为其 4.37 倍。\n"));
}

