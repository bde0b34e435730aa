// GET /overview: every meter of the fleet in one answer (docs/api-server.md),
// from at most 3 queries whatever their number: the stored day summaries and
// each meter's open day (storage::UsageReader::read_fleet), and the polling
// status; the meter list comes from the directory's cache. Days left follow
// /kpi's rule (usage::days_left). The rows are built for a list of meters so
// that an access layer can pass the meters a visitor may see.
#include <algorithm>
#include <map>

#include "api/handlers/handlers.h"
#include "common/storage/status_store.h"
#include "common/storage/usage_reader.h"
#include "common/usage/fleet.h"
#include "common/usage/kpi.h"

namespace ebill::api {
namespace {

struct Row {
  const Meter* meter = nullptr;
  std::string group;
  std::optional<Hundredths> balance, money;
  std::optional<TenThousandths> price;
  std::optional<LocalSeconds> last_at;
  std::optional<usage::DaysLeft> left;
  Hundredths today = 0, yesterday = 0;
  usage::SourceState state = usage::SourceState::kOk;
  bool low = false;
  int failures = 0;
};

struct Group {
  std::string name;
  int meters = 0, low = 0, attention = 0;
  Hundredths balance = 0, money = 0, today = 0, yesterday = 0;
};

Response overview(const ApiContext& c, const Request&) {
  const LocalSeconds now = c.clock.now();
  const LocalDay today = day_of(now);
  storage::Database& db = c.database.get();
  const std::vector<Meter> meters = c.meters.cached_list(db);
  std::map<std::string, storage::FleetMeterData> data = storage::UsageReader(db).read_fleet(today);
  std::map<std::string, MeterStatus> status;
  for (MeterStatus& s : storage::StatusStore(db).list()) status[s.meter_no] = std::move(s);
  std::map<std::string, const MeterConfig*> configured;
  for (const MeterConfig& m : c.config.meters) configured[m.id] = &m;

  std::vector<Row> rows;
  for (const Meter& m : meters) {
    Row r;
    r.meter = &m;
    const auto conf = configured.find(m.meter_no);
    const MeterConfig* mc = conf == configured.end() ? nullptr : conf->second;
    r.group = usage::group_of(mc ? mc->group : "", m.name);
    const auto d = data.find(m.meter_no);
    if (d != data.end()) {
      const storage::FleetMeterData& f = d->second;
      std::optional<usage::Sample> current = f.latest_known;
      if (f.latest) {
        current = usage::Sample{f.latest->collected_at, f.latest->remain};
        r.money = f.latest->remain_money;
        r.price = f.latest->unit_price;
      }
      if (current) {
        r.balance = current->remain;
        r.last_at = current->at;
        r.left = usage::days_left(*current, f.days, today);
      }
      const usage::DateKpis k = usage::date_kpis(f.days, today);
      r.today = k.usage_target;
      r.yesterday = k.usage_yesterday;
    }
    const auto s = status.find(m.meter_no);
    r.failures = s == status.end() ? 0 : s->second.consecutive_failures;
    r.state = usage::source_state(s == status.end() ? nullptr : &s->second, r.last_at, now,
                                  c.config.notify.alert_stale_minutes);
    const Hundredths threshold =
        mc && mc->alert_balance_kwh ? *mc->alert_balance_kwh : c.config.notify.alert_balance_kwh;
    r.low = (r.balance && *r.balance <= threshold) ||
            (r.left && c.config.notify.alert_days_left > 0 &&
             r.left->days_left <= c.config.notify.alert_days_left * 100);
    rows.push_back(std::move(r));
  }
  // Fewest days left first; unknown after known; then by name.
  std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    if (a.left.has_value() != b.left.has_value()) return a.left.has_value();
    if (a.left && a.left->days_left != b.left->days_left) {
      return a.left->days_left < b.left->days_left;
    }
    return a.meter->name < b.meter->name;
  });

  std::map<std::string, Group> groups;
  JsonWriter json;
  json.begin_object();
  json.key("meters").begin_array();
  for (const Row& r : rows) {
    Group& g = groups[r.group];
    g.name = r.group;
    ++g.meters;
    g.low += r.low ? 1 : 0;
    g.attention += r.state != usage::SourceState::kOk ? 1 : 0;
    g.balance += r.balance.value_or(0);
    g.money += r.money.value_or(0);
    g.today += r.today;
    g.yesterday += r.yesterday;
    json.begin_object();
    json.key("device_id").string(r.meter->meter_no);
    json.key("name").string(r.meter->name);
    json.key("group").string(r.group);
    json.key("enabled").boolean(r.meter->enabled);
    json.key("balance").hundredths(r.balance);
    json.key("remain_money").hundredths(r.money);
    json.key("unit_price");
    write_unit_price(json, r.price);
    json.key("days_left").hundredths(r.left ? std::optional(r.left->days_left) : std::nullopt);
    json.key("depletion_date")
        .string(r.left ? std::optional(format_day(r.left->run_out_day)) : std::nullopt);
    json.key("usage_today").hundredths(r.today);
    json.key("usage_yesterday").hundredths(r.yesterday);
    json.key("last_reading_at")
        .string(r.last_at ? std::optional(format_datetime(*r.last_at)) : std::nullopt);
    if (r.last_at) {
      json.key("reading_age_seconds").integer(now - *r.last_at);
    } else {
      json.key("reading_age_seconds").null();
    }
    json.key("status").string(std::string(usage::state_name(r.state)));
    json.key("consecutive_failures").integer(r.failures);
    json.key("low").boolean(r.low);
    json.end_object();
  }
  json.end_array();
  json.key("groups").begin_array();
  for (const auto& [name, g] : groups) {
    json.begin_object();
    json.key("name").string(name);
    json.key("meters").integer(g.meters);
    json.key("low").integer(g.low);
    json.key("attention").integer(g.attention);
    json.key("balance").hundredths(g.balance);
    json.key("remain_money").hundredths(g.money);
    json.key("usage_today").hundredths(g.today);
    json.key("usage_yesterday").hundredths(g.yesterday);
    json.end_object();
  }
  json.end_array();
  json.key("stale_minutes").integer(c.config.notify.alert_stale_minutes);
  write_clock(json, c, now);
  json.end_object();
  return json_response(json.take());
}

}  // namespace

void add_overview_route(Router& router, const ApiContext& context) {
  const ApiContext* c = &context;
  router.get("/overview", guard_storage([c](const Request& request) { return overview(*c, request); }));
}

}  // namespace ebill::api
