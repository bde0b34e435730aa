// Every configuration variable, in one table: its name, default, meaning and
// which program reads it. The loader takes defaults from here, `--help` and
// docs/configuration.md are generated from it.
#ifndef EBILL_COMMON_CONFIG_REGISTRY_H_
#define EBILL_COMMON_CONFIG_REGISTRY_H_

#include <span>
#include <string>
#include <string_view>

namespace ebill {

enum class Program { kCollector, kApi };
enum class UsedBy { kBoth, kCollector, kApi };

struct ConfigVariable {
  std::string_view name;           // e.g. "FETCH_INTERVAL_SECONDS"
  std::string_view default_value;  // text used when unset or empty; "" = unset
  std::string_view meaning;        // one line
  std::string_view section;        // "General", "Database", "Meters", ...
  UsedBy used_by = UsedBy::kBoth;
  bool secret = false;             // never echoed in errors or logs
};

// The whole table, grouped by section in display order.
std::span<const ConfigVariable> config_variables();

// The entry for `name`, or nullptr when ebill has no such variable.
const ConfigVariable* find_config_variable(std::string_view name);

// True when `program` reads the variable.
bool used_by(const ConfigVariable& v, Program program);

// The "Configuration" part of `--help` for `program`: every variable it
// reads, with its default and meaning, grouped by section.
std::string help_text(Program program);

// The Markdown reference table (one row per variable) that
// docs/configuration.md embeds verbatim.
std::string reference_markdown();

}  // namespace ebill

#endif  // EBILL_COMMON_CONFIG_REGISTRY_H_
