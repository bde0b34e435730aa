#include "tests/support/mariadb_server.h"

#include <cstdlib>
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

}  // namespace ebill::test
