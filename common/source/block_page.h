// Recognising the site's refusals: HTTP 405, or a page whose <title> is
// "405" or says it was blocked ("blocked", "安全威胁", "被阻断"). The real
// site blocks many data-centre addresses this way.
#ifndef EBILL_COMMON_SOURCE_BLOCK_PAGE_H_
#define EBILL_COMMON_SOURCE_BLOCK_PAGE_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/source/html_tokens.h"
#include "common/source/page_error.h"

namespace ebill::source {

// Text of the first <title> element, references decoded and spaces
// squeezed; nullopt when the page has none.
std::optional<std::string> page_title(const std::vector<HtmlToken>& tokens);

// True when `title` is exactly "405" or contains "blocked" (any ASCII
// case), "安全威胁" or "被阻断".
bool is_block_title(std::string_view title);

// A kBlocked error when the page's title is a block title, else nullopt.
std::optional<PageError> block_page_error(const std::vector<HtmlToken>& tokens);

// Looks at an HTTP answer before its body is parsed. Returns kBlocked for
// status 405 or a block page (whatever the status), kHttpStatus for any
// other status outside 200..299, nullopt when the body should be parsed.
std::optional<PageError> classify_http(int status, std::string_view body);

}  // namespace ebill::source

#endif  // EBILL_COMMON_SOURCE_BLOCK_PAGE_H_
