// Real ebill-collector and ebill-api processes started together for a test:
// each is forked right after the previous one (milliseconds apart, so their
// start-ups and migrations overlap), with its own directory and log file.
// Killed (SIGKILL) when the Program goes away.
#ifndef EBILL_TESTS_CLUSTER_PROGRAMS_H_
#define EBILL_TESTS_CLUSTER_PROGRAMS_H_

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/config/database_settings.h"
#include "tests/collector/collector_harness.h"

namespace ebill::test {

class Program {
 public:
  Program(std::string name, const std::string& binary, const std::vector<std::string>& args,
          const Env& env, const std::string& dir);

  const std::string& name() const { return name_; }
  std::string log() const;  // stdout and stderr so far
  // True while the process runs; once it exited, its status stays known.
  bool running();
  void signal(int sig);
  std::optional<int> exit_status() const { return status_; }

 private:
  std::string name_;
  std::string log_path_;
  std::unique_ptr<ChildProcess> process_;
  std::optional<int> status_;
};

using Programs = std::vector<std::unique_ptr<Program>>;

// ebill-collector polling `meters` (shard `shard` of `shards`) every
// `interval_s` seconds from `sim`, on `db`, with a spool under `dir`;
// `extra` adds or overrides settings.
std::unique_ptr<Program> start_collector(const SimProcess& sim, const DatabaseSettings& db,
                                         const std::vector<std::string>& meters, int shard,
                                         int shards, int interval_s, const std::string& dir,
                                         const Env& extra = {});
// ebill-api on 127.0.0.1, a free port, `db`, an empty web root under `dir`,
// plus the settings of `extra`.
std::unique_ptr<Program> start_api(const DatabaseSettings& db, const std::string& dir,
                                   int index, const Env& extra = {});

// Whether the collector logged a cycle that fetched `meters` meters and
// stored them.
bool stored_a_cycle(const Program& collector, std::size_t meters);
// The port of an api's "listening on 127.0.0.1:PORT" line, 0 before it.
int api_port(const Program& api);
// Whether the api answers 200 on /readyz (it has the database open).
bool api_ready(const Program& api);

// How many "migration NNN applied" lines of `version` the programs logged
// together.
std::size_t times_applied(const Programs& programs, int version);

// Catch2 checks: programs[k] for k < shards, collector k/shards, stores a
// whole cycle of its shard of `meters` within `timeout`; and each embedded
// MySQL/SQLite migration was logged as applied by exactly one program.
void check_each_shard_polled(Programs& programs, int shards, const std::vector<std::string>& meters,
                             std::chrono::seconds timeout);
void check_each_migration_applied_once(const Programs& programs, bool mysql);
// Catch2 checks: every program still runs.
void check_all_running(Programs& programs);
// Catch2 check: schema_migrations of `db` records exactly the embedded
// versions.
void check_versions_recorded(const DatabaseSettings& db);
// Every program's name, state and log, for failure messages.
std::string describe(const Programs& programs);

}  // namespace ebill::test

#endif  // EBILL_TESTS_CLUSTER_PROGRAMS_H_
