// One blocking HTTP POST with libcurl (an easy handle per call), for the
// dispatcher thread and the test notification. Never logs.
#ifndef EBILL_COMMON_NOTIFY_HTTP_POST_H_
#define EBILL_COMMON_NOTIFY_HTTP_POST_H_

#include <atomic>
#include <string>

#include "common/notify/http_request.h"

namespace ebill::notify {

struct HttpAnswer {
  long status = 0;     // 0 when no answer came
  std::string body;    // at most 64 KiB
  std::string error;   // libcurl's reason ("Connection refused"); no URL or password
};

// Sends `request` with a total timeout of `timeout_s` seconds (redirects not
// followed; libcurl's usual proxy variables apply; request.ca_file, when set,
// is the CA bundle). Gives up early once
// `*abort` (if given) turns true.
HttpAnswer http_post(const HttpRequest& request, int timeout_s,
                     const std::atomic<bool>* abort = nullptr);

}  // namespace ebill::notify

#endif  // EBILL_COMMON_NOTIFY_HTTP_POST_H_
