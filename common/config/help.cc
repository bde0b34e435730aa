#include "common/config/help.h"

#include <fmt/format.h>

namespace ebill {

namespace {

std::string shown_default(const ConfigVariable& v) {
  return v.default_value.empty() ? "(unset)" : v.default_value;
}

const char* readers(UsedBy used_by) {
  switch (used_by) {
    case UsedBy::kBoth: return "both";
    case UsedBy::kCollector: return "collector";
    case UsedBy::kApi: return "api";
  }
  return "?";
}

std::string escaped_cell(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '|') out += '\\';
    out += c;
  }
  return out;
}

}  // namespace

std::string help_text(Program program) {
  std::string out =
      "Configuration (environment variables, or KEY=value lines in ./.env;\n"
      "the environment wins):\n";
  std::string_view section;
  for (const ConfigVariable& v : config_variables()) {
    if (!v.listed || !used_by(v, program)) continue;
    if (v.section != section) {
      section = v.section;
      out += fmt::format("\n {}:\n", section);
    }
    out += fmt::format("  {:<30} default: {}\n      {}\n", v.name, shown_default(v), v.meaning);
  }
  return out;
}

std::string reference_markdown() {
  std::string out =
      "| Variable | Default | Used by | Meaning |\n"
      "|---|---|---|---|\n";
  for (const ConfigVariable& v : config_variables()) {
    if (!v.listed) continue;
    out += fmt::format("| `{}` | {} | {} | {}{} |\n", v.name,
                       v.default_value.empty() ? "(unset)" : fmt::format("`{}`", v.default_value),
                       readers(v.used_by), escaped_cell(v.meaning),
                       v.secret ? " (secret: never logged)" : "");
  }
  return out;
}

}  // namespace ebill
