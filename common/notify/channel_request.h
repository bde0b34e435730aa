// How one notice becomes one request (an HTTP POST or an e-mail) to one
// target, how a channel's answer is judged, and how a target is named in
// logs without its secrets. Pure: no network.
#ifndef EBILL_COMMON_NOTIFY_CHANNEL_REQUEST_H_
#define EBILL_COMMON_NOTIFY_CHANNEL_REQUEST_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "common/config/meter_config.h"
#include "common/config/settings.h"
#include "common/notify/http_request.h"
#include "common/notify/notice.h"

namespace ebill::notify {

// Server酱: {base}/{key}.send, form title & desp.
// webhook:  {url}, JSON {title, body, meter, kind}, optional Bearer token.
// ntfy:     {base}/{topic}, body = text, Title header (RFC 2047 UTF-8),
//           optional Bearer token.
// Bark:     {base}/push, JSON {device_key, title, body, group}.
// PushPlus: {base}/send, JSON {token, title, content, template: "txt"}.
// WeCom, DingTalk, Feishu: robot_requests.h; Telegram, WxPusher:
// push_app_requests.h (their text: title, empty line, body).
// email:    a MailRequest with mail_message().
// Base URLs come from `settings` (a trailing '/' is ignored); NOTIFY_CA_FILE
// goes into every request. `unix_ms` (now, ms since the Unix epoch) signs
// DingTalk/Feishu requests and dates e-mails.
ChannelRequest build_request(const NotifyTarget& target, const Notice& notice,
                             const NotifySettings& settings, std::int64_t unix_ms);

// Whether an HTTP answer means "delivered": a 2xx status and, when the body
// is a JSON object with the channel's result field, a success value there:
// Server酱, Bark, PushPlus `code` (Server酱 also `errno`) 0 or 200; WeCom and
// DingTalk `errcode` 0; Feishu `code` or `StatusCode` 0; WxPusher `code`
// 1000; Telegram `ok` true. Fills `why` otherwise (no secrets: the status and
// the service's message, cut to 120 bytes).
bool accepted(ChannelType type, long status, std::string_view body, std::string* why);

// "<channel> @<host>" (the webhook's or SMTP server's host, else the
// channel's base URL host): the only way a target appears in logs and
// answers. No key, token, topic, user, path or query.
std::string redacted_target(const NotifyTarget& target, const NotifySettings& settings);

}  // namespace ebill::notify

#endif  // EBILL_COMMON_NOTIFY_CHANNEL_REQUEST_H_
