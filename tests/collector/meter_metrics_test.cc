// The per-meter series of /metrics from a real SQLite database: balances,
// the consumption counter by the usage rules (never lower across a recharge,
// a gap and a restart), failures by reason, label escaping; and that every
// metric docs/grafana-dashboard.json queries is one the collector exports.
#include <catch2/catch.hpp>

#include <rapidjson/document.h>

#include <regex>
#include <set>
#include <string>

#include "collector/meter_metrics_observer.h"
#include "collector/metrics.h"
#include "common/storage/meter_store.h"
#include "common/storage/reading_store.h"
#include "common/time/time_zone.h"
#include "tests/collector/export_fixtures.h"
#include "tests/support/test_database.h"
#include "tests/support/test_paths.h"

using namespace ebill;
using namespace ebill::test;

namespace {

constexpr const char* kMeter = kExportMeter;
constexpr const char* kLabels = "{meter=\"19501609994\",name=\"佳丰南苑5-1-501-1\"}";

// The /metrics text after one cycle of `report` seen by a fresh collector.
std::string scrape(storage::Database& db, const collector::CycleReport& report, LocalSeconds now) {
  Config config;
  collector::Metrics metrics;
  metrics.record_cycle(report, 0);
  collector::MeterMetricsObserver observer(metrics);
  collector::ExportObserver exports(config);
  exports.add(&observer);
  FixedClock clock;
  clock.at = now;
  exports.after_cycle(report, clock, &db);
  return metrics.render();
}

bool has_line(const std::string& text, const std::string& line) {
  return text.find(line + "\n") != std::string::npos;
}

void walk_exprs(const rapidjson::Value& v, std::set<std::string>& names) {
  static const std::regex kName("ebill_[a-z_]+");
  if (v.IsObject()) {
    for (auto it = v.MemberBegin(); it != v.MemberEnd(); ++it) {
      if (std::string(it->name.GetString()) == "expr" && it->value.IsString()) {
        const std::string e = it->value.GetString();
        for (std::sregex_iterator m(e.begin(), e.end(), kName), end; m != end; ++m) {
          names.insert(m->str());
        }
      } else {
        walk_exprs(it->value, names);
      }
    }
  } else if (v.IsArray()) {
    for (const auto& item : v.GetArray()) walk_exprs(item, names);
  }
}

}  // namespace

TEST_CASE("label values escape backslash, quote and newline and keep UTF-8") {
  CHECK(collector::escape_label_value("佳丰南苑5-1-501-1") == "佳丰南苑5-1-501-1");
  CHECK(collector::escape_label_value("a\\b\"c\nd") == "a\\\\b\\\"c\\nd");
}

TEST_CASE("per-meter series come from the stored readings and survive a restart") {
  install_time_zone("Asia/Shanghai");
  TestDatabase t(Backend::kSqlite);
  auto db = t.open();
  storage::MeterStore(*db).upsert(std::vector<Meter>{{kMeter, "佳丰南苑5-1-501-1", true, 0},
                                                     {"19501600001", "off", false, 0}});
  storage::ReadingStore store(*db);
  // Falls: 1.00 + 0.50 + (recharge +50.00) + 0.50 + 2.00 (a gap) + 6.00
  // (an overnight gap) = 10.00 kWh.
  store.insert({reading("2025-03-07 08:00:00", 10000), reading("2025-03-07 08:10:00", 9900),
                reading("2025-03-07 08:20:00", 9850), reading("2025-03-07 08:30:00", 14850),
                reading("2025-03-07 08:40:00", 14800), reading("2025-03-07 12:00:00", 14600),
                reading("2025-03-08 09:00:00", 14000)});
  store.insert({Reading{"19501600001", at("2025-03-08 09:00:00"), 500, std::nullopt, std::nullopt}});

  collector::CycleReport report;
  report.database_up = true;
  collect::PollOutcome failed;
  failed.meter_no = kMeter;
  failed.error = collect::PollError::kTimeout;
  failed.reason = "timed out";
  report.outcomes = {failed};
  const LocalSeconds now = at("2025-03-08 09:05:00");

  const std::string text = scrape(*db, report, now);
  CHECK(has_line(text, std::string("ebill_meter_balance_kwh") + kLabels + " 140.00"));
  CHECK(has_line(text, std::string("ebill_meter_balance_yuan") + kLabels + " 280.00"));
  CHECK(has_line(text, std::string("ebill_meter_unit_price_yuan") + kLabels + " 0.5000"));
  CHECK(has_line(text, std::string("ebill_meter_consumed_kwh_total") + kLabels + " 10.00"));
  // 2025-03-08 09:00:00 +08:00 = 2025-03-08T01:00:00Z.
  CHECK(has_line(text, std::string("ebill_meter_last_reading_timestamp_seconds") + kLabels +
                           " 1741395600"));
  const std::string labels = std::string(kLabels).substr(0, std::string(kLabels).size() - 1);
  CHECK(has_line(text, "ebill_meter_fetch_failures_total" + labels + ",reason=\"timeout\"} 1"));
  CHECK(has_line(text, "ebill_meter_fetch_failures_total" + labels + ",reason=\"network\"} 0"));
  CHECK(has_line(text, "# TYPE ebill_meter_consumed_kwh_total counter"));
  CHECK(text.find("19501600001") == std::string::npos);  // disabled: no series

  // A recharge today, then a fall: the counter only grows, and a fresh
  // collector (a restart) reads the same value from the database. The
  // recharge step 09:00-09:10 hides the meter's use at its rate (rule 2: the
  // 21 h gap before it, 6.00 kWh, covers >= 6 h of the last 24 h), 600 s ×
  // 6.00 / 75,600 s = 0.0476 -> 0.05; then the 0.50 fall: 10.55.
  store.insert({reading("2025-03-08 09:10:00", 19000), reading("2025-03-08 09:20:00", 18950)});
  const std::string after = scrape(*db, report, at("2025-03-08 09:25:00"));
  CHECK(has_line(after, std::string("ebill_meter_consumed_kwh_total") + kLabels + " 10.55"));
  CHECK(has_line(after, std::string("ebill_meter_balance_kwh") + kLabels + " 189.50"));
  // Next day, nothing new: yesterday settles into a stored summary; same total.
  CHECK(has_line(scrape(*db, report, at("2025-03-09 10:00:00")),
                 std::string("ebill_meter_consumed_kwh_total") + kLabels + " 10.55"));
}

TEST_CASE("a cycle without the database keeps the last per-meter values") {
  collector::Metrics metrics;
  storage::MeterTotals totals;
  totals.latest = Reading{"M1", 0, 1234, std::nullopt, std::nullopt};
  metrics.set_meters({collector::MeterSeries{"M1", "n", totals}});
  Config config;
  collector::MeterMetricsObserver observer(metrics);
  collector::ExportObserver exports(config);
  exports.add(&observer);
  FixedClock clock;
  exports.after_cycle(collector::CycleReport{}, clock, nullptr);
  const std::string text = metrics.render();
  CHECK(has_line(text, "ebill_meter_balance_kwh{meter=\"M1\",name=\"n\"} 12.34"));
  CHECK(text.find("ebill_meter_balance_yuan{") == std::string::npos);  // not shown by the page
}

TEST_CASE("every metric the Grafana dashboard queries is one the collector exports") {
  rapidjson::Document doc;
  const std::string json = read_file(source_dir() + "/docs/grafana-dashboard.json");
  REQUIRE_FALSE(doc.Parse(json.c_str()).HasParseError());
  REQUIRE(doc.IsObject());
  CHECK(std::string(doc["uid"].GetString()) == "ebill-meters");
  std::set<std::string> queried;
  walk_exprs(doc, queried);
  REQUIRE(queried.size() >= 5);

  collector::Metrics metrics;
  storage::MeterTotals totals;
  totals.latest = Reading{"M1", 0, 100, 100, 5000};
  metrics.set_meters({collector::MeterSeries{"M1", "n", totals}});
  const std::string text = metrics.render();
  for (const std::string& name : queried) {
    INFO(name);
    CHECK(text.find("# TYPE " + name + " ") != std::string::npos);
  }
  // Every panel has a stable id, and the data source is the one variable.
  for (const auto& panel : doc["panels"].GetArray()) {
    CHECK(panel.HasMember("id"));
    CHECK(std::string(panel["datasource"]["uid"].GetString()) == "${datasource}");
  }
}
