// What both programs do with the general settings at start.
#ifndef EBILL_COMMON_CONFIG_PROCESS_SETUP_H_
#define EBILL_COMMON_CONFIG_PROCESS_SETUP_H_

#include "common/config/settings.h"

namespace ebill {

// Sets LOG_LEVEL and installs APP_TZ as the process zone, logging a warning
// when that zone has daylight saving (see time_zone_caveat()). REQUIRES: the
// zone passed configuration checks; no other thread is running yet.
void apply_general_settings(const GeneralSettings& general);

}  // namespace ebill

#endif  // EBILL_COMMON_CONFIG_PROCESS_SETUP_H_
