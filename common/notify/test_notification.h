// GET /test_notification: sends a test message, with the meter's current
// daily report, to every target of that meter and says how it went, in the
// shape existing installations answer.
#ifndef EBILL_COMMON_NOTIFY_TEST_NOTIFICATION_H_
#define EBILL_COMMON_NOTIFY_TEST_NOTIFICATION_H_

#include <string>

#include "common/config/config.h"
#include "common/storage/database.h"
#include "common/time/civil_time.h"

namespace ebill::notify {

struct TestNotificationResult {
  bool success = false;     // at least one target accepted the message
  std::string message;      // how many targets accepted, or why none did (no secrets)
  std::string device_name;  // the meter's display name
  std::string report;       // the report text that was sent
};

// Sends synchronously on the calling thread: one attempt per target, one
// after another, each bounded by NOTIFY_TIMEOUT_SECONDS. The name comes from
// the configuration, else the `meter` table, else the meter number; the
// targets from the configuration (none: success = false, nothing sent).
// `now` is local time (APP_TZ). Throws StorageUnavailable / StorageError
// when the readings cannot be read.
TestNotificationResult send_test_notification(storage::Database& db, const Config& config,
                                              const std::string& meter_no, LocalSeconds now);

}  // namespace ebill::notify

#endif  // EBILL_COMMON_NOTIFY_TEST_NOTIFICATION_H_
