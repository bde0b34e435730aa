// The data endpoints of ebill-api, registered on the App's router. Each
// handler runs through guard_storage(): database trouble is 503/500 JSON.
#ifndef EBILL_API_HANDLERS_HANDLERS_H_
#define EBILL_API_HANDLERS_HANDLERS_H_

#include "api/handlers/context.h"
#include "api/handlers/fetch_gate.h"
#include "api/routing/router.h"

namespace ebill::api {

// GET /data, /kpi, /period_kpi, /recharge_history (docs/api-server.md).
void add_usage_routes(Router& router, const ApiContext& context);
// GET /overview: every meter's balance, days left, usage and source state.
void add_overview_route(Router& router, const ApiContext& context);
// GET /devices, /export.
void add_meter_routes(Router& router, const ApiContext& context);
// GET and POST /fetch: token (401), per-meter cooldown (429), then the
// collector's fetch pipeline; 502/504 with the reason when it fails.
void add_fetch_route(Router& router, const ApiContext& context, FetchGate& gate);
// GET and POST /test_notification: token (401), then a test message with the
// meter's current report to its notification targets.
void add_notify_route(Router& router, const ApiContext& context, FetchGate& gate);
// GET /readyz, and /metrics with the database counters added.
void add_ops_routes(Router& router, const ApiContext& context);

}  // namespace ebill::api

#endif  // EBILL_API_HANDLERS_HANDLERS_H_
