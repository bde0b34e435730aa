// The alerts of issue 14 through the real ebill-collector, the real
// simulator and a local webhook receiver: 15 days of generated readings with
// one hour far above normal, the weekly summary and the heartbeat due now.
// Each arrives exactly once, and a restarted collector sends none again.
#include <catch2/catch.hpp>
#include <rapidjson/document.h>

#include <chrono>
#include <csignal>
#include <ctime>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include <fmt/format.h>

#include "common/storage/reading_store.h"
#include "common/time/time_zone.h"
#include "tests/collector/collector_harness.h"
#include "tests/support/http_receiver.h"
#include "tests/support/test_database.h"

using namespace ebill;
using namespace ebill::test;
using namespace std::chrono_literals;

namespace {

constexpr std::int64_t kStep = 600;
constexpr Hundredths kFlatStep = 5;     // 0.30 kWh an hour
constexpr Hundredths kHighStep = 100;   // 6.00 kWh in the abnormal hour
constexpr TenThousandths kPrice = 5883;  // ¥0.5883 per kWh

LocalSeconds local_now() { return to_local(std::time(nullptr)); }

// Waits until local time is at least 4 minutes from the end of an hour and
// of a day, so the whole test sees one "last closed hour" and one day.
LocalSeconds settled_now() {
  for (;;) {
    const LocalSeconds now = local_now();
    const std::int64_t into_hour = now % kSecondsPerHour;
    const std::int64_t into_day = now % kSecondsPerDay;
    if (into_hour < kSecondsPerHour - 240 && into_day >= 120) return now;
    std::this_thread::sleep_for(5s);
  }
}

// Readings every 10 minutes from day_start(today - 15) to the current hour's
// start: 0.30 kWh an hour, except the hour before the current one (6.00
// kWh), and a 100.00 kWh top-up at 12:00 three days ago.
std::vector<Reading> history(const std::string& meter, LocalSeconds now) {
  const LocalSeconds current_hour = hour_floor(now);
  const LocalSeconds topup = day_start(day_of(now) - 3) + 12 * kSecondsPerHour;
  std::vector<Reading> out;
  Hundredths remain = 200000;
  for (LocalSeconds t = day_start(day_of(now) - 15); t <= current_hour; t += kStep) {
    if (!out.empty()) remain -= hour_floor(t) == current_hour - kSecondsPerHour ? kHighStep : kFlatStep;
    if (t == topup) remain += 10000;
    out.push_back(Reading{meter, t, remain, cost_of(remain, kPrice), kPrice});
  }
  return out;
}

const char* weekday_word(LocalDay day) {
  static const char* kWords[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
  return kWords[((day + 3) % 7 + 7) % 7];
}

std::string clock_text(LocalSeconds t) {
  const CivilTime c = time_from_seconds(t);
  return fmt::format("{:02}:{:02}", c.hour, c.minute);
}

struct Received {
  std::string kind, title, body, meter;
};
std::vector<Received> received(const HttpReceiver& r) {
  std::vector<Received> out;
  for (const ReceivedRequest& q : r.requests()) {
    rapidjson::Document d;
    d.Parse(q.body.c_str());
    REQUIRE(d.IsObject());
    out.push_back({d["kind"].GetString(), d["title"].GetString(), d["body"].GetString(),
                   d["meter"].GetString()});
  }
  return out;
}

int count_kind(const std::vector<Received>& all, const std::string& kind) {
  int n = 0;
  for (const Received& r : all) n += r.kind == kind ? 1 : 0;
  return n;
}

const Received* find_kind(const std::vector<Received>& all, const std::string& kind) {
  for (const Received& r : all) {
    if (r.kind == kind) return &r;
  }
  return nullptr;
}

void wait_cycles(const std::string& log_path, std::size_t more) {
  const std::size_t before = cycle_lines(read_log(log_path)).size();
  REQUIRE(wait_until([&] { return cycle_lines(read_log(log_path)).size() >= before + more; }, 30s));
}

}  // namespace

TEST_CASE("abnormal usage, weekly summary and heartbeat arrive once across a restart",
          "[collector][notify][alerts][mariadb]") {
  const Backend backend = GENERATE(Backend::kSqlite, Backend::kMariadb);
  INFO(backend_name(backend));
  install_time_zone(kZone);
  const LocalSeconds now = settled_now();
  const std::string meter = meter_numbers(1).front();

  TestDatabase db(backend);
  {
    auto conn = db.open();
    storage::ReadingStore(*conn).insert(history(meter, now));
  }
  HttpReceiver receiver;
  SimProcess sim;
  const std::string dir = make_temp_dir("ebill-alerts");
  Env env = collector_env(sim, db.settings(), dir + "/spool", {meter});
  env["DEVICES_JSON"] = R"([{"id": ")" + meter + R"(", "name": "客厅", "notify": [{"type": "webhook", "url": ")" +
                        receiver.base_url() + R"(/hook"}]}])";
  env["ALERT_BALANCE_KWH"] = "0";
  env["ALERT_DAYS_LEFT"] = "0";
  env["ALERT_STALE_MINUTES"] = "0";
  env["DAILY_REPORT_TIME"] = "off";
  env["MAX_JUMP_KWH"] = "100000";  // the simulator's balance is not the generated one's
  env["WEEKLY_REPORT_DAY"] = weekday_word(day_of(now));
  env["WEEKLY_REPORT_TIME"] = clock_text(now - 60);
  env["HEARTBEAT_TIME"] = clock_text(now - 60);
  const std::string log_path = dir + "/collector.log";

  {
    ChildProcess collector(collector_binary(), {"--interval-seconds", "1"}, env, dir, log_path);
    REQUIRE(receiver.wait_for(3, 30s));
    wait_cycles(log_path, 3);  // nothing more comes in later cycles
    collector.signal(SIGTERM);
    REQUIRE(collector.wait_for(20s) == 0);
  }
  const std::vector<Received> first = received(receiver);
  REQUIRE(first.size() == 3);
  CHECK(count_kind(first, "abnormal_usage") == 1);
  CHECK(count_kind(first, "weekly_report") == 1);
  CHECK(count_kind(first, "heartbeat") == 1);

  // The abnormal hour: 6.00 kWh against a median of 0.30 for that hour.
  const LocalSeconds hour = hour_floor(now) - kSecondsPerHour;
  const Received* abnormal = find_kind(first, "abnormal_usage");
  REQUIRE(abnormal != nullptr);
  CHECK(abnormal->meter == meter);
  CHECK(abnormal->title == fmt::format("用电异常: {:02}点 6.00 度", time_from_seconds(hour).hour));
  CHECK(abnormal->body.find(format_datetime(hour).substr(0, 13) + ":00-") != std::string::npos);
  CHECK(abnormal->body.find("中位数 0.30 度，为其 20.00 倍") != std::string::npos);

  // The week before today: 7 days of 7.20 kWh (plus 5.70 when the abnormal
  // hour fell yesterday), the 7 before it the same; one 100.00 kWh top-up.
  const Hundredths week = 7 * 720 + (day_of(hour) == day_of(now) - 1 ? 570 : 0);
  const Received* weekly = find_kind(first, "weekly_report");
  REQUIRE(weekly != nullptr);
  CHECK(weekly->title == fmt::format("本周用电: {} 度（上周 50.40 度）", format_hundredths(week)));
  // Its ¥ at the unit price of the newest reading (the simulator's).
  std::optional<Reading> newest;
  {
    auto conn = db.open();
    newest = storage::ReadingStore(*conn).latest(meter);
  }
  REQUIRE(newest);
  REQUIRE(newest->unit_price);
  CHECK(weekly->body.find(fmt::format("本周充值: 100.00 度（约 ¥{}）",
                                      format_hundredths(*cost_of(10000, *newest->unit_price)))) !=
        std::string::npos);
  CHECK(weekly->body.find(fmt::format("{} 至 {}", format_day(day_of(now) - 7),
                                      format_day(day_of(now) - 1))) != std::string::npos);

  const Received* beat = find_kind(first, "heartbeat");
  REQUIRE(beat != nullptr);
  CHECK(beat->meter.empty());
  CHECK(beat->title == "ebill 运行正常: 1/1 块电表有读数");

  // A restarted collector (same database, same settings) sends none again.
  {
    ChildProcess collector(collector_binary(), {"--interval-seconds", "1"}, env, dir, log_path);
    wait_cycles(log_path, 4);
    collector.signal(SIGTERM);
    REQUIRE(collector.wait_for(20s) == 0);
  }
  const std::vector<Received> after = received(receiver);
  CHECK(count_kind(after, "abnormal_usage") == 1);
  CHECK(count_kind(after, "weekly_report") == 1);
  CHECK(count_kind(after, "heartbeat") == 1);
  CHECK(after.size() == 3);
  CHECK(hour_floor(local_now()) == hour_floor(now));  // the test stayed inside one hour
  if (std::getenv("KEEP") == nullptr) std::filesystem::remove_all(dir);
}

TEST_CASE("two sharded collectors send the heartbeat once and each meter's summary once",
          "[collector][notify][alerts][mariadb]") {
  install_time_zone(kZone);
  const LocalSeconds now = settled_now();
  const std::vector<std::string> meters = meter_numbers(4);
  TestDatabase db(Backend::kMariadb);
  {
    auto conn = db.open();
    std::vector<Reading> all;
    for (const std::string& m : meters) {
      const std::vector<Reading> h = history(m, now);
      all.insert(all.end(), h.begin(), h.end());
    }
    storage::ReadingStore(*conn).insert(all);
  }
  HttpReceiver receiver;
  SimProcess sim;
  const std::string dir = make_temp_dir("ebill-alerts-shards");
  Env env = collector_env(sim, db.settings(), dir + "/spool", meters);
  std::string devices;
  for (const std::string& m : meters) {
    devices += (devices.empty() ? "[" : ",") + std::string(R"({"id": ")") + m +
               R"(", "notify": [{"type": "webhook", "url": ")" + receiver.base_url() + R"(/hook"}]})";
  }
  env["DEVICES_JSON"] = devices + "]";
  env["ALERT_BALANCE_KWH"] = "0";
  env["ALERT_DAYS_LEFT"] = "0";
  env["ALERT_STALE_MINUTES"] = "0";
  env["ALERT_ABNORMAL_FACTOR"] = "0";  // off: this test counts the scheduled notices
  env["DAILY_REPORT_TIME"] = "off";
  env["MAX_JUMP_KWH"] = "100000";
  env["WEEKLY_REPORT_DAY"] = weekday_word(day_of(now));
  env["WEEKLY_REPORT_TIME"] = clock_text(now - 60);
  env["HEARTBEAT_TIME"] = clock_text(now - 60);
  Env shard0 = env, shard1 = env;
  shard0["COLLECTOR_SHARD"] = "0/2";
  shard1["COLLECTOR_SHARD"] = "1/2";
  shard1["SPOOL_DIR"] = dir + "/spool1";  // one spool per collector
  {
    ChildProcess a(collector_binary(), {"--interval-seconds", "1"}, shard0, dir, dir + "/a.log");
    ChildProcess b(collector_binary(), {"--interval-seconds", "1"}, shard1, dir, dir + "/b.log");
    REQUIRE(receiver.wait_for(5, 30s));  // 4 weekly summaries and 1 heartbeat
    wait_cycles(dir + "/a.log", 3);
    wait_cycles(dir + "/b.log", 3);
  }
  const std::vector<Received> all = received(receiver);
  CHECK(count_kind(all, "heartbeat") == 1);
  CHECK(count_kind(all, "abnormal_usage") == 0);
  for (const std::string& m : meters) {
    int weekly = 0;
    for (const Received& r : all) weekly += r.kind == "weekly_report" && r.meter == m ? 1 : 0;
    CHECK(weekly == 1);
  }
  CHECK(all.size() == 5);
  const Received* beat = find_kind(all, "heartbeat");
  REQUIRE(beat != nullptr);
  // It counts the whole fleet, both shards' meters (one of them may not be
  // read yet when the first cycle of the other sends it).
  CHECK(beat->body.find("共 4 块电表") != std::string::npos);
  if (std::getenv("KEEP") == nullptr) std::filesystem::remove_all(dir);
}

