// GET/POST /test_notification: sends a test message with the meter's current
// daily report to that meter's targets, answering as existing installations
// do: {success, message, device_name, report}.
#include "api/handlers/handlers.h"
#include "api/handlers/operator_route.h"
#include "common/log/log.h"
#include "common/notify/test_notification.h"

namespace ebill::api {
namespace {

Response test_notification(const ApiContext& c, storage::Database& db, const Meter& meter) {
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
  // Sending holds a worker for up to NOTIFY_TIMEOUT_SECONDS per target.
  add_operator_route(router, "/test_notification", context, gate,
                     {&FetchGate::reserve_test_notification, "had a test notification"},
                     [c = &context](storage::Database& db, const Meter& meter) {
                       return test_notification(*c, db, meter);
                     });
}

}  // namespace ebill::api
