#include "api/handlers/operator_route.h"

#include <utility>

namespace ebill::api {
namespace {

Response admit(const ApiContext& c, FetchGate& gate, const OperatorCooldown& cooldown,
               const OperatorAction& action, const Request& request) {
  if (auto refusal = gate.refuse(request)) return std::move(*refusal);
  storage::Database& db = c.database.get();
  const Meter meter = c.meters.resolve(db, request.param("device_id"));
  // An operation holds a worker for up to its upstream's timeouts: the slots
  // keep operators from tying up every worker.
  const FetchGate::Slot slot = gate.enter();
  if (!slot) return busy_response();
  if (const int wait = (gate.*cooldown.reserve)(meter.meter_no); wait > 0) {
    return cooldown_response("meter " + meter.meter_no + " " + cooldown.recently + " moments ago",
                             wait);
  }
  return action(db, meter);
}

}  // namespace

void add_operator_route(Router& router, const std::string& path, const ApiContext& context,
                        FetchGate& gate, OperatorCooldown cooldown, OperatorAction action) {
  auto handler = guard_storage(
      [c = &context, g = &gate, cooldown, action = std::move(action)](const Request& r) {
        return admit(*c, *g, cooldown, action, r);
      });
  router.get(path, handler);
  router.post(path, handler);
}

}  // namespace ebill::api
