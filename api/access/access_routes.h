// The routes of the access modes (docs/access.md):
//   GET  /auth/session   who the caller is: {"mode","role","device_id","allow_fetch"}
//   POST /auth/signin    token=<ADMIN_TOKEN> (form): the admin's cookie; 401 wrong, 429 limited
//   POST /auth/signout   deletes the cookie
//   GET  /shares, POST /shares (device_id, label, expires, allow_fetch),
//   POST /shares/revoke (id): the admin's share links
// Only /auth/session exists in open mode. POSTs answer 403 cross_site unless
// same-site (same_site(), as the operator routes).
#ifndef EBILL_API_ACCESS_ACCESS_ROUTES_H_
#define EBILL_API_ACCESS_ACCESS_ROUTES_H_

#include "api/access/access_gate.h"
#include "api/routing/router.h"

namespace ebill::api {

void add_access_routes(Router& router, const AccessGate& gate);

}  // namespace ebill::api

#endif  // EBILL_API_ACCESS_ACCESS_ROUTES_H_
