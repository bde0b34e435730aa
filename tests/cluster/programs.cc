#include "tests/cluster/programs.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <regex>

#include "collector/shard.h"
#include "common/storage/migrations.h"
#include "tests/sim/sim_process.h"
#include "tests/support/test_database.h"

namespace ebill::test {

namespace {

std::string api_binary() { return EBILL_API_BINARY; }


}  // namespace

Program::Program(std::string name, const std::string& binary, const std::vector<std::string>& args,
                 const Env& env, const std::string& dir)
    : name_(std::move(name)),
      log_path_(dir + "/program.log"),
      process_(std::make_unique<ChildProcess>(binary, args, env, dir, log_path_)) {}

std::string Program::log() const { return read_log(log_path_); }

bool Program::running() {
  if (!status_) status_ = process_->wait_for(std::chrono::milliseconds(0));
  return !status_.has_value();
}

void Program::signal(int sig) { process_->signal(sig); }

std::unique_ptr<Program> start_collector(const SimProcess& sim, const DatabaseSettings& db,
                                         const std::vector<std::string>& meters, int shard,
                                         int shards, int interval_s, const std::string& dir,
                                         const Env& extra) {
  const std::string shard_text = std::to_string(shard) + "/" + std::to_string(shards);
  const std::string own = dir + "/collector-" + std::to_string(shard);
  std::filesystem::create_directories(own);
  Env env = collector_env(sim, db, own + "/spool", meters);
  env["COLLECTOR_SHARD"] = shard_text;
  for (const auto& [key, value] : extra) env[key] = value;
  return std::make_unique<Program>(
      "collector " + shard_text + " on port " + std::to_string(db.port), collector_binary(),
      std::vector<std::string>{"--interval-seconds", std::to_string(interval_s)}, env, own);
}

std::unique_ptr<Program> start_api(const DatabaseSettings& db, const std::string& dir,
                                   int index, const Env& extra) {
  const std::string own = dir + "/api-" + std::to_string(index);
  std::filesystem::create_directories(own + "/web");
  Env env = database_env(db);
  env.insert({{"APP_TZ", kZone}, {"HOST", "127.0.0.1"}, {"WEB_ROOT", own + "/web"}});
  for (const auto& [name, value] : extra) env[name] = value;
  return std::make_unique<Program>("api " + std::to_string(index) + " on port " +
                                       std::to_string(db.port),
                                   api_binary(), std::vector<std::string>{"--port", "0"}, env,
                                   own);
}

bool stored_a_cycle(const Program& collector, std::size_t meters) {
  for (const CycleLine& c : cycle_lines(collector.log())) {
    if (c.stored && c.ok == meters && c.failed == 0) return true;
  }
  return false;
}

int api_port(const Program& api) {
  static const std::regex kListening(R"(listening on 127\.0\.0\.1:(\d+))");
  std::smatch m;
  const std::string log = api.log();
  return std::regex_search(log, m, kListening) ? std::stoi(m[1]) : 0;
}

bool api_ready(const Program& api) {
  const int port = api_port(api);
  if (port == 0) return false;
  try {
    http_get("http://127.0.0.1:" + std::to_string(port) + "/readyz");
    return true;
  } catch (const std::exception&) {
    return false;  // 503 until the database is open
  }
}

std::size_t times_applied(const Programs& programs, int version) {
  char needle[32];
  std::snprintf(needle, sizeof needle, " migration %03d applied", version);
  std::size_t n = 0;
  for (const auto& p : programs) {
    const std::string log = p->log();
    for (auto at = log.find(needle); at != std::string::npos; at = log.find(needle, at + 1)) ++n;
  }
  return n;
}

std::string describe(const Programs& programs) {
  std::string out;
  for (const auto& p : programs) {
    out += "--- " + p->name();
    if (p->exit_status()) out += " (exited " + std::to_string(*p->exit_status()) + ")";
    out += "\n" + p->log();
  }
  return out;
}

void check_each_shard_polled(Programs& programs, int shards, const std::vector<std::string>& meters,
                             std::chrono::seconds timeout) {
  for (int k = 0; k < shards; ++k) {
    const auto mine = static_cast<std::size_t>(std::count_if(
        meters.begin(), meters.end(), [&](const std::string& m) { return collector::shard_of(m, shards) == k; }));
    Program& p = *programs[k];
    const bool polled = wait_until([&] { return stored_a_cycle(p, mine) || !p.running(); }, timeout);
    INFO(describe(programs));
    CHECK(polled);
    CHECK(stored_a_cycle(p, mine));
  }
}

void check_each_migration_applied_once(const Programs& programs, bool mysql) {
  INFO(describe(programs));
  for (const auto& m :
       storage::embedded_migrations(mysql ? storage::Dialect::kMysql : storage::Dialect::kSqlite)) {
    INFO("migration " << m.version);
    CHECK(times_applied(programs, m.version) == 1);
  }
}

void check_all_running(Programs& programs) {
  for (auto& p : programs) {
    INFO(describe(programs));
    CHECK(p->running());
  }
}

void check_versions_recorded(const DatabaseSettings& db) {
  const bool mysql = db.backend == DatabaseSettings::Backend::kMysql;
  std::vector<std::vector<std::string>> embedded;
  for (const auto& m :
       storage::embedded_migrations(mysql ? storage::Dialect::kMysql : storage::Dialect::kSqlite)) {
    embedded.push_back({std::to_string(m.version)});
  }
  INFO("database " << db.name << db.sqlite_path << " port " << db.port);
  CHECK(query_rows(db, "SELECT CAST(version AS CHAR) FROM schema_migrations ORDER BY version") ==
        embedded);
}

}  // namespace ebill::test
