#include "tests/cluster/galera_cluster.h"

#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <stdexcept>

#include "tests/collector/child_process.h"
#include "tests/support/test_database.h"

namespace ebill::test {

namespace {

std::string env(const char* name) {
  const char* v = std::getenv(name);
  return v ? v : "";
}

}  // namespace

std::optional<GaleraCluster> galera_cluster() {
  const std::string ports = env("EBILL_TEST_GALERA_PORTS");
  if (ports.empty()) {
    if (env("CI") == "true") {
      throw std::runtime_error(
          "EBILL_TEST_GALERA_PORTS is not set: on CI the cluster tests need the Galera cluster "
          "that scripts/test starts");
    }
    std::printf("%s: EBILL_TEST_GALERA_PORTS is not set (run scripts/test)\n", kNoClusterMarker);
    return std::nullopt;
  }
  GaleraCluster cluster;
  std::istringstream list(ports);
  for (std::string port; std::getline(list, port, ',');) {
    DatabaseSettings s;
    s.backend = DatabaseSettings::Backend::kMysql;
    s.host = env("EBILL_TEST_GALERA_HOST");
    s.port = std::stoi(port);
    s.user = env("EBILL_TEST_GALERA_USER");
    s.password = env("EBILL_TEST_GALERA_PASSWORD");
    s.connect_timeout_s = 2;
    s.read_timeout_s = 10;
    s.write_timeout_s = 10;
    s.pool_size = 2;
    cluster.nodes.push_back(s);
  }
  if (cluster.nodes.size() != 3) throw std::runtime_error("EBILL_TEST_GALERA_PORTS: want 3 ports");
  return cluster;
}

std::vector<DatabaseSettings> on_each_node(const GaleraCluster& cluster, const std::string& name) {
  std::vector<DatabaseSettings> via;
  for (const DatabaseSettings& node : cluster.nodes) {
    via.push_back(node);
    via.back().name = name;
    const bool reachable = wait_until([&] {
      try {
        query_rows(via.back(), "SELECT 1");
        return true;
      } catch (const std::exception&) {
        return false;
      }
    }, std::chrono::seconds(30));
    if (!reachable) {
      throw std::runtime_error("database " + name + " not reachable on port " +
                               std::to_string(node.port));
    }
  }
  return via;
}

void galera_ctl(const std::string& action, int node) {
  const std::string ctl = env("EBILL_TEST_GALERA_CTL");
  if (ctl.empty()) throw std::runtime_error("EBILL_TEST_GALERA_CTL is not set: run scripts/test");
  const std::string command = "'" + ctl + "' " + action + " " + std::to_string(node);
  if (std::system(command.c_str()) != 0) throw std::runtime_error(command + " failed");
}

}  // namespace ebill::test
