// Running the real ebill-collector against the real simulator for a test:
// the environment that points one at the other and at a test database, the
// meters, and reading the collector's cycle log lines back.
#ifndef EBILL_TESTS_COLLECTOR_COLLECTOR_HARNESS_H_
#define EBILL_TESTS_COLLECTOR_COLLECTOR_HARNESS_H_

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "common/config/database_settings.h"
#include "tests/collector/child_process.h"
#include "tests/sim/sim_process.h"
#include "tests/support/test_database.h"

namespace ebill::test {

inline constexpr const char* kZone = "Asia/Shanghai";

std::string collector_binary();

// `count` meter numbers "19501600000", "19501600001", ...
std::vector<std::string> meter_numbers(int count);
std::string join(const std::vector<std::string>& items, const std::string& sep);

// APP_TZ, the database, METERS, METER_SOURCE_URL at `sim`, SPOOL_DIR, and
// quick fetch settings (no rate cap, no retries, 1 s / 2 s timeouts).
Env collector_env(const SimProcess& sim, const DatabaseSettings& db, const std::string& spool_dir,
                  const std::vector<std::string>& meters);

// The variables that point either program at `db`: SQLITE_PATH, or DB_HOST,
// DB_PORT, DB_USER, DB_PASSWORD, DB_NAME and a 2 s DB_CONNECT_TIMEOUT.
Env database_env(const DatabaseSettings& db);

// One "cycle ok=.. failed=.. skipped=.. duration=..s stored=yes|no spool=.."
// log line.
struct CycleLine {
  std::size_t ok = 0, failed = 0, skipped = 0, spool = 0;
  bool stored = false;
  double duration_s = 0;
};
std::vector<CycleLine> cycle_lines(const std::string& log_text);


// Sleeps until the wall clock has just entered a new second (readings are
// stamped to the second).
void align_to_second();

// The simulator's page request count for `meter_no` (/_control/stats).
int sim_requests(const SimProcess& sim, const std::string& meter_no);
// Every meter's page request count at once (/_control/stats), by meter.
std::map<std::string, int> sim_requests_per_meter(const SimProcess& sim);

// The oracle outside the collector: for each meter, the pages the simulator
// served (its /_control/stats; each healthy page is one reading) and the
// rows and distinct times the database holds for it.
struct MeterTally {
  std::string meter_no;
  int served = 0;
  int rows = 0;
  int distinct_times = 0;
};
std::vector<MeterTally> tally(const SimProcess& sim, const TestDatabase& db,
                              const std::vector<std::string>& meters);

}  // namespace ebill::test

#endif  // EBILL_TESTS_COLLECTOR_COLLECTOR_HARNESS_H_
