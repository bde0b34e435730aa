#include "common/fetch/url_host.h"

#include <curl/curl.h>

namespace ebill {
namespace {

// One part of a parsed URL, "" when it has none.
std::string part_of(CURLU* u, CURLUPart which) {
  char* part = nullptr;
  std::string text;
  if (curl_url_get(u, which, &part, 0) == CURLUE_OK) text = part;
  curl_free(part);
  return text;
}

}  // namespace

std::string host_of(const std::string& url, WithPort port) {
  std::string host;
  CURLU* u = curl_url();
  if (curl_url_set(u, CURLUPART_URL, url.c_str(), 0) == CURLUE_OK) {
    host = part_of(u, CURLUPART_HOST);
    if (port == WithPort::kYes && !host.empty()) {
      const std::string p = part_of(u, CURLUPART_PORT);
      if (!p.empty()) host += ":" + p;
    }
  }
  curl_url_cleanup(u);
  return host;
}

}  // namespace ebill
