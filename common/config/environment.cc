#include "common/config/environment.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

extern char** environ;  // NOLINT: POSIX

namespace ebill {

namespace {

bool is_space(char c) { return c == ' ' || c == '\t'; }

bool is_key_char(char c, bool first) {
  return c == '_' || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
         (!first && c >= '0' && c <= '9');
}

// Walks the text line by line; a quoted value may consume further lines.
class DotenvParser {
 public:
  DotenvParser(std::string_view text, const std::string& file)
      : text_(text), file_(file) {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") text_.remove_prefix(3);  // BOM
  }

  Result<Environment, ConfigError> parse() {
    Environment env;
    while (pos_ < text_.size()) {
      start_line_ = line_;
      skip_spaces();
      if (at_line_end()) { next_line(); continue; }
      if (peek() == '#') { skip_to_line_end(); next_line(); continue; }
      if (text_.substr(pos_, 7) == "export " || text_.substr(pos_, 7) == "export\t") {
        pos_ += 7;
        skip_spaces();
      }
      std::string key;
      while (pos_ < text_.size() && is_key_char(peek(), key.empty())) key += text_[pos_++];
      if (key.empty()) return bad("expected KEY=value");
      skip_spaces();
      if (pos_ >= text_.size() || peek() != '=') return bad("expected '=' after " + key);
      ++pos_;
      skip_spaces();
      std::string value;
      if (!at_line_end() && (peek() == '"' || peek() == '\'')) {
        if (!quoted(&value)) return bad("unterminated quoted value for " + key);
        skip_spaces();
        if (!at_line_end() && peek() != '#') {
          return bad("unexpected text after the closing quote of " + key);
        }
      } else {
        value = unquoted();
      }
      skip_to_line_end();
      next_line();
      env[key] = std::move(value);
    }
    return env;
  }

 private:
  char peek() const { return text_[pos_]; }
  bool at_line_end() const {
    return pos_ >= text_.size() || peek() == '\n' ||
           (peek() == '\r' && (pos_ + 1 >= text_.size() || text_[pos_ + 1] == '\n'));
  }
  void skip_spaces() { while (pos_ < text_.size() && is_space(peek())) ++pos_; }
  void skip_to_line_end() { while (!at_line_end()) ++pos_; }
  void next_line() {
    if (pos_ < text_.size() && peek() == '\r') ++pos_;
    if (pos_ < text_.size() && peek() == '\n') { ++pos_; ++line_; }
  }

  // Unquoted: up to the end of the line or a '#' preceded by whitespace,
  // trailing whitespace removed.
  std::string unquoted() {
    std::string value;
    while (!at_line_end()) {
      if (peek() == '#' && (value.empty() || is_space(value.back()))) break;
      value += text_[pos_++];
    }
    while (!value.empty() && is_space(value.back())) value.pop_back();
    return value;
  }

  bool quoted(std::string* out) {
    const char quote = text_[pos_++];
    while (pos_ < text_.size()) {
      char c = text_[pos_++];
      if (c == quote) return true;
      if (c == '\n') ++line_;
      if (c == '\\' && quote == '"' && pos_ < text_.size()) {
        const char e = text_[pos_++];
        switch (e) {
          case 'n': c = '\n'; break;
          case 't': c = '\t'; break;
          case 'r': c = '\r'; break;
          case '"': case '\\': case '$': c = e; break;
          default: out->push_back('\\'); c = e; break;
        }
      }
      out->push_back(c);
    }
    return false;
  }

  Failure<ConfigError> bad(const std::string& what) const {
    return fail(ConfigError{fmt::format("{}:{}: {}", file_, start_line_, what)});
  }

  std::string_view text_;
  const std::string& file_;
  std::size_t pos_ = 0;
  int line_ = 1;
  int start_line_ = 1;
};

}  // namespace

Result<Environment, ConfigError> parse_dotenv(std::string_view text,
                                              const std::string& file_name) {
  return DotenvParser(text, file_name).parse();
}

Result<Environment, ConfigError> read_dotenv_file(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec) && !ec) return Environment{};
  std::ifstream in(path, std::ios::binary);
  if (!in || std::filesystem::is_directory(path, ec)) {
    return fail(ConfigError{fmt::format("{}: cannot read the file", path)});
  }
  std::ostringstream s;
  s << in.rdbuf();
  if (in.bad()) return fail(ConfigError{fmt::format("{}: cannot read", path)});
  return parse_dotenv(s.str(), path);
}

Environment process_environment() {
  Environment env;
  for (char** p = environ; p && *p; ++p) {
    std::string_view entry(*p);
    const auto eq = entry.find('=');
    if (eq == std::string_view::npos) continue;
    env.emplace(std::string(entry.substr(0, eq)), std::string(entry.substr(eq + 1)));
  }
  return env;
}

Environment merge_environment(const Environment& process, const Environment& file) {
  Environment merged = file;
  for (const auto& [key, value] : process) {
    if (!value.empty() || !merged.contains(key)) merged[key] = value;
  }
  return merged;
}

}  // namespace ebill
