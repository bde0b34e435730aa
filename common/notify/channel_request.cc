#include "common/notify/channel_request.h"

#include <curl/curl.h>
#include <fmt/format.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <initializer_list>
#include <utility>

#include "common/fetch/url_host.h"
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
  rapidjson::Writer<rapidjson::StringBuffer> w(out);
  w.StartObject();
  for (const auto& [name, value] : fields) {
    w.Key(name);
    w.String(value.data(), static_cast<rapidjson::SizeType>(value.size()));
  }
  w.EndObject();
  return out.GetString();
}

std::string url_escape(std::string_view text) {
  char* p = curl_easy_escape(nullptr, text.data(), static_cast<int>(text.size()));
  std::string out = p != nullptr ? p : "";
  curl_free(p);
  return out;
}

std::string base64(std::string_view in) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < in.size(); i += 3) {
    const unsigned n = (static_cast<unsigned char>(in[i]) << 16) |
                       (static_cast<unsigned char>(in[i + 1]) << 8) |
                       static_cast<unsigned char>(in[i + 2]);
    for (int shift : {18, 12, 6, 0}) out += kAlphabet[(n >> shift) & 63];
  }
  if (i < in.size()) {
    unsigned n = static_cast<unsigned char>(in[i]) << 16;
    if (i + 1 < in.size()) n |= static_cast<unsigned char>(in[i + 1]) << 8;
    out += kAlphabet[(n >> 18) & 63];
    out += kAlphabet[(n >> 12) & 63];
    out += i + 1 < in.size() ? kAlphabet[(n >> 6) & 63] : '=';
    out += '=';
  }
  return out;
}

// An RFC 2047 encoded word when `text` is not plain ASCII.
std::string header_text(std::string_view text) {
  for (unsigned char c : text) {
    if (c >= 0x80 || c < 0x20) return "=?UTF-8?B?" + base64(text) + "?=";
  }
  return std::string(text);
}

void add_bearer(const std::string& token, HttpRequest* r) {
  if (!token.empty()) r->headers.push_back("Authorization: Bearer " + token);
}

const std::string& base_of(ChannelType type, const NotifySettings& s) {
  switch (type) {
    case ChannelType::kNtfy: return s.ntfy_base_url;
    case ChannelType::kBark: return s.bark_base_url;
    case ChannelType::kPushPlus: return s.pushplus_base_url;
    case ChannelType::kServerChan:
    case ChannelType::kWebhook: break;
  }
  return s.serverchan_base_url;
}

}  // namespace

HttpRequest build_request(const NotifyTarget& target, const Notice& notice,
                          const NotifySettings& settings) {
  HttpRequest r;
  const std::string base = trimmed_base(base_of(target.type, settings));
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
  }
  return r;
}

bool accepted(ChannelType type, long status, std::string_view body, std::string* why) {
  if (status < 200 || status > 299) {
    *why = fmt::format("HTTP {}", status);
    return false;
  }
  if (type == ChannelType::kWebhook || type == ChannelType::kNtfy) return true;
  rapidjson::Document doc;
  doc.Parse(body.data(), body.size());
  if (doc.HasParseError() || !doc.IsObject()) return true;  // no code to judge
  for (const char* name : {"code", "errno"}) {
    const auto it = doc.FindMember(name);
    if (it == doc.MemberEnd() || !it->value.IsInt64()) continue;
    const std::int64_t code = it->value.GetInt64();
    if (code == 0 || code == 200) return true;
    std::string message;
    for (const char* m : {"message", "msg"}) {
      const auto t = doc.FindMember(m);
      if (t != doc.MemberEnd() && t->value.IsString()) message = t->value.GetString();
    }
    *why = storage::truncate_utf8(
        fmt::format("HTTP {} {} {}{}{}", status, name, code, message.empty() ? "" : ": ", message),
        kMaxWhyChars);
    return false;
  }
  return true;
}

std::string redacted_target(const NotifyTarget& target, const NotifySettings& settings) {
  const std::string_view url =
      target.type == ChannelType::kWebhook ? target.url : base_of(target.type, settings);
  return fmt::format("{} @{}", channel_name(target.type),
                     host_of(std::string(url), WithPort::kYes));
}

}  // namespace ebill::notify
