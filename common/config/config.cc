#include "common/config/config.h"

#include <fmt/format.h>

#include "common/config/config_text.h"
#include "common/config/named_secret.h"
#include "common/config/registry.h"

namespace ebill {

namespace {

// The raw text of `name`; "" when unset.
std::string_view raw(const Environment& env, std::string_view name) {
  const auto it = env.find(name);
  return it == env.end() ? std::string_view() : std::string_view(it->second);
}

// Settings that follow from others.
void derive(Config* c) {
  c->database.backend = c->database.host.empty() ? DatabaseSettings::Backend::kSqlite
                                                 : DatabaseSettings::Backend::kMysql;
  c->database.summary_gap_minutes = c->usage.gap_minutes;
}

}  // namespace

Result<Config, ConfigError> load_config(const Environment& env) {
  Config config;
  // In table order, so a rule may look at the variables above it. An unset
  // or empty variable is read as its default's text.
  for (const ConfigVariable& v : config_variables()) {
    if (!v.value.read) continue;
    std::string_view set = raw(env, v.name);
    std::string named;  // the value given by <name>_env
    if (v.by_name) {
      const std::string env_key = std::string(v.name) + "_env";
      if (const std::string_view name = raw(env, env_key); !name.empty()) {
        if (!set.empty()) return fail(ConfigError{fmt::format("give {} or {}, not both", v.name, env_key)});
        auto value = secret_named_by(env, name);
        if (!value) return fail(ConfigError{fmt::format("{}: {}", env_key, value.error())});
        named = std::move(value).value();
        set = named;
      }
    }
    const std::string_view text = set.empty() ? std::string_view(v.default_value) : set;
    if (const std::string why = v.value.read(text, config); !why.empty()) {
      return fail(ConfigError{fmt::format("{}: {} {}", v.name, why, shown_value(text, v.secret))});
    }
  }
  derive(&config);
  auto meters = meters_from_environment(env, &config.warnings);
  if (!meters) return fail(meters.error());
  config.meters = std::move(meters).value();
  return config;
}

Result<Config, ConfigError> load_config_from_process(const std::string& dotenv_path) {
  auto file = read_dotenv_file(dotenv_path);
  if (!file) return fail(file.error());
  return load_config(merge_environment(process_environment(), *file));
}

}  // namespace ebill
