// The production ebill-api: no routes beyond the product's.
#include "api/extra_routes.h"

namespace ebill::api {

void add_extra_routes(Router&) {}

}  // namespace ebill::api
