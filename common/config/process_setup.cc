#include "common/config/process_setup.h"

#include "common/log/log.h"
#include "common/time/time_zone.h"

namespace ebill {

void apply_general_settings(const GeneralSettings& general) {
  log::set_level(general.log_level);
  install_time_zone(general.time_zone);
  if (const std::string caveat = time_zone_caveat(); !caveat.empty()) {
    log::warn("{} ({})", caveat, general.time_zone);
  }
}

}  // namespace ebill
