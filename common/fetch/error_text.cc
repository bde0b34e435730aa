#include "common/fetch/error_text.h"

namespace ebill {

std::string scrub_error_text(std::string text, const std::string& proxy,
                             std::string_view placeholder) {
  if (!proxy.empty()) {
    for (std::size_t at = text.find(proxy); at != std::string::npos;
         at = text.find(proxy, at + placeholder.size())) {
      text.replace(at, proxy.size(), placeholder);
    }
  }
  // Userinfo: from after "://" up to an '@' that comes before the end of the
  // authority (a space, quote, '/' or the end of the text).
  for (std::size_t scheme = text.find("://"); scheme != std::string::npos;
       scheme = text.find("://", scheme + 3)) {
    const std::size_t start = scheme + 3;
    const std::size_t end = text.find_first_of(" '\"/", start);
    const std::size_t at = text.rfind('@', end == std::string::npos ? text.size() : end);
    if (at != std::string::npos && at >= start) text.replace(start, at - start, "***");
  }
  return text;
}

}  // namespace ebill
