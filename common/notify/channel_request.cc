#include "common/notify/channel_request.h"

#include <fmt/format.h>
#include <rapidjson/document.h>

#include <algorithm>
#include <initializer_list>
#include <utility>

#include "common/fetch/url_host.h"
#include "common/notify/encoding.h"
#include "common/notify/json_body.h"
#include "common/notify/mail_message.h"
#include "common/notify/push_app_requests.h"
#include "common/notify/robot_requests.h"
#include "common/storage/status_store.h"

namespace ebill::notify {

namespace {

constexpr std::size_t kMaxWhyChars = 120;

std::string trimmed_base(std::string_view base) {
  while (!base.empty() && base.back() == '/') base.remove_suffix(1);
  return std::string(base);
}

std::string json_object(std::initializer_list<std::pair<const char*, std::string_view>> fields) {
  rapidjson::StringBuffer out;
  JsonWriter w(out);
  w.StartObject();
  for (const auto& [name, value] : fields) put_string(w, name, value);
  w.EndObject();
  return out.GetString();
}

void add_bearer(const std::string& token, HttpRequest* r) {
  if (!token.empty()) r->headers.push_back("Authorization: Bearer " + token);
}

const std::string& base_of(ChannelType type, const NotifySettings& s) {
  switch (type) {
    case ChannelType::kNtfy: return s.ntfy_base_url;
    case ChannelType::kBark: return s.bark_base_url;
    case ChannelType::kPushPlus: return s.pushplus_base_url;
    case ChannelType::kWeCom: return s.wecom_base_url;
    case ChannelType::kDingTalk: return s.dingtalk_base_url;
    case ChannelType::kFeishu: return s.feishu_base_url;
    case ChannelType::kTelegram: return s.telegram_base_url;
    case ChannelType::kWxPusher: return s.wxpusher_base_url;
    case ChannelType::kServerChan:
    case ChannelType::kWebhook:
    case ChannelType::kEmail: break;
  }
  return s.serverchan_base_url;
}

HttpRequest http_request(const NotifyTarget& target, const Notice& notice,
                         const std::string& base, std::int64_t unix_ms) {
  HttpRequest r;
  switch (target.type) {
    case ChannelType::kServerChan:
      r.url = base + "/" + url_escape(target.key) + ".send";
      r.headers.push_back("Content-Type: application/x-www-form-urlencoded");
      r.body = "title=" + url_escape(notice.title) + "&desp=" + url_escape(notice.body);
      break;
    case ChannelType::kWebhook:
      r.url = target.url;
      r.headers.push_back("Content-Type: application/json");
      add_bearer(target.token, &r);
      r.body = json_object({{"title", notice.title},
                            {"body", notice.body},
                            {"meter", notice.meter_no},
                            {"kind", notice_kind_name(notice.kind)}});
      break;
    case ChannelType::kNtfy:
      r.url = base + "/" + url_escape(target.topic);
      r.headers.push_back("Content-Type: text/plain; charset=utf-8");
      r.headers.push_back("Title: " + header_text(notice.title));
      add_bearer(target.token, &r);
      r.body = notice.body;
      break;
    case ChannelType::kBark:
      r.url = base + "/push";
      r.headers.push_back("Content-Type: application/json; charset=utf-8");
      r.body = json_object({{"device_key", target.key},
                            {"title", notice.title},
                            {"body", notice.body},
                            {"group", "ebill"}});
      break;
    case ChannelType::kPushPlus:
      r.url = base + "/send";
      r.headers.push_back("Content-Type: application/json");
      r.body = json_object({{"token", target.token},
                            {"title", notice.title},
                            {"content", notice.body},
                            {"template", "txt"}});
      break;
    case ChannelType::kWeCom:
      return wecom_request(base, target.key, title_and_body(notice));
    case ChannelType::kDingTalk:
      return dingtalk_request(base, target.token, target.secret, title_and_body(notice), unix_ms);
    case ChannelType::kFeishu:
      return feishu_request(base, target.token, target.secret, title_and_body(notice),
                            unix_ms / 1000);
    case ChannelType::kTelegram:
      return telegram_request(base, target.token, target.chat_id, title_and_body(notice));
    case ChannelType::kWxPusher:
      return wxpusher_request(base, target.token, target.uids, target.topic_ids, notice);
    case ChannelType::kEmail:
      break;
  }
  return r;
}

// The fields that carry a channel's result, and the values meaning success.
struct ResultField {
  const char* name;
  std::initializer_list<std::int64_t> ok;
};

std::initializer_list<ResultField> result_fields(ChannelType type) {
  static constexpr std::initializer_list<std::int64_t> kZeroOr200 = {0, 200};
  static constexpr std::initializer_list<std::int64_t> kZero = {0};
  static constexpr std::initializer_list<std::int64_t> k1000 = {1000};
  static const std::initializer_list<ResultField> kLegacy = {{"code", kZeroOr200},
                                                             {"errno", kZeroOr200}};
  static const std::initializer_list<ResultField> kErrcode = {{"errcode", kZero}};
  static const std::initializer_list<ResultField> kFeishu = {{"code", kZero},
                                                             {"StatusCode", kZero}};
  static const std::initializer_list<ResultField> kWxPusher = {{"code", k1000}};
  switch (type) {
    case ChannelType::kServerChan:
    case ChannelType::kBark:
    case ChannelType::kPushPlus: return kLegacy;
    case ChannelType::kWeCom:
    case ChannelType::kDingTalk: return kErrcode;
    case ChannelType::kFeishu: return kFeishu;
    case ChannelType::kWxPusher: return kWxPusher;
    case ChannelType::kWebhook:
    case ChannelType::kNtfy:
    case ChannelType::kTelegram:
    case ChannelType::kEmail: break;
  }
  return {};
}

std::string service_message(const rapidjson::Document& doc) {
  std::string message;
  for (const char* m : {"message", "msg", "errmsg", "description", "StatusMessage"}) {
    const auto t = doc.FindMember(m);
    if (t != doc.MemberEnd() && t->value.IsString()) message = t->value.GetString();
  }
  return message;
}

std::string failure(long status, const std::string& what, const std::string& message) {
  return storage::truncate_utf8(
      fmt::format("HTTP {}{}{}{}{}", status, what.empty() ? "" : " ", what,
                  message.empty() ? "" : ": ", message),
      kMaxWhyChars);
}

}  // namespace

ChannelRequest build_request(const NotifyTarget& target, const Notice& notice,
                             const NotifySettings& settings, std::int64_t unix_ms) {
  if (target.type == ChannelType::kEmail) {
    return MailRequest{target.url,
                       target.user,
                       target.password,
                       target.from,
                       target.to,
                       mail_message(target.from, target.to, notice, unix_ms),
                       settings.ca_file};
  }
  HttpRequest r =
      http_request(target, notice, trimmed_base(base_of(target.type, settings)), unix_ms);
  r.ca_file = settings.ca_file;
  return r;
}

bool accepted(ChannelType type, long status, std::string_view body, std::string* why) {
  rapidjson::Document doc;
  doc.Parse(body.data(), body.size());
  const bool json = !doc.HasParseError() && doc.IsObject();
  if (status < 200 || status > 299) {
    const std::string message = json && type == ChannelType::kTelegram ? service_message(doc) : "";
    *why = message.empty() ? fmt::format("HTTP {}", status) : failure(status, "", message);
    return false;
  }
  if (!json) return true;  // no code to judge
  if (type == ChannelType::kTelegram) {
    const auto ok = doc.FindMember("ok");
    if (ok == doc.MemberEnd() || !ok->value.IsBool() || ok->value.GetBool()) return true;
    *why = failure(status, "ok false", service_message(doc));
    return false;
  }
  for (const ResultField& field : result_fields(type)) {
    const auto it = doc.FindMember(field.name);
    if (it == doc.MemberEnd() || !it->value.IsInt64()) continue;
    const std::int64_t code = it->value.GetInt64();
    if (std::find(field.ok.begin(), field.ok.end(), code) != field.ok.end()) return true;
    *why = failure(status, fmt::format("{} {}", field.name, code), service_message(doc));
    return false;
  }
  return true;
}

std::string redacted_target(const NotifyTarget& target, const NotifySettings& settings) {
  const bool own_url = target.type == ChannelType::kWebhook || target.type == ChannelType::kEmail;
  const std::string_view url = own_url ? target.url : base_of(target.type, settings);
  return fmt::format("{} @{}", channel_name(target.type), host_of(std::string(url), WithPort::kYes));
}

}  // namespace ebill::notify
