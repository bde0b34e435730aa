// A summary of the loaded configuration for the start-up log: one line per
// setting, secrets (passwords, tokens, send keys, proxy and webhook
// credentials) replaced by "(set)" or "(unset)".
#ifndef EBILL_COMMON_CONFIG_DESCRIBE_H_
#define EBILL_COMMON_CONFIG_DESCRIBE_H_

#include <string>
#include <vector>

#include "common/config/config.h"

namespace ebill {

// Lines like "FETCH_INTERVAL_SECONDS=300" and
// "meter 19501609994 name=佳丰南苑 notify=serverchan,ntfy".
std::vector<std::string> describe(const Config& config);

// `url` with any user:password@ part replaced by "***@".
std::string redact_url_credentials(const std::string& url);

}  // namespace ebill

#endif  // EBILL_COMMON_CONFIG_DESCRIBE_H_
