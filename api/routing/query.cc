#include "api/routing/query.h"

namespace ebill::api {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Calls `piece` for each '&'-separated non-empty piece of `query`.
template <typename F>
void for_each_piece(std::string_view query, F piece) {
  while (!query.empty()) {
    std::size_t amp = query.find('&');
    std::string_view p = query.substr(0, amp);
    if (!p.empty()) piece(p);
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
}

}  // namespace

std::optional<std::string> percent_decode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '%') {
      if (i + 2 >= text.size()) return std::nullopt;
      int hi = hex_value(text[i + 1]);
      int lo = hex_value(text[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::optional<std::vector<Field>> parse_query(std::string_view query) {
  std::vector<Field> out;
  bool ok = true;
  for_each_piece(query, [&](std::string_view p) {
    std::size_t eq = p.find('=');
    auto name = percent_decode(p.substr(0, eq), true);
    auto value = eq == std::string_view::npos
                     ? std::optional<std::string>("")
                     : percent_decode(p.substr(eq + 1), true);
    if (!name || !value) {
      ok = false;
      return;
    }
    out.emplace_back(std::move(*name), std::move(*value));
  });
  if (!ok) return std::nullopt;
  return out;
}

std::string redact_target(std::string_view target) {
  // A share link's path is its secret.
  if (target.rfind("/s/", 0) == 0) return "/s/***";
  std::size_t q = target.find('?');
  if (q == std::string_view::npos) return std::string(target);
  std::string out(target.substr(0, q));
  char sep = '?';
  for_each_piece(target.substr(q + 1), [&](std::string_view p) {
    std::string_view name = p.substr(0, p.find('='));
    auto decoded = percent_decode(name, true);
    if (decoded && *decoded == "token") return;
    out.push_back(sep);
    out.append(p);
    sep = '&';
  });
  return out;
}

}  // namespace ebill::api
