// /data, /kpi, /period_kpi and /recharge_history of the real ebill-api over a
// hand-made series, on SQLite and MariaDB, with the server under TZ=UTC and
// TZ=America/New_York (APP_TZ=Asia/Shanghai). Every expected number is
// derived by hand from the series below (docs/usage-semantics.md).
//
// Meter A1, unit price 0.5000 on every reading, one reading every 30 min
// (exactly GAP_MINUTES: normal steps) falling 0.10 kWh each, from
// 2025-03-03 08:00 (50.00, the first reading) to 2025-03-10 12:00 ("now"):
// - 03-03: first day of data; 08点 0.10 (08:00 has no predecessor), then
//   0.20 an hour → 3.10.
// - 03-04 23:30 → 03-06 00:30: no readings for 25 h (03-05 has none), the
//   balance falls 5.00: S(t) = 500 × (t − a) / 90000 gives 0.10 to 03-04
//   23点 (1,800 s), 0.20 to every hour of 03-05 (4.80) and 0.10 to 03-06
//   00点, all estimated. 03-04 = 4.80 + 0.10 = 4.90; 03-06 = 0.10 + 23 × 0.20 = 4.70.
// - 03-07 10:00: a recharge of 100.00 (09:30 30.50 → 10:00 130.50); 15:00 a
//   rise of 0.50 (jitter, below RECHARGE_MIN_KWH). Each rise hid the use of
//   its 30-minute step at the meter's rate (0.20 an hour: usage rule 2), so
//   both read 0.10 more: 100.10 and 0.60. 03-07 = 46 steps × 0.10 + 2 × 0.10
//   = 4.80.
// - 03-08: nothing between 09:00 and 13:00; the balance falls 4.00 over those
//   4 h: 1.00 to each of 09..12点 (estimated), 09点 also 0.10 from 08:30 → 09:00.
//   03-08 = 19 × 0.10 + 4.00 + 21 × 0.10 = 8.00.
// - 03-09: 4.80. 03-10 (today): 00..11点 0.20, 12点 0.10 → 2.50.
// Meter B2 has no readings.
#include <catch2/catch.hpp>

#include <map>

#include "common/storage/reading_store.h"
#include "tests/api/support/api_on_database.h"
#include "tests/support/http_client.h"

using namespace ebill;
using namespace ebill::test;

namespace {

constexpr const char* kNow = "2025-03-10 12:00:00";

LocalSeconds at(const std::string& text) { return parse_datetime(text).value(); }

// The series of meter A1, time → remain (hundredths).
std::map<LocalSeconds, Hundredths> series() {
  std::map<LocalSeconds, Hundredths> s;
  Hundredths remain = 5000;
  for (LocalSeconds t = at("2025-03-03 08:00:00"); t <= at(kNow); t += 1800) {
    if (t > at("2025-03-04 23:30:00") && t < at("2025-03-06 00:30:00")) continue;
    if (t > at("2025-03-08 09:00:00") && t < at("2025-03-08 13:00:00")) continue;
    if (!s.empty()) {
      if (t == at("2025-03-06 00:30:00")) {
        remain -= 500;
      } else if (t == at("2025-03-08 13:00:00")) {
        remain -= 400;
      } else if (t == at("2025-03-07 10:00:00")) {
        remain += 10000;
      } else if (t == at("2025-03-07 15:00:00")) {
        remain += 50;
      } else {
        remain -= 10;
      }
    }
    s[t] = remain;
  }
  return s;
}

void load(const TestDatabase& db) {
  auto open = db.open();
  std::vector<Reading> readings;
  for (const auto& [t, remain] : series()) {
    std::optional<Hundredths> money;
    if (t == at(kNow)) money = 5655;
    readings.push_back(Reading{"A1", t, remain, money, 5000});
  }
  storage::ReadingStore(*open).insert(readings);
}

double kwh(Hundredths h) { return static_cast<double>(h) / 100.0; }
double remain_at(const std::string& time) { return kwh(series().at(at(time))); }

// Balances of the 24 hours of `day` as the rules say, looked up in the
// series: hour 0 its first reading, other hours their last.
Amounts hour_balances(const std::string& day) {
  const auto s = series();
  Amounts out(24);
  for (int h = 0; h < 24; ++h) {
    const LocalSeconds start = at(day + " 00:00:00") + h * 3600;
    for (auto it = s.lower_bound(start); it != s.end() && it->first < start + 3600; ++it) {
      if (h == 0 && out[h]) break;
      out[h] = kwh(it->second);
    }
  }
  return out;
}

std::vector<std::string> hour_labels() {
  std::vector<std::string> labels;
  for (int h = 0; h < 24; ++h) labels.push_back((h < 10 ? "0" : "") + std::to_string(h) + "点");
  return labels;
}

Amounts costs(const Amounts& usage) {  // at 0.5000 yuan/kWh, half away from zero
  Amounts out;
  for (const auto& u : usage) {
    const auto h = static_cast<Hundredths>(*u * 100 + 0.5);
    out.push_back(static_cast<double>((h + 1) / 2) / 100.0);
  }
  return out;
}

struct Server {
  TestDatabase db;
  std::optional<ApiProcess> api;
  Server(Backend backend, const std::string& tz) : db(backend) {
    load(db);
    api.emplace(api_env(db, tz, kNow, "A1:一楼,B2:二楼"));
  }
  int port() const { return api->port(); }
};

void check_day(int port, const std::string& target, const std::string& date, const Amounts& usage,
               const Amounts& recharge, const std::vector<bool>& estimated, const Amounts& balances) {
  INFO(target);
  auto d = get_json(port, target);
  check_strings(d["labels"], hour_labels(), "labels");
  check_amounts(d["balances"], balances, "balances");
  check_amounts(d["usage"], usage, "usage");
  check_amounts(d["recharge"], recharge, "recharge");
  check_bools(d["estimated"], estimated, "estimated");
  check_amounts(d["cost"], costs(usage), "cost");
  check_amount(d, "unit_price", 0.5);
  check_string(d, "device_id", "A1");
  check_string(d, "period", "day");
  check_string(d, "date", date);
}

Amounts filled(double v, int n = 24) { return Amounts(n, v); }

}  // namespace

TEST_CASE("day views: recharge, multi-hour gap, no readings, first day, future", "[data]") {
  auto backend = GENERATE(Backend::kSqlite, Backend::kMariadb);
  auto tz = GENERATE(std::string("UTC"), std::string("America/New_York"));
  INFO(backend_name(backend) << " TZ=" << tz);
  Server s(backend, tz);

  // 03-07: recharge 100.10 at 10点, jitter 0.60 at 15点 (both hours: one
  // normal step of 0.10 and the 0.10 the rise's step hid).
  Amounts usage = filled(0.20), recharge = filled(0.0);
  recharge[10] = 100.10;
  recharge[15] = 0.60;
  check_day(s.port(), "/data?period=day&device_id=A1&date=2025-03-07", "2025-03-07", usage,
            recharge, std::vector<bool>(24, false), hour_balances("2025-03-07"));
  CHECK(hour_balances("2025-03-07")[10] == 130.40);  // the lookup itself

  // 03-08: the 09:00 → 13:00 gap.
  usage = filled(0.20);
  usage[9] = 1.10;
  usage[10] = usage[11] = usage[12] = 1.00;
  usage[13] = 0.10;
  std::vector<bool> estimated(24, false);
  estimated[9] = estimated[10] = estimated[11] = estimated[12] = true;
  Amounts balances = hour_balances("2025-03-08");
  CHECK(balances[9] == 126.50);
  CHECK_FALSE(balances[10]);
  check_day(s.port(), "/data?device_id=A1&date=2025-03-08", "2025-03-08", usage, filled(0.0),
            estimated, balances);

  // 03-05: no readings at all; 0.20 an hour from the 25-hour gap.
  check_day(s.port(), "/data?period=day&device_id=A1&date=2025-03-05", "2025-03-05", filled(0.20),
            filled(0.0), std::vector<bool>(24, true), Amounts(24));

  // 03-03: the first day of data.
  usage = filled(0.20);
  for (int h = 0; h < 8; ++h) usage[h] = 0.0;
  usage[8] = 0.10;
  balances = hour_balances("2025-03-03");
  CHECK(balances[8] == 49.90);
  check_day(s.port(), "/data?device_id=A1&date=2025-03-03", "2025-03-03", usage, filled(0.0),
            std::vector<bool>(24, false), balances);

  // A date in the future: nothing.
  check_day(s.port(), "/data?device_id=A1&date=2025-03-12", "2025-03-12", filled(0.0), filled(0.0),
            std::vector<bool>(24, false), Amounts(24));

  // Defaults: the first configured meter, today, day.
  usage = filled(0.0);
  for (int h = 0; h < 12; ++h) usage[h] = 0.20;
  usage[12] = 0.10;
  balances = hour_balances("2025-03-10");
  CHECK(balances[12] == 113.10);
  check_day(s.port(), "/data", "2025-03-10", usage, filled(0.0), std::vector<bool>(24, false),
            balances);
}

TEST_CASE("week and month views", "[data]") {
  auto backend = GENERATE(Backend::kSqlite, Backend::kMariadb);
  auto tz = GENERATE(std::string("UTC"), std::string("America/New_York"));
  INFO(backend_name(backend) << " TZ=" << tz);
  Server s(backend, tz);

  const std::vector<std::string> week_labels = {"2025-03-04", "2025-03-05", "2025-03-06",
                                                "2025-03-07", "2025-03-08", "2025-03-09",
                                                "2025-03-10"};
  const Amounts week_usage = {4.90, 4.80, 4.70, 4.80, 8.00, 4.80, 2.50};
  const Amounts week_balances = {remain_at("2025-03-04 23:30:00"), std::nullopt,
                                 remain_at("2025-03-06 23:30:00"), remain_at("2025-03-07 23:30:00"),
                                 remain_at("2025-03-08 23:30:00"), remain_at("2025-03-09 23:30:00"),
                                 remain_at(kNow)};
  CHECK(week_balances[3] == 128.40);
  CHECK(week_balances[6] == 113.10);
  const Amounts week_recharge = {0.0, 0.0, 0.0, 100.70, 0.0, 0.0, 0.0};
  const std::vector<bool> week_estimated = {true, true, true, false, true, false, false};

  auto w = get_json(s.port(), "/data?period=week&device_id=A1");
  check_strings(w["labels"], week_labels, "labels");
  check_amounts(w["balances"], week_balances, "balances");
  check_amounts(w["usage"], week_usage, "usage");
  check_amounts(w["recharge"], week_recharge, "recharge");
  check_bools(w["estimated"], week_estimated, "estimated");
  check_amounts(w["cost"], {2.45, 2.40, 2.35, 2.40, 4.00, 2.40, 1.25}, "cost");
  check_string(w, "period", "week");
  check_string(w, "date", "2025-03-10");

  // The month ending 03-10: 02-09 .. 03-10; nothing before 03-03.
  auto m = get_json(s.port(), "/data?period=month&device_id=A1&date=2025-03-10");
  std::vector<std::string> labels;
  for (int d = 9; d <= 28; ++d) labels.push_back("2025-02-" + std::string(d < 10 ? "0" : "") + std::to_string(d));
  for (int d = 1; d <= 10; ++d) labels.push_back("2025-03-0" + std::to_string(d));
  labels.back() = "2025-03-10";
  Amounts usage(30, 0.0), balances(30), recharge(30, 0.0);
  std::vector<bool> estimated(30, false);
  usage[22] = 3.10;  // 03-03
  balances[22] = remain_at("2025-03-03 23:30:00");
  CHECK(balances[22] == 46.90);
  for (int i = 0; i < 7; ++i) {
    usage[23 + i] = week_usage[i];
    balances[23 + i] = week_balances[i];
    recharge[23 + i] = week_recharge[i];
    estimated[23 + i] = week_estimated[i];
  }
  check_strings(m["labels"], labels, "labels");
  check_amounts(m["usage"], usage, "usage");
  check_amounts(m["balances"], balances, "balances");
  check_amounts(m["recharge"], recharge, "recharge");
  check_bools(m["estimated"], estimated, "estimated");
  check_string(m, "period", "month");

  // A meter without readings: empty view, no price, no cost.
  auto b = get_json(s.port(), "/data?period=week&device_id=B2");
  check_amounts(b["balances"], Amounts(7), "balances");
  check_amounts(b["usage"], Amounts(7, 0.0), "usage");
  CHECK(b["cost"].IsNull());
  CHECK(b["unit_price"].IsNull());
}

TEST_CASE("kpi and period_kpi", "[data]") {
  auto backend = GENERATE(Backend::kSqlite, Backend::kMariadb);
  auto tz = GENERATE(std::string("UTC"), std::string("America/New_York"));
  INFO(backend_name(backend) << " TZ=" << tz);
  Server s(backend, tz);

  auto k = get_json(s.port(), "/kpi?device_id=A1");
  check_amount(k, "current_balance", 113.10);
  check_amount(k, "target_date_last_balance", 113.10);
  check_amount(k, "yesterday_last_balance", 115.60);
  check_amount(k, "day_before_yesterday_last_balance", 120.40);
  check_amount(k, "usage_target", 2.50);
  check_amount(k, "usage_today", 2.50);
  check_amount(k, "usage_yesterday", 4.80);
  check_amount(k, "recharge_today", 0.0);
  // 03-03..03-09 with readings (03-05 has none): 30.30 kWh in 6 days;
  // 113.10 × 6 / 30.30 = 22.3960 days → 22.39, from 03-10 12:00 that is
  // 04-01 21:30; the average 5.05.
  check_amount(k, "days_left", 22.39);
  check_string(k, "depletion_date", "2025-04-01");
  check_amount(k, "average_daily_usage", 5.05);
  check_string(k, "last_reading_at", "2025-03-10 12:00:00");
  check_amount(k, "remain_money", 56.55);
  check_amount(k, "unit_price", 0.5);
  check_string(k, "device_id", "A1");
  check_string(k, "date", "2025-03-10");
  check_string(k, "tz", "Asia/Shanghai");
  check_string(k, "server_time", "2025-03-10T12:00:00+08:00");
  check_string(k, "today", "2025-03-10");

  // A past date with a recharge: 03-07.
  auto p = get_json(s.port(), "/kpi?device_id=A1&date=2025-03-07");
  check_amount(p, "current_balance", 113.10);
  check_amount(p, "target_date_last_balance", 128.40);
  check_amount(p, "yesterday_last_balance", 32.50);
  check_amount(p, "day_before_yesterday_last_balance", std::nullopt);  // 03-05
  check_amount(p, "usage_target", 4.80);
  check_amount(p, "usage_yesterday", 4.70);
  check_amount(p, "recharge_today", 100.70);
  check_amount(p, "days_left", 22.39);

  // The future: nothing on the day, 03-10 two days before.
  auto f = get_json(s.port(), "/kpi?device_id=A1&date=2025-03-12");
  check_amount(f, "usage_target", 0.0);
  check_amount(f, "usage_yesterday", 0.0);
  check_amount(f, "target_date_last_balance", std::nullopt);
  check_amount(f, "yesterday_last_balance", std::nullopt);
  check_amount(f, "day_before_yesterday_last_balance", 113.10);

  // No readings: nulls, no estimate.
  auto b = get_json(s.port(), "/kpi?device_id=B2");
  check_amount(b, "current_balance", std::nullopt);
  check_amount(b, "days_left", std::nullopt);
  check_string(b, "depletion_date", std::nullopt);
  check_string(b, "last_reading_at", std::nullopt);

  // Day: 03-10 (2.50) vs 03-09 (4.80); 03-09 until 12:00 = 24 steps = 2.40.
  auto d = get_json(s.port(), "/period_kpi?device_id=A1");
  check_string(d, "period", "day");
  check_amount(d, "current_usage", 2.50);
  check_amount(d, "previous_usage", 4.80);
  check_amount(d, "previous_usage_same_time", 2.40);
  // Week: 03-04..03-10 vs 02-25..03-03 (3.10); until 03-03 12:00: 7 steps.
  auto w = get_json(s.port(), "/period_kpi?period=week&device_id=A1");
  check_amount(w, "current_usage", 34.50);
  check_amount(w, "previous_usage", 3.10);
  check_amount(w, "previous_usage_same_time", 0.70);
  auto m = get_json(s.port(), "/period_kpi?period=month&device_id=A1");
  check_string(m, "period", "month");
  check_amount(m, "current_usage", 37.60);
  check_amount(m, "previous_usage", 0.0);
  check_amount(m, "previous_usage_same_time", 0.0);
}

TEST_CASE("recharge history", "[data]") {
  auto backend = GENERATE(Backend::kSqlite, Backend::kMariadb);
  INFO(backend_name(backend));
  Server s(backend, "America/New_York");

  auto h = get_json(s.port(), "/recharge_history?device_id=A1");
  REQUIRE(h["recharges"].Size() == 1);  // the 0.50 rise is jitter
  const auto& r = h["recharges"][0];
  check_string(r, "recharge_time", "2025-03-07 10:00:00");
  check_string(r, "recharge_date", "2025-03-07");
  check_amount(r, "recharge_amount", 100.10);  // with the 0.10 its step hid
  check_amount(r, "balance_before", 30.50);
  check_amount(r, "balance_after", 130.50);
  check_string(r, "device_id", "A1");
  CHECK(r["estimated"].GetBool() == false);
  check_amount(r, "recharge_money", 50.05);
  CHECK(h["total_count"].GetInt() == 1);
  CHECK(h["query_days"].GetInt() == 30);
  check_string(h, "device_id", "A1");

  // 03-08..03-10 holds none; 03-07..03-10 holds it.
  CHECK(get_json(s.port(), "/recharge_history?device_id=A1&days=3")["recharges"].Size() == 0);
  auto four = get_json(s.port(), "/recharge_history?device_id=A1&days=4&limit=1");
  CHECK(four["recharges"].Size() == 1);
  CHECK(four["query_days"].GetInt() == 4);
}

TEST_CASE("views read at most three queries", "[data]") {
  TestDatabase db(Backend::kSqlite);
  load(db);
  ApiProcess api(api_env(db, "UTC", kNow, "A1:一楼"));
  auto queries = [&] {
    auto body = get(api.port(), "/metrics").body;
    const std::string name = "\nebill_api_database_queries_total ";
    auto pos = body.find(name);
    REQUIRE(pos != std::string::npos);
    return std::stoll(body.substr(pos + name.size()));
  };
  get(api.port(), "/data");  // fills the meter cache
  for (const char* target : {"/data?device_id=A1", "/data?period=month&device_id=A1",
                             "/kpi?device_id=A1", "/period_kpi?period=week&device_id=A1",
                             "/recharge_history?device_id=A1"}) {
    INFO(target);
    const long long before = queries();
    REQUIRE(get(api.port(), target).status == 200);
    CHECK(queries() - before <= 3);
  }
}
