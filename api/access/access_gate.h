// Who sees what (ACCESS_MODE, docs/access.md). Consulted for every request
// before routing (OPTIONS and malformed targets aside):
// - open: nothing is checked and nothing changes.
// - private / shared: the admin (session cookie, or Authorization: Bearer
//   ADMIN_TOKEN) sees everything; /healthz, /readyz, the sign-in page, the
//   page's static assets and /auth/* need nobody. Anyone else gets 401 JSON
//   from an API route, or a 303 to /signin.html for a page.
// - shared: a share link's cookie (set by GET /s/<token>) is a tenant of one
//   meter: device_id defaults to it, any other valid id answers the 404 of a
//   nonexistent meter, /devices lists only it (request.access.only_meter),
//   /fetch and /test_notification only with --allow-fetch, every other route
//   403. Its link is read from the table on every request, so a revoked or
//   expired link stops at once on every replica.
// A wrong Bearer token counts against the client address (FailureLimiter).
// Thread-safe. Reads the database only for a share link (its row, and /s/);
// everything else (open mode, the admin's cookie or token, refusals) is
// decided from the request alone, so the session can ask at once.
#ifndef EBILL_API_ACCESS_ACCESS_GATE_H_
#define EBILL_API_ACCESS_ACCESS_GATE_H_

#include <cstdint>
#include <optional>
#include <string>

#include "api/access/failure_limiter.h"
#include "api/handlers/database_handle.h"
#include "api/server/http_types.h"
#include "common/config/settings.h"
#include "common/storage/share_store.h"

namespace ebill::api {

class AccessGate {
 public:
  // All must outlive the gate.
  AccessGate(const ApiSettings& settings, DatabaseHandle& database, FailureLimiter& failures);

  // kLetOn: the request goes on (request.access filled in, request.query's
  // device_id set to a tenant's meter when absent); kAnswer: send the
  // answer. `route`: the path is an API route (not a static file). With
  // `may_block` false, kNeedsIo instead of reading the database, having
  // counted and changed nothing.
  Admission admit(Request& request, bool route, bool may_block = true) const;

  // The sign-in cookie's signing key ("" in open mode).
  const std::string& key() const { return key_; }
  AccessMode mode() const { return settings_.access_mode; }
  const ApiSettings& settings() const { return settings_; }
  DatabaseHandle& database() const { return database_; }
  FailureLimiter& failures() const { return failures_; }

 private:
  struct Caller;
  Caller identify(const Request& request, bool count_failures, bool may_block) const;
  Response open_share_link(const Request& request, std::string_view token) const;
  std::optional<Response> scope_tenant(Request& request, bool route, const storage::ShareLink& link) const;

  const ApiSettings& settings_;
  DatabaseHandle& database_;
  FailureLimiter& failures_;
  std::string key_;
};

// True for what the page needs before anyone signs in: the sign-in page,
// the hashed assets, icons, manifest and service worker, /healthz, /readyz.
bool public_path(std::string_view path);

}  // namespace ebill::api

#endif  // EBILL_API_ACCESS_ACCESS_GATE_H_
