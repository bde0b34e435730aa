// Every configuration variable, in one table (registry.cc): its name, which
// program reads it, how its value is parsed into Config (the member it fills
// and its bounds), whether it is secret, and one line of help. The loader,
// --help, docs/configuration.md and the start-up summary are all driven by
// it. Adding a setting: a member (with its default) in settings.h, one line
// in registry.cc, then scripts/config-docs.
#ifndef EBILL_COMMON_CONFIG_REGISTRY_H_
#define EBILL_COMMON_CONFIG_REGISTRY_H_

#include <span>
#include <string>
#include <string_view>

#include "common/config/setting_value.h"

namespace ebill {

enum class Program { kCollector, kApi };
enum class UsedBy { kBoth, kCollector, kApi };

struct ConfigVariable {
  std::string_view name;     // e.g. "FETCH_INTERVAL_SECONDS"
  UsedBy used_by = UsedBy::kBoth;
  SettingValue value;        // parser, member, bounds, display
  std::string_view meaning;  // one line
  bool secret = false;       // never echoed in errors or logs
  // Also given by name: `<name>_env` holds the name of the variable that
  // holds the value (named_secret.h); giving both is an error.
  bool by_name = false;
  // Filled when the table is built:
  std::string_view section{};  // "General", "Database", "Meters", ...
  bool listed = true;        // false for test hooks: not in --help, docs or the summary
  std::string default_value{};  // the member's default as text; "" = unset
};

// The whole table, grouped by section in display order; built on first use.
std::span<const ConfigVariable> config_variables();

// The entry for `name`, or nullptr when ebill has no such variable.
const ConfigVariable* find_config_variable(std::string_view name);

// True when `program` reads the variable.
bool used_by(const ConfigVariable& v, Program program);

}  // namespace ebill

#endif  // EBILL_COMMON_CONFIG_REGISTRY_H_
