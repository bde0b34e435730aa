#include "common/source/html_text.h"

#include <array>
#include <utility>

namespace ebill::source {

namespace {

constexpr char32_t kReplacement = 0xFFFD;

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

constexpr std::array<std::pair<std::string_view, char32_t>, 10> kNamed = {{
    {"amp", U'&'},
    {"lt", U'<'},
    {"gt", U'>'},
    {"quot", U'"'},
    {"apos", U'\''},
    {"colon", U':'},
    {"nbsp", 0x00A0},
    {"ensp", 0x2002},
    {"emsp", 0x2003},
    {"thinsp", 0x2009},
}};

// Decodes the reference body between '&' and ';' ("#58", "#x3A", "ensp").
std::optional<char32_t> reference_value(std::string_view body) {
  if (body.empty()) return std::nullopt;
  if (body.front() != '#') {
    for (const auto& [name, cp] : kNamed) {
      if (name == body) return cp;
    }
    return std::nullopt;
  }
  body.remove_prefix(1);
  int base = 10;
  if (!body.empty() && (body.front() == 'x' || body.front() == 'X')) {
    base = 16;
    body.remove_prefix(1);
  }
  if (body.empty() || body.size() > 8) return std::nullopt;
  std::uint32_t cp = 0;
  for (char c : body) {
    int digit;
    if (c >= '0' && c <= '9') {
      digit = c - '0';
    } else if (base == 16 && c >= 'a' && c <= 'f') {
      digit = c - 'a' + 10;
    } else if (base == 16 && c >= 'A' && c <= 'F') {
      digit = c - 'A' + 10;
    } else {
      return std::nullopt;
    }
    cp = cp * base + digit;
  }
  if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    return kReplacement;
  }
  return static_cast<char32_t>(cp);
}

// Length in bytes of the space character at the front of `s`, 0 if none.
std::size_t space_length(std::string_view s) {
  const auto b = [&](std::size_t i) {
    return static_cast<unsigned char>(s[i]);
  };
  if (s.empty()) return 0;
  switch (b(0)) {
    case ' ': case '\t': case '\n': case '\r': case '\f': case '\v':
      return 1;
    case 0xC2:  // U+00A0
      return s.size() >= 2 && b(1) == 0xA0 ? 2 : 0;
    case 0xE2:  // U+2002..U+200B
      return s.size() >= 3 && b(1) == 0x80 && b(2) >= 0x82 && b(2) <= 0x8B
                 ? 3 : 0;
    case 0xE3:  // U+3000
      return s.size() >= 3 && b(1) == 0x80 && b(2) == 0x80 ? 3 : 0;
    case 0xEF:  // U+FEFF
      return s.size() >= 3 && b(1) == 0xBB && b(2) == 0xBF ? 3 : 0;
    default:
      return 0;
  }
}

}  // namespace

std::optional<std::size_t> first_invalid_utf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    std::size_t len;
    char32_t cp;
    if (c < 0x80) {
      ++i;
      continue;
    } else if (c >= 0xC2 && c <= 0xDF) {
      len = 2;
      cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      len = 3;
      cp = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      len = 4;
      cp = c & 0x07;
    } else {
      return i;
    }
    if (text.size() - i < len) return i;
    for (std::size_t k = 1; k < len; ++k) {
      const unsigned char cc = static_cast<unsigned char>(text[i + k]);
      if ((cc & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (cc & 0x3F);
    }
    const bool overlong =
        (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000);
    const bool surrogate = cp >= 0xD800 && cp <= 0xDFFF;
    if (overlong || surrogate || cp > 0x10FFFF) return i;
    i += len;
  }
  return std::nullopt;
}

std::string decode_entities(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] != '&') {
      out += text[i++];
      continue;
    }
    // References are short; look for ';' within a bounded distance.
    const std::size_t semi = text.substr(i, 12).find(';');
    if (semi != std::string_view::npos) {
      if (auto cp = reference_value(text.substr(i + 1, semi - 1))) {
        append_utf8(out, *cp);
        i += semi + 1;
        continue;
      }
    }
    out += text[i++];
  }
  return out;
}

std::string squeeze_spaces(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  while (!text.empty()) {
    if (std::size_t n = space_length(text)) {
      pending_space = !out.empty();
      text.remove_prefix(n);
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += text.front();
    text.remove_prefix(1);
  }
  return out;
}

std::string strip_spaces(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  while (!text.empty()) {
    if (std::size_t n = space_length(text)) {
      text.remove_prefix(n);
      continue;
    }
    out += text.front();
    text.remove_prefix(1);
  }
  return out;
}

char ascii_lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

bool equals_ascii_ignore_case(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (ascii_lower(a[i]) != ascii_lower(b[i])) return false;
  }
  return true;
}

std::size_t find_ascii_ignore_case(std::string_view hay,
                                   std::string_view lower_needle,
                                   std::size_t from) {
  for (std::size_t i = from; i <= hay.size() &&
                             lower_needle.size() <= hay.size() - i;
       ++i) {
    std::size_t k = 0;
    while (k < lower_needle.size() &&
           ascii_lower(hay[i + k]) == lower_needle[k]) {
      ++k;
    }
    if (k == lower_needle.size()) return i;
  }
  return std::string_view::npos;
}

std::string excerpt(std::string_view text, std::size_t max_chars) {
  std::string out;
  std::size_t chars = 0;
  while (!text.empty()) {
    if (chars++ == max_chars) return out + "...";
    const unsigned char lead = static_cast<unsigned char>(text.front());
    const std::size_t len =
        lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    if (len > text.size() || first_invalid_utf8(text.substr(0, len))) {
      out += '?';
      text.remove_prefix(1);
      continue;
    }
    out += text.substr(0, len);
    text.remove_prefix(len);
  }
  return out;
}

}  // namespace ebill::source
