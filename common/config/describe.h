// A summary of the loaded configuration for the start-up log: one line per
// setting the registry lists (in its order), then one per meter. Secrets
// (passwords, tokens, send keys, proxy and webhook credentials) are replaced
// by "(set)"/"(unset)", credentials inside URLs by "***".
#ifndef EBILL_COMMON_CONFIG_DESCRIBE_H_
#define EBILL_COMMON_CONFIG_DESCRIBE_H_

#include <string>
#include <vector>

#include "common/config/config.h"
#include "common/config/config_text.h"  // redact_url_credentials

namespace ebill {

// Lines like "FETCH_INTERVAL_SECONDS=300" and
// "meter 19501609994 name=佳丰南苑 notify=serverchan,ntfy".
std::vector<std::string> describe(const Config& config);

}  // namespace ebill

#endif  // EBILL_COMMON_CONFIG_DESCRIBE_H_
