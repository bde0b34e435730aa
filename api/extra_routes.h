// Routes a build links in beyond the product's: ebill-api links none
// (api/no_extra_routes.cc); the test build ebill-api-test-server links the
// test routes (tests/api/test_server/test_routes.cc). Never both.
#ifndef EBILL_API_EXTRA_ROUTES_H_
#define EBILL_API_EXTRA_ROUTES_H_

#include "api/routing/router.h"

namespace ebill::api {

// Called once by main() after the product's routes are registered.
void add_extra_routes(Router& router);

}  // namespace ebill::api

#endif  // EBILL_API_EXTRA_ROUTES_H_
