#include "common/notify/push_app_requests.h"

#include <cstdlib>

#include "common/notify/json_body.h"

namespace ebill::notify {

HttpRequest telegram_request(std::string_view base, const std::string& token,
                             const std::string& chat_id, const std::string& text) {
  rapidjson::StringBuffer out;
  JsonWriter w(out);
  w.StartObject();
  put_string(w, "chat_id", chat_id);
  put_string(w, "text", text);
  w.EndObject();
  HttpRequest r;
  r.url = std::string(base) + "/bot" + token + "/sendMessage";
  r.headers.push_back("Content-Type: application/json; charset=utf-8");
  r.body = out.GetString();
  return r;
}

HttpRequest wxpusher_request(std::string_view base, const std::string& app_token,
                             const std::vector<std::string>& uids,
                             const std::vector<std::string>& topic_ids, const Notice& notice) {
  rapidjson::StringBuffer out;
  JsonWriter w(out);
  w.StartObject();
  put_string(w, "appToken", app_token);
  put_string(w, "content", title_and_body(notice));
  put_string(w, "summary", notice.title);
  w.Key("contentType");
  w.Int(1);
  if (!uids.empty()) {
    w.Key("uids");
    w.StartArray();
    for (const std::string& u : uids) w.String(u.c_str(), static_cast<rapidjson::SizeType>(u.size()));
    w.EndArray();
  }
  if (!topic_ids.empty()) {
    w.Key("topicIds");
    w.StartArray();
    for (const std::string& t : topic_ids) w.Int64(std::strtoll(t.c_str(), nullptr, 10));
    w.EndArray();
  }
  w.EndObject();
  HttpRequest r;
  r.url = std::string(base) + "/api/send/message";
  r.headers.push_back("Content-Type: application/json; charset=utf-8");
  r.body = out.GetString();
  return r;
}

}  // namespace ebill::notify
