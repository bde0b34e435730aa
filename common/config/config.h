// The whole configuration of ebill-collector and ebill-api, loaded once at
// start from the environment and ./.env. An invalid value is one ConfigError
// line; programs print it and exit 2. Unknown variables are ignored.
#ifndef EBILL_COMMON_CONFIG_CONFIG_H_
#define EBILL_COMMON_CONFIG_CONFIG_H_

#include <string>
#include <vector>

#include "common/base/result.h"
#include "common/config/config_error.h"
#include "common/config/database_settings.h"
#include "common/config/environment.h"
#include "common/config/meter_config.h"
#include "common/config/settings.h"

namespace ebill {

struct Config {
  GeneralSettings general;
  DatabaseSettings database;
  std::vector<MeterConfig> meters;  // may be empty (the demo then simulates)
  UsageSettings usage;
  FetchSettings fetch;
  CollectorSettings collector;
  ApiSettings api;
  NotifySettings notify;
  // Settings that were accepted but ignored, for the start-up log.
  std::vector<std::string> warnings;
};

// Builds the Config from `env` (registry.h lists every variable). Checks
// APP_TZ against the installed zone files; reads nothing else from outside.
Result<Config, ConfigError> load_config(const Environment& env);

// load_config(merge_environment(process_environment(), <dotenv_path>)).
Result<Config, ConfigError> load_config_from_process(const std::string& dotenv_path = ".env");

}  // namespace ebill

#endif  // EBILL_COMMON_CONFIG_CONFIG_H_
