#include "common/source/block_page.h"

#include <fmt/core.h>

#include "common/source/html_text.h"
#include "common/source/html_tokens.h"

namespace ebill::source {

namespace {

bool contains_ascii_ignore_case(std::string_view hay, std::string_view lower) {
  if (lower.size() > hay.size()) return false;
  for (std::size_t i = 0; i + lower.size() <= hay.size(); ++i) {
    std::size_t k = 0;
    while (k < lower.size()) {
      char c = hay[i + k];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (c != lower[k]) break;
      ++k;
    }
    if (k == lower.size()) return true;
  }
  return false;
}

}  // namespace

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
  return title == "405" || contains_ascii_ignore_case(title, "blocked") ||
         title.find("安全威胁") != std::string_view::npos ||
         title.find("被阻断") != std::string_view::npos;
}

std::optional<PageError> block_page_error(
    const std::vector<HtmlToken>& tokens) {
  const std::optional<std::string> title = page_title(tokens);
  if (!title || !is_block_title(*title)) return std::nullopt;
  return PageError{PageErrorCode::kBlocked,
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
