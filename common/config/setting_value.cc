#include "common/config/setting_value.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "common/config/config_text.h"
#include "common/time/civil_time.h"

namespace ebill {

namespace {

std::string lower(std::string_view text) {
  std::string s(text);
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// The rule a text value breaks, or "".
std::string text_rule(std::string_view text, Empty empty) {
  if (text.empty() && empty == Empty::kRejected) return "must not be empty";
  if (has_control(text)) return "must not contain control characters";
  return "";
}

std::string whole_rule(int lo, int hi) {
  return fmt::format("must be a whole number from {} to {}", lo, hi);
}

bool is_proxy_url(std::string_view url) {
  for (std::string_view scheme : {"http://", "https://", "socks4://", "socks4a://",
                                  "socks5://", "socks5h://"}) {
    if (url.starts_with(scheme) && url.size() > scheme.size() &&
        url.find_first_of(" \t\r\n") == std::string_view::npos) {
      return true;
    }
  }
  return false;
}

// Reads a whole number lo..hi into `*out`; the rule when it is not one.
std::string read_whole(std::string_view text, int lo, int hi, int* out) {
  const std::optional<int> value = parse_whole(text, lo, hi);
  if (!value) return whole_rule(lo, hi);
  *out = *value;
  return "";
}

std::string shown_int(int v) { return std::to_string(v); }

}  // namespace

SettingValue text_value(Slot<std::string> s, Empty empty, Check<std::string> check) {
  return {.read = [s, empty, check](std::string_view text, Config& c) {
            if (std::string why = text_rule(text, empty); !why.empty()) return why;
            s.in(c) = std::string(text);
            return check ? check(s.of(c), c) : std::string();
          },
          .show = [s](const Config& c) { return s.of(c); }};
}

SettingValue http_url_value(Slot<std::string> s, Check<std::string> check) {
  return {.read = [s, check](std::string_view text, Config& c) {
            if (!is_http_url(text)) return std::string("must be an http:// or https:// URL");
            s.in(c) = std::string(text);
            return check ? check(s.of(c), c) : std::string();
          },
          .show = [s](const Config& c) { return s.of(c); },
          .redact = redact_url_credentials};
}

SettingValue proxy_url_value(Slot<std::string> s) {
  return {.read = [s](std::string_view text, Config& c) {
            if (std::string why = text_rule(text, Empty::kAllowed); !why.empty()) return why;
            if (!text.empty() && !is_proxy_url(text)) {
              return std::string("must be a URL starting with http://, https://, socks4://, "
                                 "socks4a://, socks5:// or socks5h://");
            }
            s.in(c) = std::string(text);
            return std::string();
          },
          .show = [s](const Config& c) { return s.of(c); },
          .redact = redact_url_credentials,
          .unset_shown = "(none)"};
}

SettingValue whole_value(Slot<int> s, int lo, int hi, Check<int> check) {
  return {.read = [s, lo, hi, check](std::string_view text, Config& c) {
            if (std::string why = read_whole(text, lo, hi, &s.in(c)); !why.empty()) return why;
            return check ? check(s.of(c), c) : std::string();
          },
          .show = [s](const Config& c) { return shown_int(s.of(c)); },
          .range = SettingRange{lo, hi, 0}};
}

SettingValue optional_whole_value(Slot<std::optional<int>> s, int lo, int hi) {
  return {.read = [s, lo, hi](std::string_view text, Config& c) {
            if (text.empty()) {
              s.in(c) = std::nullopt;
              return std::string();
            }
            int v = 0;
            if (std::string why = read_whole(text, lo, hi, &v); !why.empty()) return why;
            s.in(c) = v;
            return std::string();
          },
          .show = [s](const Config& c) { return s.of(c) ? shown_int(*s.of(c)) : std::string(); },
          .unset_shown = "off",
          .range = SettingRange{lo, hi, 0}};
}

SettingValue whole_or_value(Slot<int> s, int lo, int hi, int (*when_unset)()) {
  return {.read = [s, lo, hi, when_unset](std::string_view text, Config& c) {
            if (text.empty()) {
              s.in(c) = when_unset();
              return std::string();
            }
            return read_whole(text, lo, hi, &s.in(c));
          },
          .show = [s](const Config& c) { return shown_int(s.of(c)); },
          .unset_by_default = true,
          .range = SettingRange{lo, hi, 0}};
}

SettingValue hundredths_value(Slot<Hundredths> s, Hundredths lo, Hundredths hi) {
  return {.read = [s, lo, hi](std::string_view text, Config& c) {
            const std::optional<Hundredths> value = parse_hundredths(text);
            if (!value || *value < lo || *value > hi) {
              return fmt::format("must be a number from {} to {} with at most two decimals",
                                 format_hundredths(lo), format_hundredths(hi));
            }
            s.in(c) = *value;
            return std::string();
          },
          .show = [s](const Config& c) { return format_hundredths(s.of(c)); },
          .range = SettingRange{lo, hi, 2}};
}

SettingValue clock_time_or_off_value(Slot<std::optional<int>> s) {
  return {.read = [s](std::string_view text, Config& c) {
            const std::string time = lower(text);
            // Strict HH:MM, checked by the civil-time parser on a dummy date.
            const std::optional<LocalSeconds> at =
                time.size() == 5 ? parse_datetime("1970-01-01 " + time + ":00") : std::nullopt;
            if (time == "off") {
              s.in(c) = std::nullopt;
            } else if (at) {
              s.in(c) = static_cast<int>(*at / 60);
            } else {
              return std::string("must be HH:MM (00:00 to 23:59) or off");
            }
            return std::string();
          },
          .show = [s](const Config& c) {
            const std::optional<int>& m = s.of(c);
            return m ? fmt::format("{:02}:{:02}", *m / 60, *m % 60) : std::string("off");
          }};
}

SettingValue comma_list_value(Slot<std::vector<std::string>> s, bool (*item_ok)(std::string_view),
                              std::string_view rule) {
  return {.read = [s, item_ok, rule](std::string_view text, Config& c) {
            if (std::string why = text_rule(text, Empty::kAllowed); !why.empty()) return why;
            std::vector<std::string> items;
            for (std::string& item : split_trimmed(text, ',')) {
              if (item.empty()) continue;
              if (!item_ok(item)) return std::string(rule);
              items.push_back(std::move(item));
            }
            s.in(c) = std::move(items);
            return std::string();
          },
          .show = [s](const Config& c) {
            std::string out;
            for (const std::string& item : s.of(c)) out += (out.empty() ? "" : ",") + item;
            return out;
          },
          .unset_shown = "(off)"};
}

SettingValue shard_value(Slot<int> index, Slot<int> count, int max_count) {
  return {.read = [index, count, max_count](std::string_view text, Config& c) {
            const auto slash = text.find('/');
            const std::optional<int> n = slash == std::string_view::npos
                                             ? std::nullopt
                                             : parse_whole(text.substr(slash + 1), 1, max_count);
            const std::optional<int> k = n ? parse_whole(text.substr(0, slash), 0, *n - 1)
                                           : std::nullopt;
            if (!k) {
              return fmt::format("must be k/N with 1 <= N <= {} and 0 <= k < N", max_count);
            }
            index.in(c) = *k;
            count.in(c) = *n;
            return std::string();
          },
          .show = [index, count](const Config& c) {
            return fmt::format("{}/{}", index.of(c), count.of(c));
          }};
}

SettingValue choice_value(std::function<void(Config&, int)> set, std::function<int(const Config&)> get,
                          std::vector<ChoiceWord> words, std::vector<ChoiceWord> aliases) {
  std::string rule = "must be ";
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (i > 0) rule += i + 1 == words.size() ? " or " : ", ";
    rule += words[i].word;
  }
  return {.read = [set, words, aliases, rule](std::string_view text, Config& c) {
            const std::string word = lower(text);
            for (const auto* list : {&words, &aliases}) {
              for (const ChoiceWord& w : *list) {
                if (w.word == word) {
                  set(c, w.value);
                  return std::string();
                }
              }
            }
            return rule;
          },
          .show = [get, words](const Config& c) {
            const int v = get(c);
            for (const ChoiceWord& w : words) {
              if (w.value == v) return std::string(w.word);
            }
            return std::string("?");
          }};
}

SettingValue meter_list_value() {
  return {.read = nullptr, .show = [](const Config&) { return std::string(); }};
}

}  // namespace ebill
