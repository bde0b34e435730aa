#include "common/notify/robot_requests.h"

#include "common/notify/encoding.h"
#include "common/notify/json_body.h"

namespace ebill::notify {

namespace {

// {"<type_key>":"text","<content_key>":{"<text_key>":text}} after `head`.
std::string text_message(const char* type_key, const char* content_key, const char* text_key,
                         const std::string& text,
                         std::initializer_list<std::pair<const char*, std::string>> head = {}) {
  rapidjson::StringBuffer out;
  JsonWriter w(out);
  w.StartObject();
  for (const auto& [k, v] : head) put_string(w, k, v);
  put_string(w, type_key, "text");
  w.Key(content_key);
  w.StartObject();
  put_string(w, text_key, text);
  w.EndObject();
  w.EndObject();
  return out.GetString();
}

HttpRequest json_post(std::string url, std::string body) {
  HttpRequest r;
  r.url = std::move(url);
  r.headers.push_back("Content-Type: application/json; charset=utf-8");
  r.body = std::move(body);
  return r;
}

}  // namespace

HttpRequest wecom_request(std::string_view base, const std::string& key, const std::string& text) {
  return json_post(std::string(base) + "/cgi-bin/webhook/send?key=" + url_escape(key),
                   text_message("msgtype", "text", "content", text));
}

std::string dingtalk_sign(const std::string& secret, std::int64_t unix_ms) {
  return url_escape(base64(hmac_sha256(secret, std::to_string(unix_ms) + "\n" + secret)));
}

HttpRequest dingtalk_request(std::string_view base, const std::string& token,
                             const std::string& secret, const std::string& text,
                             std::int64_t unix_ms) {
  std::string url = std::string(base) + "/robot/send?access_token=" + url_escape(token);
  if (!secret.empty()) {
    url += "&timestamp=" + std::to_string(unix_ms) + "&sign=" + dingtalk_sign(secret, unix_ms);
  }
  return json_post(std::move(url), text_message("msgtype", "text", "content", text));
}

std::string feishu_sign(const std::string& secret, std::int64_t unix_s) {
  return base64(hmac_sha256(std::to_string(unix_s) + "\n" + secret, ""));
}

HttpRequest feishu_request(std::string_view base, const std::string& token,
                           const std::string& secret, const std::string& text,
                           std::int64_t unix_s) {
  const std::string url = std::string(base) + "/open-apis/bot/v2/hook/" + url_escape(token);
  if (secret.empty()) return json_post(url, text_message("msg_type", "content", "text", text));
  return json_post(url, text_message("msg_type", "content", "text", text,
                                     {{"timestamp", std::to_string(unix_s)},
                                      {"sign", feishu_sign(secret, unix_s)}}));
}

}  // namespace ebill::notify
