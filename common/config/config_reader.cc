#include "common/config/config_reader.h"

#include <charconv>
#include <stdexcept>

#include <fmt/format.h>

#include "common/config/registry.h"

namespace ebill {

namespace {

constexpr std::size_t kMaxShown = 80;

const ConfigVariable& variable(std::string_view name) {
  const ConfigVariable* v = find_config_variable(name);
  if (v == nullptr) {
    throw std::logic_error(fmt::format("config variable {} is not in the registry", name));
  }
  return *v;
}

bool has_control(std::string_view text) {
  for (unsigned char c : text) {
    if (c < 0x20 || c == 0x7f) return true;
  }
  return false;
}

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

std::string ConfigReader::get(std::string_view name) const {
  const ConfigVariable& v = variable(name);
  const auto it = env_.find(name);
  if (it == env_.end() || it->second.empty()) return std::string(v.default_value);
  return it->second;
}

void ConfigReader::reject(std::string_view name, std::string_view what) {
  if (failed()) return;
  const ConfigVariable& v = variable(name);
  error_ = ConfigError{fmt::format("{}: {} {}", name, what, shown_value(get(name), v.secret))};
}

void ConfigReader::reject_raw(std::string message) {
  if (!failed()) error_ = ConfigError{std::move(message)};
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

void ConfigReader::integer(std::string_view name, int lo, int hi, int* out) {
  const std::optional<int> value = parse_whole(get(name), lo, hi);
  if (!value) {
    reject(name, fmt::format("must be a whole number from {} to {}", lo, hi));
    return;
  }
  *out = *value;
}

void ConfigReader::optional_integer(std::string_view name, int lo, int hi,
                                    std::optional<int>* out) {
  if (get(name).empty()) {
    *out = std::nullopt;
    return;
  }
  int value = 0;
  integer(name, lo, hi, &value);
  if (!failed()) *out = value;
}

void ConfigReader::hundredths(std::string_view name, Hundredths lo, Hundredths hi,
                              Hundredths* out) {
  const std::optional<Hundredths> value = parse_hundredths(get(name));
  if (!value || *value < lo || *value > hi) {
    reject(name, fmt::format("must be a number from {} to {} with at most two decimals",
                             format_hundredths(lo), format_hundredths(hi)));
    return;
  }
  *out = *value;
}

void ConfigReader::text(std::string_view name, bool allow_empty, std::string* out) {
  std::string value = get(name);
  if (value.empty() && !allow_empty) {
    reject(name, "must not be empty");
    return;
  }
  if (has_control(value)) {
    reject(name, "must not contain control characters");
    return;
  }
  *out = std::move(value);
}

void ConfigReader::http_url(std::string_view name, std::string* out) {
  std::string value = get(name);
  if (!is_http_url(value)) {
    reject(name, "must be an http:// or https:// URL");
    return;
  }
  *out = std::move(value);
}

}  // namespace ebill
