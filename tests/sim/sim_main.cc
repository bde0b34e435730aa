// ebill-meter-sim: a local stand-in for the cnyiot recharge site.
//
//   ebill-meter-sim [serve] [--host H] [--port P] [--threads N] [--seed S]
//                   [--speed X] [--start "YYYY-MM-DD HH:MM:SS"] [--tz ZONE]
//                   [--fault MODE] [--faults SUFFIX:MODE,...] [--slow-ms MS]
//                   [--latency-ms MS]
//   ebill-meter-sim history --meters A,B,... [--days D] [--interval SEC]
//                   [--seed S] [--end "YYYY-MM-DD HH:MM:SS"] [--tz ZONE]
//
// serve prints "listening on HOST:PORT" as its first stdout line.
#include <charconv>
#include <cstdlib>
#include <ctime>
#include <iostream>
#include <map>
#include <string>
#include <vector>

#include "common/time/time_zone.h"
#include "tests/sim/fault_mode.h"
#include "tests/sim/history.h"
#include "tests/sim/http_server.h"
#include "tests/sim/sim_service.h"

namespace {

using namespace ebill;

constexpr const char* kUsage = R"(usage:
  ebill-meter-sim [serve] [--host 127.0.0.1] [--port 8090] [--threads 2] [--seed 1]
                  [--speed 1] [--start "YYYY-MM-DD HH:MM:SS"] [--tz Asia/Shanghai]
                  [--fault MODE] [--faults SUFFIX:MODE,...] [--slow-ms 20000] [--latency-ms 0]
  ebill-meter-sim history --meters A,B,... [--days 30] [--interval 300] [--seed 1]
                  [--end "YYYY-MM-DD HH:MM:SS"] [--tz Asia/Shanghai]
fault modes: none slow http500 http502 http405 block truncated garbled nobalance othermeter reset
)";

[[noreturn]] void usage_error(const std::string& why) {
  std::cerr << "ebill-meter-sim: " << why << "\n" << kUsage;
  std::exit(2);
}

// "--key value" and "--key=value" pairs.
std::map<std::string, std::string> parse_flags(int argc, char** argv, int first) {
  std::map<std::string, std::string> flags;
  for (int i = first; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::cout << kUsage;
      std::exit(0);
    }
    if (!arg.starts_with("--")) usage_error("unexpected argument " + arg);
    const std::size_t eq = arg.find('=');
    if (eq != std::string::npos) {
      flags[arg.substr(2, eq - 2)] = arg.substr(eq + 1);
    } else if (i + 1 < argc) {
      flags[arg.substr(2)] = argv[++i];
    } else {
      usage_error("missing value for " + arg);
    }
  }
  return flags;
}

std::string flag(const std::map<std::string, std::string>& flags, const std::string& key,
                 const std::string& fallback) {
  auto it = flags.find(key);
  return it == flags.end() ? fallback : it->second;
}

template <typename T>
T number(const std::map<std::string, std::string>& flags, const std::string& key, T fallback) {
  auto it = flags.find(key);
  if (it == flags.end()) return fallback;
  T value{};
  const std::string& s = it->second;
  const auto res = std::from_chars(s.data(), s.data() + s.size(), value);
  if (res.ec != std::errc() || res.ptr != s.data() + s.size()) usage_error("bad --" + key);
  return value;
}

void check_known(const std::map<std::string, std::string>& flags,
                 const std::vector<std::string>& known) {
  for (const auto& [key, value] : flags) {
    bool found = false;
    for (const auto& k : known) found = found || k == key;
    if (!found) usage_error("unknown option --" + key);
  }
}

LocalSeconds time_flag(const std::map<std::string, std::string>& flags, const std::string& key) {
  auto it = flags.find(key);
  if (it == flags.end()) return to_local(std::time(nullptr));
  const auto t = parse_datetime(it->second);
  if (!t) usage_error("bad --" + key + " (want YYYY-MM-DD HH:MM:SS)");
  return *t;
}

void install_zone(const std::map<std::string, std::string>& flags) {
  const char* env = std::getenv("APP_TZ");
  const std::string zone = flag(flags, "tz", env && *env ? env : "Asia/Shanghai");
  const std::string problem = check_time_zone(zone);
  if (!problem.empty()) usage_error(problem);
  install_time_zone(zone);
}

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t comma = std::min(text.find(',', start), text.size());
    if (comma > start) out.push_back(text.substr(start, comma - start));
    start = comma + 1;
  }
  return out;
}

int history(int argc, char** argv) {
  const auto flags = parse_flags(argc, argv, 2);
  check_known(flags, {"meters", "days", "interval", "seed", "end", "tz"});
  install_zone(flags);
  const auto meters = split_list(flag(flags, "meters", ""));
  if (meters.empty()) usage_error("history needs --meters");
  const int days = number(flags, "days", 30);
  const int interval = number(flags, "interval", 300);
  if (days < 0 || interval <= 0) usage_error("--days must be >= 0 and --interval > 0");
  LocalSeconds end = time_flag(flags, "end");
  end -= ((end % interval) + interval) % interval;
  std::ios::sync_with_stdio(false);
  sim::write_history(std::cout, number<std::uint64_t>(flags, "seed", 1), meters,
                     end - static_cast<LocalSeconds>(days) * kSecondsPerDay, end, interval);
  std::cout.flush();
  return std::cout ? 0 : 1;
}

int serve(int argc, char** argv, int first) {
  const auto flags = parse_flags(argc, argv, first);
  check_known(flags, {"host", "port", "threads", "seed", "speed", "start", "tz", "fault", "faults",
                      "slow-ms", "latency-ms"});
  install_zone(flags);
  sim::FaultRules faults;
  const std::string problem = faults.add_suffix_rules(flag(flags, "faults", ""));
  if (!problem.empty()) usage_error(problem);
  const auto global = sim::parse_fault(flag(flags, "fault", "none"));
  if (!global) usage_error("unknown --fault mode");
  faults.set_global(*global);

  sim::SimOptions options;
  options.seed = number<std::uint64_t>(flags, "seed", 1);
  options.slow_ms = number(flags, "slow-ms", 20000);
  options.latency_ms = number(flags, "latency-ms", 0);
  const double speed = number(flags, "speed", 1.0);
  if (speed < 0) usage_error("--speed must be >= 0");
  sim::SimService service(options, sim::SimClock(time_flag(flags, "start"), speed), &faults);

  sim::ServerOptions server;
  server.host = flag(flags, "host", server.host);
  server.port = number(flags, "port", server.port);
  server.threads = number(flags, "threads", server.threads);
  return sim::run_server(server, &service, [](const std::string& host, int port) {
    std::cout << "listening on " << host << ":" << port << std::endl;
  });
}

}  // namespace

int main(int argc, char** argv) {
  const std::string command = argc > 1 ? argv[1] : "";
  if (command == "history") return history(argc, argv);
  if (command == "serve") return serve(argc, argv, 2);
  return serve(argc, argv, 1);
}
