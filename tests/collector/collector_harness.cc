#include "tests/collector/collector_harness.h"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <ctime>
#include <regex>
#include <stdexcept>
#include <thread>

namespace ebill::test {

std::string collector_binary() { return EBILL_COLLECTOR_BINARY; }

void align_to_second() {
  const std::time_t now = std::time(nullptr);
  while (std::time(nullptr) == now) std::this_thread::sleep_for(std::chrono::milliseconds(2));
}

std::vector<std::string> meter_numbers(int count) {
  std::vector<std::string> meters;
  for (int i = 0; i < count; ++i) meters.push_back(std::to_string(19501600000LL + i));
  return meters;
}

std::string join(const std::vector<std::string>& items, const std::string& sep) {
  std::string out;
  for (const std::string& s : items) {
    if (!out.empty()) out += sep;
    out += s;
  }
  return out;
}

Env collector_env(const SimProcess& sim, const DatabaseSettings& db, const std::string& spool_dir,
                  const std::vector<std::string>& meters) {
  Env env = {
      {"APP_TZ", kZone},
      {"LOG_LEVEL", "info"},
      {"METER_SOURCE_URL", sim.url("/nat/pay.aspx?mid={meter}")},
      {"SPOOL_DIR", spool_dir},
      {"FETCH_CONCURRENCY", "16"},
      {"FETCH_MAX_RPS", "0"},
      {"FETCH_RETRIES", "0"},
      {"FETCH_CONNECT_TIMEOUT", "1"},
      {"FETCH_TIMEOUT", "2"},
  };
  if (!meters.empty()) env.insert({"METERS", join(meters, ",")});
  env.merge(database_env(db));
  return env;
}

Env database_env(const DatabaseSettings& db) {
  if (db.backend == DatabaseSettings::Backend::kSqlite) return {{"SQLITE_PATH", db.sqlite_path}};
  return {{"DB_HOST", db.host},
          {"DB_PORT", std::to_string(db.port)},
          {"DB_USER", db.user},
          {"DB_PASSWORD", db.password},
          {"DB_NAME", db.name},
          {"DB_CONNECT_TIMEOUT", std::string("2")}};
}

std::vector<CycleLine> cycle_lines(const std::string& log_text) {
  static const std::regex kLine(
      R"(cycle ok=(\d+) failed=(\d+) skipped=(\d+) duration=([0-9.]+)s stored=(yes|no) spool=(\d+))");
  std::vector<CycleLine> lines;
  for (auto it = std::sregex_iterator(log_text.begin(), log_text.end(), kLine);
       it != std::sregex_iterator(); ++it) {
    const std::smatch& m = *it;
    lines.push_back(CycleLine{std::stoul(m[1]), std::stoul(m[2]), std::stoul(m[3]),
                              std::stoul(m[6]), m[5] == "yes", std::stod(m[4])});
  }
  return lines;
}

int sim_requests(const SimProcess& sim, const std::string& meter_no) {
  const std::string body = http_get(sim.url("/_control/stats?mid=" + meter_no));
  static const std::regex kRequests(R"("requests":(\d+))");
  std::smatch m;
  if (!std::regex_search(body, m, kRequests)) return -1;
  return std::stoi(m[1]);
}

std::map<std::string, int> sim_requests_per_meter(const SimProcess& sim) {
  const std::string body = http_get(sim.url("/_control/stats"));
  const std::size_t meters = body.find("\"meters\":{");
  if (meters == std::string::npos) throw std::runtime_error("/_control/stats: no meters: " + body);
  static const std::regex kMeter(R"re("([0-9A-Za-z-]+)":(\d+))re");
  std::map<std::string, int> out;
  const std::string list = body.substr(meters + 10);
  for (auto it = std::sregex_iterator(list.begin(), list.end(), kMeter); it != std::sregex_iterator();
       ++it) {
    out[(*it)[1]] = std::stoi((*it)[2]);
  }
  return out;
}

std::vector<MeterTally> tally(const SimProcess& sim, const TestDatabase& db,
                              const std::vector<std::string>& meters) {
  std::vector<MeterTally> out;
  for (const std::string& m : meters) {
    const auto row = db.rows(
        "SELECT COUNT(*), COUNT(DISTINCT collected_at) FROM electricity_balance WHERE meter_no = '" +
        m + "'");
    out.push_back(MeterTally{m, sim_requests(sim, m), std::stoi(row.at(0).at(0)),
                             std::stoi(row.at(0).at(1))});
  }
  return out;
}


}  // namespace ebill::test
