// Routes that exist only for the HTTP tests (EBILL_API_TEST_ROUTES=1).
#ifndef EBILL_API_HANDLERS_TEST_HANDLERS_H_
#define EBILL_API_HANDLERS_TEST_HANDLERS_H_

#include "api/routing/router.h"

namespace ebill::api {

// GET /test/slow?ms=N: sleeps N milliseconds (at most 10,000) on the worker
// thread, then answers {"slept_ms": N}. GET /test/throw: a handler that
// throws (→ 500). GET /test/unavailable: throws HttpError 503.
void add_test_routes(Router& router);

}  // namespace ebill::api

#endif  // EBILL_API_HANDLERS_TEST_HANDLERS_H_
