// The group robots of Chinese office messengers: WeChat Work (企业微信),
// DingTalk (钉钉) and Feishu (飞书). Each gets one plain text message; the
// optional signatures follow each service's documentation. Pure.
#ifndef EBILL_COMMON_NOTIFY_ROBOT_REQUESTS_H_
#define EBILL_COMMON_NOTIFY_ROBOT_REQUESTS_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "common/notify/http_request.h"

namespace ebill::notify {

// WeCom: {base}/cgi-bin/webhook/send?key={key},
// JSON {"msgtype":"text","text":{"content":text}}.
HttpRequest wecom_request(std::string_view base, const std::string& key, const std::string& text);

// DingTalk: {base}/robot/send?access_token={token}, JSON
// {"msgtype":"text","text":{"content":text}}; with a secret the query also has
// &timestamp={unix_ms}&sign={dingtalk_sign()}.
HttpRequest dingtalk_request(std::string_view base, const std::string& token,
                             const std::string& secret, const std::string& text,
                             std::int64_t unix_ms);
// urlencode(base64(HMAC-SHA256(key = secret, timestamp_ms + "\n" + secret))).
std::string dingtalk_sign(const std::string& secret, std::int64_t unix_ms);

// Feishu: {base}/open-apis/bot/v2/hook/{token}, JSON
// {"msg_type":"text","content":{"text":text}}; with a secret the body
// starts with "timestamp" (unix seconds, as a string) and "sign".
HttpRequest feishu_request(std::string_view base, const std::string& token,
                           const std::string& secret, const std::string& text,
                           std::int64_t unix_s);
// base64(HMAC-SHA256(key = timestamp_s + "\n" + secret, message "")).
std::string feishu_sign(const std::string& secret, std::int64_t unix_s);

}  // namespace ebill::notify

#endif  // EBILL_COMMON_NOTIFY_ROBOT_REQUESTS_H_
