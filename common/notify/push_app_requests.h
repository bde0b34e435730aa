// Push apps that deliver to chosen recipients through one token: Telegram
// bots and WxPusher (微信推送). Pure.
#ifndef EBILL_COMMON_NOTIFY_PUSH_APP_REQUESTS_H_
#define EBILL_COMMON_NOTIFY_PUSH_APP_REQUESTS_H_

#include <string>
#include <string_view>
#include <vector>

#include "common/notify/http_request.h"
#include "common/notify/notice.h"

namespace ebill::notify {

// Telegram: {base}/bot{token}/sendMessage, JSON {"chat_id", "text"} (plain
// text, no parse mode). The token is in the URL path: never log the URL.
HttpRequest telegram_request(std::string_view base, const std::string& token,
                             const std::string& chat_id, const std::string& text);

// WxPusher: {base}/api/send/message, JSON {"appToken", "content",
// "summary" (the title), "contentType": 1 (text), "uids": [..],
// "topicIds": [numbers]}; `topic_ids` hold digits only (checked at start).
HttpRequest wxpusher_request(std::string_view base, const std::string& app_token,
                             const std::vector<std::string>& uids,
                             const std::vector<std::string>& topic_ids, const Notice& notice);

}  // namespace ebill::notify

#endif  // EBILL_COMMON_NOTIFY_PUSH_APP_REQUESTS_H_
