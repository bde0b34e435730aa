// How one configuration variable's text becomes a member of Config and is
// shown again: a parser with its bounds, the member it fills, and how the
// value appears in --help, the docs and the start-up summary. The member's
// own default (the settings struct's initializer) is the variable's only
// default: it is shown through `show` and parsed back when the variable is
// unset. Built once, when the registry table is built; then read-only and
// safe to share between threads.
#ifndef EBILL_COMMON_CONFIG_SETTING_VALUE_H_
#define EBILL_COMMON_CONFIG_SETTING_VALUE_H_

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "common/config/config.h"

namespace ebill {

// The range a numeric kind accepts, for tests and docs: lo..hi in units of
// 10^-scale (scale 2: hundredths of a kWh).
struct SettingRange {
  std::int64_t lo = 0;
  std::int64_t hi = 0;
  int scale = 0;
};

struct SettingValue {
  // Parses `text` ("" when the variable is unset or empty and its default is
  // unset) into `config`. Returns "" or the rule the text breaks, e.g.
  // "must be a whole number from 1 to 64". Null for the meter variables,
  // which meters_from_environment() reads together.
  std::function<std::string(std::string_view text, Config& config)> read{};
  // The value held in `config` as text that `read` accepts; "" = unset.
  std::function<std::string(const Config& config)> show{};
  // Applied to `show` for the start-up summary (URLs: credentials become
  // "***"); a secret with a redactor is summarised through it, a secret
  // without one as "(set)" or "(unset)".
  std::string (*redact)(const std::string& shown) = nullptr;
  std::string_view unset_shown = "(unset)";  // summary when `show` gives ""
  bool unset_by_default = false;  // true: the default is decided at start (shown "(unset)")
  std::optional<SettingRange> range{};
  // Whether the start-up summary has a line for it; null = always.
  bool (*summarised)(const Config& config) = nullptr;

  SettingValue summarised_if(bool (*when)(const Config&)) && {
    summarised = when;
    return std::move(*this);
  }
};

// A further rule on a parsed value (the text already passed its kind):
// "" or what is wrong. May look at the variables read before it.
template <typename T>
using Check = std::string (*)(const T& value, const Config& config);

// Where a member lives in Config, by its settings struct.
template <typename T>
struct Slot {
  std::function<T&(Config&)> in;
  std::function<const T&(const Config&)> of;
};

template <typename Part, typename C>
auto& config_part(C& c) {
  if constexpr (std::is_same_v<Part, GeneralSettings>) return c.general;
  else if constexpr (std::is_same_v<Part, DatabaseSettings>) return c.database;
  else if constexpr (std::is_same_v<Part, UsageSettings>) return c.usage;
  else if constexpr (std::is_same_v<Part, FetchSettings>) return c.fetch;
  else if constexpr (std::is_same_v<Part, CollectorSettings>) return c.collector;
  else if constexpr (std::is_same_v<Part, ApiSettings>) return c.api;
  else if constexpr (std::is_same_v<Part, NotifySettings>) return c.notify;
  else static_assert(!sizeof(Part), "not a settings struct of Config");
}

template <typename Part, typename T>
Slot<T> slot(T Part::*member) {
  return {[member](Config& c) -> T& { return config_part<Part>(c).*member; },
          [member](const Config& c) -> const T& { return config_part<Part>(c).*member; }};
}

enum class Empty { kRejected, kAllowed };

// The kinds. Each takes the member it fills; the text forms are described
// by the error rules in setting_value.cc.
SettingValue text_value(Slot<std::string> s, Empty empty, Check<std::string> check);
SettingValue http_url_value(Slot<std::string> s, Check<std::string> check);
SettingValue proxy_url_value(Slot<std::string> s);
SettingValue whole_value(Slot<int> s, int lo, int hi, Check<int> check);
SettingValue optional_whole_value(Slot<std::optional<int>> s, int lo, int hi);
SettingValue whole_or_value(Slot<int> s, int lo, int hi, int (*when_unset)());
SettingValue hundredths_value(Slot<Hundredths> s, Hundredths lo, Hundredths hi);
SettingValue clock_time_or_off_value(Slot<std::optional<int>> s);
SettingValue comma_list_value(Slot<std::vector<std::string>> s, bool (*item_ok)(std::string_view),
                              std::string_view rule);
SettingValue shard_value(Slot<int> index, Slot<int> count, int max_count);
// One of a few words, case-insensitive; `aliases` are accepted but not shown.
struct ChoiceWord {
  std::string_view word;
  int value;
};
SettingValue choice_value(std::function<void(Config&, int)> set, std::function<int(const Config&)> get,
                          std::vector<ChoiceWord> words, std::vector<ChoiceWord> aliases);
// Read by meters_from_environment() with the other meter variables.
SettingValue meter_list_value();

// Any text without control characters.
template <typename Part>
SettingValue text(std::string Part::*m, Empty empty, Check<std::string> check = nullptr) {
  return text_value(slot(m), empty, check);
}
// An http:// or https:// URL with a host.
template <typename Part>
SettingValue http_url(std::string Part::*m, Check<std::string> check = nullptr) {
  return http_url_value(slot(m), check);
}
// Empty, or an http, https, socks4, socks4a, socks5 or socks5h URL.
template <typename Part>
SettingValue proxy_url(std::string Part::*m) {
  return proxy_url_value(slot(m));
}
// A whole number lo..hi.
template <typename Part>
SettingValue whole(int Part::*m, int lo, int hi, Check<int> check = nullptr) {
  return whole_value(slot(m), lo, hi, check);
}
// A whole number lo..hi, or unset (nullopt).
template <typename Part>
SettingValue optional_whole(std::optional<int> Part::*m, int lo, int hi) {
  return optional_whole_value(slot(m), lo, hi);
}
// A whole number lo..hi; unset takes `when_unset()` at start.
template <typename Part>
SettingValue whole_or(int Part::*m, int lo, int hi, int (*when_unset)()) {
  return whole_or_value(slot(m), lo, hi, when_unset);
}
// A decimal with at most two fraction digits, lo..hi hundredths.
template <typename Part>
SettingValue hundredths(Hundredths Part::*m, Hundredths lo, Hundredths hi) {
  return hundredths_value(slot(m), lo, hi);
}
// Local "HH:MM" as minutes after midnight, or "off" (nullopt).
template <typename Part>
SettingValue clock_time_or_off(std::optional<int> Part::*m) {
  return clock_time_or_off_value(slot(m));
}
// Comma separated items, each trimmed and checked; empty items skipped.
template <typename Part>
SettingValue comma_list(std::vector<std::string> Part::*m, bool (*item_ok)(std::string_view),
                        std::string_view rule) {
  return comma_list_value(slot(m), item_ok, rule);
}
// "k/N" with 1 <= N <= max_count and 0 <= k < N.
template <typename Part>
SettingValue shard(int Part::*index, int Part::*count, int max_count) {
  return shard_value(slot(index), slot(count), max_count);
}
// One of `words` (an enum member).
template <typename Part, typename E>
SettingValue choice(E Part::*m, std::vector<ChoiceWord> words, std::vector<ChoiceWord> aliases = {}) {
  const Slot<E> s = slot(m);
  return choice_value(
      [s](Config& c, int v) { s.in(c) = static_cast<E>(v); },
      [s](const Config& c) { return static_cast<int>(s.of(c)); }, std::move(words),
      std::move(aliases));
}

}  // namespace ebill

#endif  // EBILL_COMMON_CONFIG_SETTING_VALUE_H_
