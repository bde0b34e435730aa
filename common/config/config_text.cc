#include "common/config/config_text.h"

#include <charconv>

#include <fmt/format.h>

namespace ebill {

namespace {

constexpr std::size_t kMaxShown = 80;

}  // namespace

std::string shown_value(std::string_view value, bool secret) {
  if (secret) return "(value hidden)";
  std::string shown;
  for (unsigned char c : value.substr(0, kMaxShown)) {
    if (c < 0x20 || c == 0x7f || c == '"' || c == '\\') {
      shown += fmt::format("\\x{:02x}", c);
    } else {
      shown += static_cast<char>(c);
    }
  }
  if (value.size() > kMaxShown) shown += "...";
  return fmt::format("(got \"{}\")", shown);
}

bool has_control(std::string_view text) {
  for (unsigned char c : text) {
    if (c < 0x20 || c == 0x7f) return true;
  }
  return false;
}

bool is_http_url(std::string_view text) {
  std::string_view rest;
  if (text.starts_with("http://")) {
    rest = text.substr(7);
  } else if (text.starts_with("https://")) {
    rest = text.substr(8);
  } else {
    return false;
  }
  if (rest.empty() || rest.front() == '/' || rest.front() == ':') return false;
  for (unsigned char c : text) {
    if (c <= 0x20 || c == 0x7f) return false;
  }
  return true;
}

std::string redact_url_credentials(const std::string& url) {
  const auto scheme_end = url.find("://");
  if (scheme_end == std::string::npos) return url;
  const auto authority = scheme_end + 3;
  const auto at = url.find('@', authority);
  const auto slash = url.find('/', authority);
  if (at == std::string::npos || (slash != std::string::npos && at > slash)) return url;
  return url.substr(0, authority) + "***" + url.substr(at);
}

std::string trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return std::string(s);
}

std::vector<std::string> split_trimmed(std::string_view text, char sep) {
  std::vector<std::string> parts;
  if (text.empty()) return parts;
  while (true) {
    const auto at = text.find(sep);
    parts.push_back(trim(text.substr(0, at)));
    if (at == std::string_view::npos) return parts;
    text.remove_prefix(at + 1);
  }
}

std::optional<int> parse_whole(std::string_view text, int lo, int hi) {
  int value = 0;
  const char* end = text.data() + text.size();
  const auto [p, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || p != end || value < lo || value > hi) {
    return std::nullopt;
  }
  return value;
}

}  // namespace ebill
