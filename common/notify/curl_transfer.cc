#include "common/notify/curl_transfer.h"

#include "common/fetch/error_text.h"

namespace ebill::notify {

namespace {

int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  const auto* abort = static_cast<const std::atomic<bool>*>(user);
  return abort != nullptr && abort->load() ? 1 : 0;
}

}  // namespace

CurlList curl_list(const std::vector<std::string>& items) {
  CurlList list;
  for (const std::string& item : items) {
    curl_slist* next = curl_slist_append(list.get(), item.c_str());
    if (next != nullptr) {
      (void)list.release();
      list.reset(next);
    }
  }
  return list;
}

std::string perform_transfer(CURL* c, const std::string& url, int timeout_s,
                             const std::atomic<bool>* abort, const std::string& ca_file) {
  char detail[CURL_ERROR_SIZE] = {};
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_TIMEOUT, static_cast<long>(timeout_s));
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, static_cast<long>(timeout_s));
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, detail);
  curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
  curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
  curl_easy_setopt(c, CURLOPT_XFERINFODATA, const_cast<std::atomic<bool>*>(abort));
  if (!ca_file.empty()) curl_easy_setopt(c, CURLOPT_CAINFO, ca_file.c_str());
  const CURLcode rc = curl_easy_perform(c);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, nullptr);
  if (rc == CURLE_OK) return "";
  if (rc == CURLE_ABORTED_BY_CALLBACK) return "aborted";
  return scrub_error_text(detail[0] != '\0' ? detail : curl_easy_strerror(rc), url, "<url>");
}

}  // namespace ebill::notify
