// The host part of a URL, for grouping requests per server and for naming a
// server in logs without its credentials or path.
#ifndef EBILL_COMMON_FETCH_URL_HOST_H_
#define EBILL_COMMON_FETCH_URL_HOST_H_

#include <string>

namespace ebill {

enum class WithPort { kNo, kYes };

// "http://u:p@Example.com:8080/x?y" → "Example.com" (kNo) or
// "Example.com:8080" (kYes; the port only when the URL names one). Never the
// user info, path, query or fragment. "" when libcurl cannot parse `url`.
// Thread-safe.
std::string host_of(const std::string& url, WithPort port = WithPort::kNo);

}  // namespace ebill

#endif  // EBILL_COMMON_FETCH_URL_HOST_H_
