// The libcurl easy-handle plumbing every channel transfer shares: owned
// handles and lists, and one blocking perform with the notification timeout,
// an abort flag, an optional CA file and an error text safe to log.
#ifndef EBILL_COMMON_NOTIFY_CURL_TRANSFER_H_
#define EBILL_COMMON_NOTIFY_CURL_TRANSFER_H_

#include <curl/curl.h>

#include <atomic>
#include <memory>
#include <string>
#include <vector>

namespace ebill::notify {

struct CurlDeleter {
  void operator()(CURL* c) const { curl_easy_cleanup(c); }
};
struct SlistDeleter {
  void operator()(curl_slist* l) const { curl_slist_free_all(l); }
};
using CurlHandle = std::unique_ptr<CURL, CurlDeleter>;
using CurlList = std::unique_ptr<curl_slist, SlistDeleter>;

// A list of `items` (null when empty).
CurlList curl_list(const std::vector<std::string>& items);

// Performs the transfer set up on `c` (its URL `url`) with a total and
// connect timeout of `timeout_s` seconds, giving up once `*abort` (if given)
// turns true, trusting `ca_file` (empty = the system store). Returns "" or
// the reason it failed: libcurl's message with `url` and any user:password
// removed.
std::string perform_transfer(CURL* c, const std::string& url, int timeout_s,
                             const std::atomic<bool>* abort, const std::string& ca_file);

}  // namespace ebill::notify

#endif  // EBILL_COMMON_NOTIFY_CURL_TRANSFER_H_
