// Making and showing share links, the same for `ebill-api share` and the
// page's share management (/shares): input rules, the token, the URL and
// the JSON of a link. Errors as values (one sentence); storage failures
// throw like the stores.
#ifndef EBILL_API_ACCESS_SHARE_LINKS_H_
#define EBILL_API_ACCESS_SHARE_LINKS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "api/routing/json.h"
#include "common/base/result.h"
#include "common/storage/database.h"
#include "common/storage/share_store.h"

namespace ebill::api {

// How long a link lasts: "90d" (days, 1-3650), "12h" (hours, 1-87600) or
// "never" (nullopt); anything else is an error naming the forms.
Result<std::optional<std::int64_t>, std::string> parse_share_lifetime(std::string_view text);

struct ShareRequest {
  std::string meter_no;
  std::string label;                      // at most 100 characters, no control characters
  std::optional<std::int64_t> lifetime_s; // nullopt = never expires
  bool allow_fetch = false;
};

struct CreatedShare {
  storage::ShareLink link;
  std::string token;  // shown once; only its hash is stored
};

// Checks `request` (the meter must be in the meter table) and stores a new
// link created at `now` (Unix seconds).
Result<CreatedShare, std::string> create_share(storage::Database& db, const ShareRequest& request,
                                               std::int64_t now);

// A share link's id as typed ("12": a whole number >= 1), or nullopt.
std::optional<std::int64_t> parse_share_id(std::string_view text);

// "<public_url>/s/<token>", or "/s/<token>" when public_url is empty.
std::string share_url(const std::string& public_url, const std::string& token);

// "2026-03-01T04:00:00Z".
std::string utc_iso(std::int64_t unix_s);

// "active", "expired" or "revoked" at `now`.
std::string_view share_state(const storage::ShareLink& link, std::int64_t now);

// The link as a JSON object: id, device_id, label, allow_fetch, created_at,
// expires_at (null = never), revoked_at, state. Never the token.
void write_share(JsonWriter& json, const storage::ShareLink& link, std::int64_t now);

// Unix seconds now.
std::int64_t unix_now();

}  // namespace ebill::api

#endif  // EBILL_API_ACCESS_SHARE_LINKS_H_
