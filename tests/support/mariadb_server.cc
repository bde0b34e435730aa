#include "tests/support/mariadb_server.h"

#include <signal.h>

#include <cstdlib>
#include <fstream>
#include <stdexcept>

namespace ebill::test {

void mariadb_ctl(const std::string& action) {
  const char* ctl = std::getenv("EBILL_TEST_MARIADB_CTL");
  if (ctl == nullptr || *ctl == '\0') {
    throw std::runtime_error("EBILL_TEST_MARIADB_CTL is not set: run through scripts/test");
  }
  const std::string command = std::string(ctl) + " " + action + " >/dev/null";
  if (std::system(command.c_str()) != 0) throw std::runtime_error(command + " failed");
}

MariadbServer::~MariadbServer() {
  try {
    if (down_) mariadb_ctl("start");
  } catch (...) {
  }
}

void MariadbServer::stop() {
  down_ = true;
  mariadb_ctl("stop");
}

void MariadbServer::start() {
  mariadb_ctl("start");
  down_ = false;
}

void MariadbServer::restart() {
  down_ = true;
  mariadb_ctl("restart");
  down_ = false;
}

MariadbPause::MariadbPause() {
  const char* dir = std::getenv("EBILL_TEST_MARIADB_DIR");
  if (dir == nullptr || *dir == '\0') {
    throw std::runtime_error("EBILL_TEST_MARIADB_DIR is not set: run through scripts/test");
  }
  std::ifstream in(std::string(dir) + "/mysqld.pid");
  long pid = 0;
  if (!(in >> pid) || pid <= 0) throw std::runtime_error("no MariaDB pid in " + std::string(dir));
  if (::kill(static_cast<pid_t>(pid), SIGSTOP) != 0) throw std::runtime_error("cannot stop MariaDB");
  pid_ = static_cast<pid_t>(pid);
}

MariadbPause::~MariadbPause() { ::kill(pid_, SIGCONT); }

}  // namespace ebill::test
