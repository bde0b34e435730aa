// A forgiving HTML tokenizer: enough to walk a server-rendered page as a
// flat run of tags and text, never more. It does not build a tree.
#ifndef EBILL_COMMON_SOURCE_HTML_TOKENS_H_
#define EBILL_COMMON_SOURCE_HTML_TOKENS_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ebill::source {

struct HtmlToken {
  enum class Kind { kText, kStartTag, kEndTag };
  Kind kind = Kind::kText;
  std::string name;  // tag name in lower case; empty for text
  // Attribute names in lower case, values as written (quotes removed,
  // references not decoded).
  std::vector<std::pair<std::string, std::string>> attributes;
  std::string text;  // text tokens: content with references decoded

  bool is_start(std::string_view tag) const {
    return kind == Kind::kStartTag && name == tag;
  }
  bool is_end(std::string_view tag) const {
    return kind == Kind::kEndTag && name == tag;
  }
  std::optional<std::string_view> attribute(std::string_view attr) const;
};

// Splits `html` into tokens; adjacent text is one token. Comments, doctypes
// and processing instructions are dropped; the contents of <script> and
// <style> are dropped too (they are code, not page text), while <title> and
// <textarea> content becomes one text token. Tag and attribute names may be
// any case; attribute values may be double-, single- or un-quoted. A tag cut
// off by the end of input is dropped. Never reads outside `html`.
std::vector<HtmlToken> tokenize_html(std::string_view html);

}  // namespace ebill::source

#endif  // EBILL_COMMON_SOURCE_HTML_TOKENS_H_
