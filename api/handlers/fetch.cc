// GET/POST /fetch: fetch one meter's page now, through the collector's
// pipeline (common/collect), store the reading and the attempt.
#include "api/handlers/handlers.h"
#include "api/handlers/operator_route.h"
#include "common/collect/fetcher_from_config.h"
#include "common/collect/poll.h"
#include "common/collect/record.h"
#include "common/log/log.h"
#include "common/storage/reading_store.h"

namespace ebill::api {
namespace {

Response fetch(const ApiContext& c, storage::Database& db, const Meter& meter) {
  const std::optional<Reading> latest = storage::ReadingStore(db).latest(meter.meter_no);
  PageFetcher fetcher(collect::fetcher_options(c.config.fetch, 1, 0));
  const collect::PollOutcome outcome =
      collect::poll_meter(fetcher, c.config.fetch, meter.meter_no, latest);
  const collect::Recorded recorded = collect::record_outcomes(db, {outcome});
  // The page refreshes next: its views must show this reading.
  c.views.invalidate_markers();

  if (!outcome.ok()) {
    const std::string why = collect::failure_text(outcome);
    log::warn("api: manual fetch of {} failed: {}", meter.meter_no, why);
    const int status = outcome.error == collect::PollError::kTimeout ? 504 : 502;
    return error_response(status, collect::poll_error_name(outcome.error), why);
  }
  const Reading& r = *outcome.reading;
  log::info("api: manual fetch of {}: {} kWh", meter.meter_no, format_hundredths(r.remain));
  JsonWriter json;
  json.begin_object();
  json.key("message").string("抓取成功");
  json.key("device_id").string(meter.meter_no);
  json.key("balance").hundredths(r.remain);
  json.key("remain_money").hundredths(r.remain_money);
  json.key("unit_price");
  write_unit_price(json, r.unit_price);
  json.key("collected_at").string(format_datetime(r.collected_at));
  json.key("stored").boolean(recorded.new_readings > 0);
  json.end_object();
  return json_response(json.take());
}

}  // namespace

void add_fetch_route(Router& router, const ApiContext& context, FetchGate& gate) {
  add_operator_route(router, "/fetch", context, gate, {&FetchGate::reserve, "was fetched"},
                     [c = &context](storage::Database& db, const Meter& meter) {
                       return fetch(*c, db, meter);
                     });
}

}  // namespace ebill::api
