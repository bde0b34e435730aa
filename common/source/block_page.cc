#include "common/source/block_page.h"

#include <fmt/core.h>

#include "common/source/html_text.h"
#include "common/source/html_tokens.h"

namespace ebill::source {

std::optional<std::string> page_title(const std::vector<HtmlToken>& tokens) {
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    if (!tokens[i].is_start("title")) continue;
    std::string text;
    if (i + 1 < tokens.size() && tokens[i + 1].kind == HtmlToken::Kind::kText) {
      text = tokens[i + 1].text;
    }
    return squeeze_spaces(text);
  }
  return std::nullopt;
}

bool is_block_title(std::string_view title) {
  constexpr auto npos = std::string_view::npos;
  return title == "405" || find_ascii_ignore_case(title, "blocked") != npos ||
         title.find("安全威胁") != npos || title.find("被阻断") != npos;
}

std::optional<PageError> block_page_error(
    const std::vector<HtmlToken>& tokens) {
  const std::optional<std::string> title = page_title(tokens);
  if (!title || !is_block_title(*title)) return std::nullopt;
  return PageError{
      PageErrorCode::kBlocked,
      fmt::format("blocked: page title \"{}\"", excerpt(*title, 24))};
}

std::optional<PageError> classify_http(int status, std::string_view body) {
  if (status == 405) {
    return PageError{PageErrorCode::kBlocked, "blocked: HTTP 405"};
  }
  if (auto blocked = block_page_error(tokenize_html(body))) return blocked;
  if (status < 200 || status > 299) {
    return PageError{PageErrorCode::kHttpStatus,
                     fmt::format("HTTP status {}", status)};
  }
  return std::nullopt;
}

}  // namespace ebill::source
