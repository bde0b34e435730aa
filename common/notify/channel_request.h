// How one notice becomes one HTTP request to one target, how a channel's
// answer is judged, and how a target is named in logs without its secrets.
// Pure: no network.
#ifndef EBILL_COMMON_NOTIFY_CHANNEL_REQUEST_H_
#define EBILL_COMMON_NOTIFY_CHANNEL_REQUEST_H_

#include <string>
#include <string_view>
#include <vector>

#include "common/config/meter_config.h"
#include "common/config/settings.h"
#include "common/notify/notice.h"

namespace ebill::notify {

// Always a POST. `url` and `headers` may hold secrets: never log them.
struct HttpRequest {
  std::string url;
  std::vector<std::string> headers;  // "Name: value"
  std::string body;
};

// Server酱: {base}/{key}.send, form title & desp.
// webhook:  {url}, JSON {title, body, meter, kind}, optional Bearer token.
// ntfy:     {base}/{topic}, body = text, Title header (RFC 2047 UTF-8),
//           optional Bearer token.
// Bark:     {base}/push, JSON {device_key, title, body, group}.
// PushPlus: {base}/send, JSON {token, title, content, template: "txt"}.
// Base URLs come from `settings` (a trailing '/' is ignored).
HttpRequest build_request(const NotifyTarget& target, const Notice& notice,
                          const NotifySettings& settings);

// Whether an answer means "delivered": a 2xx status and, for Server酱,
// Bark and PushPlus, a JSON `code` (or Server酱's `errno`) of 0 or 200 when
// the body is a JSON object that has one. Fills `why` otherwise (no secrets:
// the status and the service's `message`/`msg`, cut to 120 bytes).
bool accepted(ChannelType type, long status, std::string_view body, std::string* why);

// "<channel> @<host>" (webhook / ntfy / the channel's base URL host): the
// only way a target appears in logs and answers. No key, token, topic,
// path or query.
std::string redacted_target(const NotifyTarget& target, const NotifySettings& settings);

}  // namespace ebill::notify

#endif  // EBILL_COMMON_NOTIFY_CHANNEL_REQUEST_H_
