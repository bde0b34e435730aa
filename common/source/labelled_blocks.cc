#include "common/source/labelled_blocks.h"

#include <string_view>

#include "common/source/html_text.h"

namespace ebill::source {

namespace {

constexpr std::string_view kFullWidthColon = "：";

struct Element {
  bool closed = false;  // its end tag was found
  std::string text;     // text of everything inside it
  std::size_t next = 0; // index of the token after it
};

// The element opened by tokens[open]: its text up to the matching end tag.
// Stops, unclosed, at another start tag of the same name or at a </div>.
Element read_element(const std::vector<HtmlToken>& tokens, std::size_t open) {
  const std::string& tag = tokens[open].name;
  Element e;
  std::size_t i = open + 1;
  for (; i < tokens.size(); ++i) {
    const HtmlToken& t = tokens[i];
    if (t.is_end(tag)) {
      e.closed = true;
      ++i;
      break;
    }
    if (t.is_start(tag) || t.is_end("div")) break;
    if (t.kind == HtmlToken::Kind::kText) e.text += t.text;
  }
  e.next = i;
  return e;
}

// Index of the first token at or after `i` that is not blank text.
std::size_t skip_blank(const std::vector<HtmlToken>& tokens, std::size_t i) {
  while (i < tokens.size() && tokens[i].kind == HtmlToken::Kind::kText &&
         strip_spaces(tokens[i].text).empty()) {
    ++i;
  }
  return i;
}

// "表号:" -> "表号"; nullopt when the text does not end with a colon.
std::optional<std::string> label_name(std::string_view span_text) {
  std::string s = strip_spaces(span_text);
  if (s.ends_with(':')) {
    s.pop_back();
  } else if (s.ends_with(kFullWidthColon)) {
    s.resize(s.size() - kFullWidthColon.size());
  } else {
    return std::nullopt;
  }
  return s;
}

}  // namespace

std::vector<LabelledBlock> find_labelled_blocks(
    const std::vector<HtmlToken>& tokens) {
  std::vector<LabelledBlock> blocks;
  std::size_t i = 0;
  while (i < tokens.size()) {
    if (!tokens[i].is_start("span")) {
      ++i;
      continue;
    }
    const Element span = read_element(tokens, i);
    std::optional<std::string> label = label_name(span.text);
    if (!span.closed || !label) {
      i = span.next;
      continue;
    }
    LabelledBlock block;
    block.label = std::move(*label);
    i = skip_blank(tokens, span.next);
    if (i < tokens.size() && tokens[i].is_start("label")) {
      const Element value = read_element(tokens, i);
      if (value.closed) {
        block.value = squeeze_spaces(value.text);
        i = skip_blank(tokens, value.next);
        if (i < tokens.size() && tokens[i].is_start("span")) {
          const Element unit = read_element(tokens, i);
          // A unit span that is itself a label starts the next block.
          if (unit.closed && !label_name(unit.text)) {
            block.unit = strip_spaces(unit.text);
            i = unit.next;
          }
        }
      }
    }
    blocks.push_back(std::move(block));
  }
  return blocks;
}

}  // namespace ebill::source
