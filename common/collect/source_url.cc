#include "common/collect/source_url.h"

namespace ebill::collect {

namespace {

bool unreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
         c == '-' || c == '.' || c == '_' || c == '~';
}

std::string percent_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const unsigned char c : text) {
    if (unreserved(c)) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace

std::string meter_url(std::string_view url_template, std::string_view meter_no) {
  static constexpr std::string_view kPlaceholder = "{meter}";
  const std::string encoded = percent_encode(meter_no);
  std::string out;
  std::size_t from = 0;
  for (std::size_t at; (at = url_template.find(kPlaceholder, from)) != std::string_view::npos;
       from = at + kPlaceholder.size()) {
    out.append(url_template.substr(from, at - from));
    out += encoded;
  }
  out.append(url_template.substr(from));
  return out;
}

}  // namespace ebill::collect
