#include "common/source/html_tokens.h"

#include "common/source/html_text.h"

namespace ebill::source {

namespace {

bool is_ascii_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool is_tag_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

class Tokenizer {
 public:
  explicit Tokenizer(std::string_view html) : s_(html) {}

  std::vector<HtmlToken> run() {
    while (pos_ < s_.size()) {
      const std::size_t lt = s_.find('<', pos_);
      if (lt == std::string_view::npos) {
        add_text(s_.substr(pos_));
        break;
      }
      add_text(s_.substr(pos_, lt - pos_));
      pos_ = lt;
      markup();
    }
    return std::move(tokens_);
  }

 private:
  void add_text(std::string_view raw) {
    if (raw.empty()) return;
    if (!tokens_.empty() && tokens_.back().kind == HtmlToken::Kind::kText) {
      tokens_.back().text += decode_entities(raw);
      return;
    }
    HtmlToken t;
    t.text = decode_entities(raw);
    tokens_.push_back(std::move(t));
  }

  // At '<': a tag, a comment or declaration, or a literal '<'.
  void markup() {
    const std::string_view rest = s_.substr(pos_);
    if (rest.starts_with("<!--")) {
      const std::size_t end = s_.find("-->", pos_ + 4);
      pos_ = end == std::string_view::npos ? s_.size() : end + 3;
      return;
    }
    if (rest.starts_with("<!") || rest.starts_with("<?")) {
      const std::size_t end = s_.find('>', pos_);
      pos_ = end == std::string_view::npos ? s_.size() : end + 1;
      return;
    }
    const bool closing = rest.size() > 1 && rest[1] == '/';
    const std::size_t name_at = pos_ + (closing ? 2 : 1);
    if (name_at >= s_.size() || !is_ascii_alpha(s_[name_at])) {
      add_text(s_.substr(pos_, 1));
      ++pos_;
      return;
    }
    tag(closing, name_at);
  }

  void tag(bool closing, std::size_t i) {
    HtmlToken t;
    t.kind = closing ? HtmlToken::Kind::kEndTag : HtmlToken::Kind::kStartTag;
    while (i < s_.size() && !is_tag_space(s_[i]) && s_[i] != '>' &&
           s_[i] != '/') {
      t.name += ascii_lower(s_[i++]);
    }
    // Attributes, up to the closing '>' that is not inside quotes.
    while (true) {
      while (i < s_.size() && (is_tag_space(s_[i]) || s_[i] == '/')) ++i;
      if (i >= s_.size()) {  // cut off: drop the tag
        pos_ = s_.size();
        return;
      }
      if (s_[i] == '>') break;
      std::string name;
      while (i < s_.size() && !is_tag_space(s_[i]) && s_[i] != '>' &&
             s_[i] != '=' && s_[i] != '/') {
        name += ascii_lower(s_[i++]);
      }
      while (i < s_.size() && is_tag_space(s_[i])) ++i;
      std::string value;
      if (i < s_.size() && s_[i] == '=') {
        ++i;
        while (i < s_.size() && is_tag_space(s_[i])) ++i;
        if (i < s_.size() && (s_[i] == '"' || s_[i] == '\'')) {
          const char quote = s_[i++];
          const std::size_t end = s_.find(quote, i);
          if (end == std::string_view::npos) {
            pos_ = s_.size();
            return;
          }
          value = s_.substr(i, end - i);
          i = end + 1;
        } else {
          while (i < s_.size() && !is_tag_space(s_[i]) && s_[i] != '>') {
            value += s_[i++];
          }
        }
      }
      if (name.empty()) {  // a stray '=' or the like: skip it
        ++i;
        continue;
      }
      t.attributes.emplace_back(std::move(name), std::move(value));
    }
    pos_ = i + 1;  // past '>'
    const std::string name = t.name;
    tokens_.push_back(std::move(t));
    if (!closing) raw_content(name);
  }

  // After <script>/<style> (dropped) or <title>/<textarea> (kept as text),
  // the content runs to the matching end tag, whatever it contains.
  void raw_content(const std::string& name) {
    const bool keep = name == "title" || name == "textarea";
    if (!keep && name != "script" && name != "style") return;
    const std::string end_tag = "</" + name;
    std::size_t end = find_ascii_ignore_case(s_, end_tag, pos_);
    if (end == std::string_view::npos) end = s_.size();
    if (keep) add_text(s_.substr(pos_, end - pos_));
    pos_ = end;
  }

  std::string_view s_;
  std::size_t pos_ = 0;
  std::vector<HtmlToken> tokens_;
};

}  // namespace

std::optional<std::string_view> HtmlToken::attribute(
    std::string_view attr) const {
  for (const auto& [name, value] : attributes) {
    if (name == attr) return std::string_view(value);
  }
  return std::nullopt;
}

std::vector<HtmlToken> tokenize_html(std::string_view html) {
  return Tokenizer(html).run();
}

}  // namespace ebill::source
