// The opening /fetch and /test_notification share, and their registration
// (GET and POST, storage failures mapped by guard_storage()).
#ifndef EBILL_API_HANDLERS_OPERATOR_ROUTE_H_
#define EBILL_API_HANDLERS_OPERATOR_ROUTE_H_

#include <functional>
#include <string>

#include "api/handlers/context.h"
#include "api/handlers/fetch_gate.h"
#include "api/routing/router.h"

namespace ebill::api {

// Which per-meter cooldown of the FetchGate an operator route takes, and how
// its 429 names what happened moments ago ("was fetched").
struct OperatorCooldown {
  int (FetchGate::*reserve)(const std::string& meter_no);
  const char* recently;
};

// What the route does once admitted: runs while it holds an operator slot.
using OperatorAction = std::function<Response(storage::Database& db, const Meter& meter)>;

// Registers GET and POST `path`: in order, the gate's refusal (403, 429 for
// wrong tokens, 401), the meter of `device_id` (400, 404), a free operator
// slot (429 busy), the meter's cooldown (429 "meter N <recently> moments
// ago" with Retry-After); then `action`. `context` and `gate` must outlive
// the router.
void add_operator_route(Router& router, const std::string& path, const ApiContext& context,
                        FetchGate& gate, OperatorCooldown cooldown, OperatorAction action);

}  // namespace ebill::api

#endif  // EBILL_API_HANDLERS_OPERATOR_ROUTE_H_
