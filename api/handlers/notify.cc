// GET/POST /test_notification: sends a test message with the meter's current
// daily report to that meter's targets, answering as existing installations
// do: {success, message, device_name, report}.
#include "api/handlers/handlers.h"
#include "common/log/log.h"
#include "common/notify/test_notification.h"

namespace ebill::api {
namespace {

Response test_notification(const ApiContext& c, FetchGate& gate, const Request& request) {
  if (auto refusal = gate.refuse(request)) return std::move(*refusal);
  storage::Database& db = c.database.get();
  const Meter meter = c.meters.resolve(db, request.param("device_id"));
  // Sending holds a worker for up to NOTIFY_TIMEOUT_SECONDS per target: share
  // the manual-fetch slots so operators cannot tie up every worker.
  const FetchGate::Slot slot = gate.enter();
  if (!slot) return busy_response();
  if (const int wait = gate.reserve_test_notification(meter.meter_no); wait > 0) {
    return cooldown_response("meter " + meter.meter_no + " had a test notification moments ago", wait);
  }
  const notify::TestNotificationResult result =
      notify::send_test_notification(db, c.config, meter.meter_no, c.clock.now());
  log::info("api: test notification for {}: {}", meter.meter_no, result.message);
  JsonWriter json;
  json.begin_object();
  json.key("success").boolean(result.success);
  json.key("message").string(result.message);
  json.key("device_name").string(result.device_name);
  json.key("report").string(result.report);
  json.key("device_id").string(meter.meter_no);
  json.end_object();
  return json_response(json.take());
}

}  // namespace

void add_notify_route(Router& router, const ApiContext& context, FetchGate& gate) {
  const ApiContext* c = &context;
  FetchGate* g = &gate;
  auto handler = guard_storage([c, g](const Request& r) { return test_notification(*c, *g, r); });
  router.get("/test_notification", handler);
  router.post("/test_notification", handler);
}

}  // namespace ebill::api
