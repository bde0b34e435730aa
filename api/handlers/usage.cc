// /data, /kpi, /period_kpi and /recharge_history: the usage views of one
// meter. Each reads through storage::UsageReader (closed days from the
// stored day summaries, raw readings only for what is not summarized and for
// the windows asked for; at most two queries, three for a recharge window
// across a gap) and computes its numbers with the pure common/usage math.
#include <algorithm>
#include <cctype>


#include "api/handlers/calendar_usage.h"
#include "api/handlers/handlers.h"
#include "api/routing/params.h"
#include "common/storage/reading_store.h"
#include "common/storage/usage_reader.h"
#include "common/usage/attribution.h"
#include "common/usage/kpi.h"
#include "common/usage/recharges.h"
#include "common/usage/views.h"

namespace ebill::api {
namespace {

Response data_view(const ApiContext& c, const Request& request, LocalSeconds now) {
  const Period period = period_param(request);
  const LocalDay date = date_param(request, "date", day_of(now));
  storage::Database& db = c.database.get();
  const Meter meter = c.meters.resolve(db, request.param("device_id"));
  if (period.calendar) {
    return json_response(calendar_data(db, meter.meter_no, period.name, *period.calendar, date));
  }

  std::vector<usage::ViewPoint> points;
  std::optional<TenThousandths> price;
  storage::UsageReader reader(db);
  if (period.days == 1) {
    // The day's readings; the price of the newest one that shows one (that
    // reading may lie just after the day).
    storage::UsageRequest reads;
    reads.windows.push_back({day_start(date), day_start(date + 1)});
    const storage::WindowReadings w = reader.read(meter.meter_no, reads).windows.at(0);
    points = usage::day_view(w.samples, date, c.usage());
    price = w.after && w.after->unit_price ? w.after->unit_price : w.unit_price;
  } else {
    // The days' summaries; the price of the reading just after them, else of
    // their newest one.
    storage::UsageRequest reads;
    reads.days.push_back({date - period.days + 1, date});
    reads.around.push_back(day_start(date + 1));
    const storage::UsageData d = reader.read(meter.meter_no, reads);
    points = usage::period_view(d.days, date, period.days);
    price = price_around(d.around.at(0));
  }

  JsonWriter json;
  json.begin_object();
  json.key("labels").begin_array();
  for (const auto& p : points) json.string(p.label);
  json.end_array().key("balances").begin_array();
  for (const auto& p : points) json.hundredths(p.balance);
  json.end_array().key("usage").begin_array();
  for (const auto& p : points) json.hundredths(p.usage);
  json.end_array().key("recharge").begin_array();
  for (const auto& p : points) json.hundredths(p.recharge);
  json.end_array().key("estimated").begin_array();
  for (const auto& p : points) json.boolean(p.estimated);
  json.end_array().key("cost");
  if (price) {
    json.begin_array();
    for (const auto& p : points) json.hundredths(cost_of(p.usage, *price));
    json.end_array();
  } else {
    json.null();
  }
  json.key("unit_price");
  write_unit_price(json, price);
  json.key("device_id").string(meter.meter_no);
  json.key("period").string(period.name);
  json.key("date").string(format_day(date));
  json.end_object();
  return json_response(json.take());
}

Response kpi(const ApiContext& c, const Request& request, LocalSeconds now) {
  const LocalDay today = day_of(now);
  const LocalDay target = date_param(request, "date", today);
  storage::Database& db = c.database.get();
  const Meter meter = c.meters.resolve(db, request.param("device_id"));

  storage::UsageRequest reads;
  reads.days = {{target - 2, target}, {today - 7, today}};
  reads.latest = true;
  const storage::UsageData d = storage::UsageReader(db).read(meter.meter_no, reads);
  const usage::DateKpis k = usage::date_kpis(d.days, target);
  std::optional<usage::DaysLeft> left;
  if (d.latest) left = usage::days_left({d.latest->collected_at, d.latest->remain}, d.days, today);

  JsonWriter json;
  json.begin_object();
  json.key("current_balance").hundredths(d.latest ? std::optional(d.latest->remain) : std::nullopt);
  json.key("target_date_last_balance").hundredths(k.target_last_balance);
  json.key("yesterday_last_balance").hundredths(k.yesterday_last_balance);
  json.key("day_before_yesterday_last_balance").hundredths(k.day_before_yesterday_last_balance);
  json.key("usage_target").hundredths(k.usage_target);
  json.key("usage_yesterday").hundredths(k.usage_yesterday);
  json.key("recharge_today").hundredths(usage::recharge_on(d.days, target));
  json.key("usage_today").hundredths(k.usage_target);
  json.key("days_left").hundredths(left ? std::optional(left->days_left) : std::nullopt);
  json.key("depletion_date")
      .string(left ? std::optional(format_day(left->run_out_day)) : std::nullopt);
  json.key("average_daily_usage")
      .hundredths(left ? std::optional(left->average_daily_usage) : std::nullopt);
  json.key("last_reading_at")
      .string(d.latest ? std::optional(format_datetime(d.latest->collected_at)) : std::nullopt);
  json.key("remain_money").hundredths(d.latest ? d.latest->remain_money : std::nullopt);
  json.key("unit_price");
  write_unit_price(json, d.latest ? d.latest->unit_price : std::nullopt);
  json.key("device_id").string(meter.meter_no);
  json.key("date").string(format_day(target));
  write_clock(json, c, now);
  json.end_object();
  return json_response(json.take());
}

// Usage of the `span_days` local days ending with day_of(now) vs the span
// before it, whole and cut at the same time of day (usage::compare_periods):
// stored summaries of the closed days, readings of today and of the cut day
// up to the same time of day.
usage::PeriodComparison compare_period(storage::Database& db, const std::string& meter,
                                       LocalSeconds now, int span_days,
                                       const usage::UsageSettings& settings) {
  const LocalDay today = day_of(now);
  const LocalSeconds from = day_start(today - 2 * span_days + 1);
  if (now <= from) return {};
  const LocalDay cut_day = today - span_days;
  const LocalSeconds cut = now - span_days * kSecondsPerDay;
  storage::UsageRequest reads;
  reads.days.push_back({today - 2 * span_days + 1, today});
  if (cut > day_start(cut_day)) reads.windows.push_back({day_start(cut_day), cut});
  const storage::UsageData d = storage::UsageReader(db).read(meter, reads);
  const Hundredths so_far =
      d.windows.empty()
          ? 0
          : usage::usage_between(d.windows[0].samples, day_start(cut_day), cut, settings);
  return usage::compare_periods(d.days, today, span_days, so_far);
}

Response period_kpi(const ApiContext& c, const Request& request, LocalSeconds now) {
  const Period period = period_param(request);
  storage::Database& db = c.database.get();
  const Meter meter = c.meters.resolve(db, request.param("device_id"));
  if (period.calendar) {
    return json_response(
        calendar_kpi(db, c, meter.meter_no, period.name, *period.calendar, now));
  }
  const usage::PeriodComparison p = compare_period(db, meter.meter_no, now, period.days, c.usage());

  JsonWriter json;
  json.begin_object();
  json.key("period").string(period.name);
  json.key("current_usage").hundredths(p.current_usage);
  json.key("previous_usage").hundredths(p.previous_usage);
  json.key("previous_usage_same_time").hundredths(p.previous_usage_same_time);
  json.key("device_id").string(meter.meter_no);
  json.end_object();
  return json_response(json.take());
}

Response recharge_history(const ApiContext& c, const Request& request, LocalSeconds now) {
  const long long days = int_param(request, "days", 30, 1, 3660);
  const long long limit = int_param(request, "limit", 50, 1, 1000);
  const LocalDay today = day_of(now);
  storage::Database& db = c.database.get();
  const Meter meter = c.meters.resolve(db, request.param("device_id"));

  // Only the days that hold a recharge are read; the price is of the first
  // reading after them, else of the newest before.
  const storage::UsageReader::RechargeWindows w =
      storage::UsageReader(db).recharge_windows(meter.meter_no, {today - days + 1, today});
  std::vector<usage::RechargeEvent> found;
  for (const storage::DayWindow& d : w.windows) {
    for (usage::RechargeEvent& e :
         usage::recharge_events(d.readings.samples, day_start(d.days.first),
                                day_start(d.days.last + 1), c.usage())) {
      found.push_back(e);
    }
  }
  const std::optional<TenThousandths> unit_price = price_around(w.end);
  std::vector<usage::RechargeEvent> events =
      usage::without_jitter(std::move(found), c.config.usage.recharge_min_kwh);
  std::reverse(events.begin(), events.end());

  JsonWriter json;
  json.begin_object();
  json.key("recharges").begin_array();
  const std::size_t shown = std::min(events.size(), static_cast<std::size_t>(limit));
  for (std::size_t i = 0; i < shown; ++i) {
    const usage::RechargeEvent& e = events[i];
    json.begin_object();
    json.key("recharge_time").string(format_datetime(e.at));
    json.key("recharge_date").string(format_day(day_of(e.at)));
    json.key("recharge_amount").hundredths(e.amount);
    json.key("balance_before").hundredths(e.balance_before);
    json.key("balance_after").hundredths(e.balance_after);
    json.key("device_id").string(meter.meter_no);
    json.key("estimated").boolean(e.estimated);
    if (unit_price) json.key("recharge_money").hundredths(cost_of(e.amount, *unit_price));
    json.end_object();
  }
  json.end_array();
  json.key("total_count").integer(static_cast<std::int64_t>(events.size()));
  json.key("query_days").integer(days);
  json.key("device_id").string(meter.meter_no);
  json.end_object();
  return json_response(json.take());
}

// The client asks for an answer no older than its request (`Cache-Control:
// no-cache` or `Pragma: no-cache`; a browser's fetch with cache 'no-store',
// as the page sends, adds both): the meter's marker is then read now, and on
// a Galera node after the node applied every write the cluster committed
// before (wsrep_sync_wait), so a reading just stored through another
// replica and node shows. Without it the markers' snapshot is used
// (VIEW_MARKER_REFRESH_MS).
bool wants_fresh(const Request& request) {
  for (const char* name : {"Cache-Control", "Pragma"}) {
    std::string value = request.header(name).value_or("");
    std::transform(value.begin(), value.end(), value.begin(),
                   [](unsigned char ch) { return static_cast<char>(std::tolower(ch)); });
    if (value.find("no-cache") != std::string::npos) return true;
  }
  return false;
}

// How an answer depends on the clock: through today's date only, or
// through the time to the second (a period cut at now, server_time).
enum class ClockUse { kToday, kSecond };

// The view cache's key of `request` for `meter_no` at `now`.
std::string view_key(const Request& request, const std::string& meter_no, ClockUse clock_use,
                     LocalSeconds now) {
  return request.target + '|' + meter_no + '|' +
         std::to_string(clock_use == ClockUse::kSecond ? now : day_start(day_of(now)));
}

// The answer stored for `key` under `marker`, if any.
std::optional<Response> stored_answer(const ApiContext& c, const std::string& key,
                                      storage::ChangeMarker marker) {
  std::optional<std::string> body = c.views.find(key, marker);
  if (!body) return std::nullopt;
  return json_response(std::move(*body));
}

// Runs `view` unless an answer to the same request, for the same meter and
// clock, was computed since the last reading was added (the readings'
// change marker from the view cache's snapshot, or read now when the client
// wants it fresh, before computing so a stored answer is never older than
// its marker). Its AtOnce is that stored answer when neither the marker nor
// the meter directory needs a read.
template <typename View>
void add_cached(Router& router, std::string path, const ApiContext* c, ClockUse clock_use,
                View view) {
  Handler handler = guard_storage([c, clock_use, view](const Request& request) {
    const LocalSeconds now = c->clock.now();
    std::string key;
    storage::ChangeMarker marker;
    try {
      storage::Database& db = c->database.get();
      const Meter meter = c->meters.resolve(db, request.param("device_id"));
      key = view_key(request, meter.meter_no, clock_use, now);
      marker = wants_fresh(request)
                   ? storage::ReadingStore(db).change_marker(
                         meter.meter_no, storage::ReadingStore::Freshness::kCausal)
                   : c->views.marker(meter.meter_no,
                                     [&] { return storage::ReadingStore(db).change_markers(); });
    } catch (...) {
      // The view itself answers, checking its parameters first (400 before
      // 503), with the status it decides.
      return view(*c, request, now);
    }
    if (std::optional<Response> stored = stored_answer(*c, key, marker)) return std::move(*stored);
    Response response = view(*c, request, now);
    if (response.status == 200 && !response.stream) c->views.put(key, marker, response.body);
    return response;
  });
  AtOnce at_once = [c, clock_use](const Request& request) -> std::optional<Response> {
    if (wants_fresh(request)) return std::nullopt;
    const std::optional<Meter> meter = c->meters.resolve_cached(request.param("device_id"));
    if (!meter) return std::nullopt;
    const std::optional<storage::ChangeMarker> marker = c->views.fresh_marker(meter->meter_no);
    if (!marker) return std::nullopt;
    return stored_answer(*c, view_key(request, meter->meter_no, clock_use, c->clock.now()), *marker);
  };
  router.get(std::move(path), std::move(handler), std::move(at_once));
}

}  // namespace

void add_usage_routes(Router& router, const ApiContext& context) {
  const ApiContext* c = &context;
  add_cached(router, "/data", c, ClockUse::kToday, data_view);
  add_cached(router, "/kpi", c, ClockUse::kSecond, kpi);
  add_cached(router, "/period_kpi", c, ClockUse::kSecond, period_kpi);
  add_cached(router, "/recharge_history", c, ClockUse::kToday, recharge_history);
}

}  // namespace ebill::api
