#include "common/notify/http_post.h"

#include <algorithm>

#include "common/notify/curl_transfer.h"

namespace ebill::notify {

namespace {

constexpr std::size_t kMaxBody = 64 * 1024;

std::size_t on_body(char* data, std::size_t size, std::size_t n, void* user) {
  auto* body = static_cast<std::string*>(user);
  const std::size_t bytes = size * n;
  if (body->size() < kMaxBody) body->append(data, std::min(bytes, kMaxBody - body->size()));
  return bytes;
}

}  // namespace

HttpAnswer http_post(const HttpRequest& request, int timeout_s, const std::atomic<bool>* abort) {
  HttpAnswer answer;
  CurlHandle curl(curl_easy_init());
  if (!curl) {
    answer.error = "curl_easy_init failed";
    return answer;
  }
  const CurlList headers = curl_list(request.headers);
  CURL* c = curl.get();
  curl_easy_setopt(c, CURLOPT_POST, 1L);
  curl_easy_setopt(c, CURLOPT_POSTFIELDS, request.body.data());
  curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(request.body.size()));
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
  curl_easy_setopt(c, CURLOPT_USERAGENT, "ebill/" EBILL_VERSION);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &answer.body);
  answer.error = perform_transfer(c, request.url, timeout_s, abort, request.ca_file);
  curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &answer.status);
  return answer;
}

}  // namespace ebill::notify
