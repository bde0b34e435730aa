#include "api/access/share_links.h"

#include <charconv>
#include <chrono>
#include <ctime>

#include <fmt/format.h>

#include "api/access/share_token.h"
#include "common/domain/meter.h"
#include "common/storage/meter_store.h"

namespace ebill::api {
namespace {

constexpr std::size_t kMaxLabelChars = 100;

std::optional<std::string> label_problem(const std::string& label) {
  std::size_t chars = 0;
  for (unsigned char c : label) {
    if (c < 0x20 || c == 0x7f) return "the label must not hold control characters";
    if ((c & 0xC0) != 0x80) ++chars;
  }
  if (chars > kMaxLabelChars) return "the label must be at most 100 characters";
  return std::nullopt;
}

}  // namespace

Result<std::optional<std::int64_t>, std::string> parse_share_lifetime(std::string_view text) {
  const std::string rule = "the lifetime must be like 90d (days), 12h (hours) or never";
  if (text == "never") return std::optional<std::int64_t>();
  if (text.size() < 2) return fail(rule);
  const char unit = text.back();
  const std::string_view digits = text.substr(0, text.size() - 1);
  long long n = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), n);
  if (ec != std::errc() || end != digits.data() + digits.size()) return fail(rule);
  if (unit == 'd' && n >= 1 && n <= 3650) return std::optional<std::int64_t>(n * 86400);
  if (unit == 'h' && n >= 1 && n <= 87600) return std::optional<std::int64_t>(n * 3600);
  return fail(rule + " (1-3650 days, 1-87600 hours)");
}

Result<CreatedShare, std::string> create_share(storage::Database& db, const ShareRequest& request,
                                               std::int64_t now) {
  if (!valid_meter_id(request.meter_no)) return fail(std::string("a meter id is 1-64 letters or digits"));
  if (auto problem = label_problem(request.label)) return fail(*problem);
  if (!storage::MeterStore(db).get(request.meter_no)) {
    return fail("no meter " + request.meter_no);
  }
  storage::ShareLink link;
  link.meter_no = request.meter_no;
  link.label = request.label;
  link.allow_fetch = request.allow_fetch;
  link.created_at = now;
  if (request.lifetime_s) link.expires_at = now + *request.lifetime_s;
  CreatedShare out;
  out.token = new_share_token();
  out.link = storage::ShareStore(db).create(link, share_token_hash(out.token));
  return out;
}

std::optional<std::int64_t> parse_share_id(std::string_view text) {
  long long id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || id <= 0) return std::nullopt;
  return id;
}

std::string share_url(const std::string& public_url, const std::string& token) {
  return public_url + "/s/" + token;
}

std::string utc_iso(std::int64_t unix_s) {
  const std::time_t t = static_cast<std::time_t>(unix_s);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", tm.tm_year + 1900, tm.tm_mon + 1,
                     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

std::string_view share_state(const storage::ShareLink& link, std::int64_t now) {
  if (link.revoked_at) return "revoked";
  return link.valid_at(now) ? "active" : "expired";
}

void write_share(JsonWriter& json, const storage::ShareLink& link, std::int64_t now) {
  const auto time_or_null = [&](const std::optional<std::int64_t>& t) {
    return t ? std::optional<std::string>(utc_iso(*t)) : std::nullopt;
  };
  json.begin_object();
  json.key("id").integer(link.id);
  json.key("device_id").string(link.meter_no);
  json.key("label").string(link.label);
  json.key("allow_fetch").boolean(link.allow_fetch);
  json.key("created_at").string(utc_iso(link.created_at));
  json.key("expires_at").string(time_or_null(link.expires_at));
  json.key("revoked_at").string(time_or_null(link.revoked_at));
  json.key("state").string(std::string(share_state(link, now)));
  json.end_object();
}

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace ebill::api
