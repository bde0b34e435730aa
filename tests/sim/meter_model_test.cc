// The simulator's model, pages, fault rules and history, without a network.
#include <catch2/catch.hpp>

#include <set>
#include <sstream>

#include "tests/sim/fault_mode.h"
#include "tests/sim/history.h"
#include "tests/sim/meter_model.h"
#include "tests/sim/page_render.h"

using namespace ebill;
using namespace ebill::sim;

namespace {

// 10.00 kWh a day, no day-to-day swing, 50.00 kWh at the epoch, recharge
// 100.00 kWh when the balance would fall below 10.00.
MeterParams flat_meter() {
  MeterParams p;
  p.daily_kwh = 1000;
  p.daily_swing = 0;
  p.initial = 5000;
  p.threshold = 1000;
  p.recharge = 10000;
  return p;
}

}  // namespace

TEST_CASE("model: balance follows the hourly profile, derived by hand") {
  const MeterParams p = flat_meter();
  CHECK(cumulative_use(p, 0) == 0);
  CHECK(cumulative_use(p, 2 * kSecondsPerDay) == 2000);
  // 07:30: hours 0..6 weigh 2+1+1+1+1+2+4 = 12 %, half of hour 7 (7 %) 3.5 %:
  // 15.5 % of 10.00 kWh = 1.55 kWh.
  CHECK(cumulative_use(p, 7 * kSecondsPerHour + 1800) == 155);
  CHECK(balance_at(p, 7 * kSecondsPerHour + 1800) == 4845);
  // The day before the epoch used 10.00 kWh too.
  CHECK(balance_at(p, -kSecondsPerDay) == 6000);
}

TEST_CASE("model: a recharge happens when the balance would fall below the threshold") {
  const MeterParams p = flat_meter();
  // Day 3 at noon: 3 * 10.00 + 40 % of 10.00 (hours 0..11 weigh 40) = 34.00
  // used, 16.00 left: no recharge yet.
  CHECK(recharges_by(p, 3 * kSecondsPerDay + 12 * kSecondsPerHour) == 0);
  CHECK(balance_at(p, 3 * kSecondsPerDay + 12 * kSecondsPerHour) == 1600);
  // Day 4 at noon: 44.00 used, 6.00 < 10.00: one recharge of 100.00.
  CHECK(recharges_by(p, 4 * kSecondsPerDay + 12 * kSecondsPerHour) == 1);
  CHECK(balance_at(p, 4 * kSecondsPerDay + 12 * kSecondsPerHour) == 10600);
}

TEST_CASE("model: a year of a seeded meter falls, peaks in the evening, recharges") {
  const MeterParams p = params_for(7, "19501609994");
  const LocalSeconds start = *parse_datetime("2025-01-01 00:00:00");
  Hundredths previous = balance_at(p, start);
  std::int64_t recharges_seen = 0;
  for (LocalSeconds t = start + 3600; t <= start + 365 * kSecondsPerDay; t += 3600) {
    const Hundredths b = balance_at(p, t);
    const std::int64_t new_recharges = recharges_by(p, t) - recharges_by(p, t - 3600);
    const Hundredths used = cumulative_use(p, t) - cumulative_use(p, t - 3600);
    REQUIRE(used >= 0);
    REQUIRE(b == previous - used + new_recharges * p.recharge);
    REQUIRE(b >= p.threshold);
    recharges_seen += new_recharges;
    previous = b;
  }
  CHECK(recharges_seen >= 1);
  // 03:00-04:00 weighs 1 %, 19:00-20:00 weighs 8 %.
  const LocalSeconds day = start + 10 * kSecondsPerDay;
  const Hundredths night = cumulative_use(p, day + 4 * 3600) - cumulative_use(p, day + 3 * 3600);
  const Hundredths evening = cumulative_use(p, day + 20 * 3600) - cumulative_use(p, day + 19 * 3600);
  CHECK(evening > 4 * night);
}

TEST_CASE("model: readings are a pure function of seed, meter and time") {
  const LocalSeconds t = *parse_datetime("2025-03-07 08:05:09");
  int differ = 0;
  for (int i = 0; i < 20; ++i) {
    const std::string m = "195016" + std::to_string(10000 + i);
    const Reading a = reading_at(1, m, t);
    CHECK(a == reading_at(1, m, t));
    CHECK(*a.remain_money == cost_of(a.remain, *a.unit_price));
    const auto prices = std::set<TenThousandths>{6000, 5283, 5500, 6170, 4880};
    CHECK(prices.count(*a.unit_price) == 1);
    if (reading_at(2, m, t).remain != a.remain) ++differ;
  }
  CHECK(differ > 0);
}

TEST_CASE("page: the recharge page in the site's shape") {
  const std::string page = render_page(PageData{"佳丰南苑5-1-501-1", "19501609994", 5236, 3142, 6000, true});
  CHECK(page.find(R"(<label id="metid" style="color:#333;">19501609994</label>)") != std::string::npos);
  CHECK(page.find(R"(<span>剩余电量:</span><label style="color:#f60;">52.36</label><span>kWh</span>)") != std::string::npos);
  CHECK(page.find(R"(<span>剩余金额:</span><label style="color:#f60;">31.42</label><span>元 </span>)") != std::string::npos);
  CHECK(page.find(R"(<span>综合费用:</span><label style="color:#333;">0.60</label><span>元/kWh</span>)") != std::string::npos);
  CHECK(page.find(R"(<label style="color:#333;">佳丰南苑5-1-501-1</label>)") != std::string::npos);
  // The meter number label is the only element with an id.
  CHECK(page.find(" id=") == page.rfind(" id="));
  CHECK(format_price(5283) == "0.5283");
  CHECK(format_price(5500) == "0.55");
  CHECK(format_price(10000) == "1.00");
  PageData no_balance{"x", "1", 1, 1, 6000, false};
  CHECK(render_page(no_balance).find("剩余电量") == std::string::npos);
}

TEST_CASE("faults: override, then global, then the longest suffix rule") {
  FaultRules rules;
  REQUIRE(rules.add_suffix_rules("3:http500,13:reset,,99:slow") == "");
  CHECK(rules.mode_for("1003") == FaultMode::kHttp500);
  CHECK(rules.mode_for("1013") == FaultMode::kReset);
  CHECK(rules.mode_for("1099") == FaultMode::kSlow);
  CHECK(rules.mode_for("1000") == FaultMode::kNone);
  rules.set_override("1000", FaultMode::kGarbled);
  CHECK(rules.mode_for("1000") == FaultMode::kGarbled);
  rules.set_global(FaultMode::kBlock);
  CHECK(rules.mode_for("1003") == FaultMode::kBlock);
  CHECK(rules.mode_for("1000") == FaultMode::kGarbled);
  rules.set_override("1000", FaultMode::kNone);
  rules.set_global(FaultMode::kNone);
  CHECK(rules.mode_for("1000") == FaultMode::kNone);
  CHECK(rules.add_suffix_rules("5:nosuchmode") != "");
  CHECK(rules.add_suffix_rules("http500") != "");
  for (auto name : all_fault_names()) CHECK(fault_name(*parse_fault(name)) == name);
}

TEST_CASE("history: one CSV row per meter and interval from the model") {
  std::ostringstream out;
  const LocalSeconds first = *parse_datetime("2025-03-01 00:00:00");
  write_history(out, 9, {"1001", "1002"}, first, first + 3600, 600);
  std::istringstream in(out.str());
  std::string line;
  std::vector<std::string> lines;
  while (std::getline(in, line)) lines.push_back(line);
  REQUIRE(lines.size() == 1 + 7 * 2);  // header, 00:00..01:00 every 10 min, 2 meters
  CHECK(lines[0] == "meter_no,collected_at,remain,remain_money,unit_price");
  const Reading r = reading_at(9, "1002", first + 600);
  CHECK(lines[4] == "1002,2025-03-01 00:10:00," + format_hundredths(r.remain) + "," +
                        format_hundredths(*r.remain_money) + "," + format_fixed(*r.unit_price, 4));
}
