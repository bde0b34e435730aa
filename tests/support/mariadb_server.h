// Stops and starts the shared MariaDB server of scripts/test (through
// $EBILL_TEST_MARIADB_CTL) for tests registered RUN_SERIAL, and brings it
// back however the test ends.
#ifndef EBILL_TESTS_SUPPORT_MARIADB_SERVER_H_
#define EBILL_TESTS_SUPPORT_MARIADB_SERVER_H_

#include <string>

namespace ebill::test {

// Runs "$EBILL_TEST_MARIADB_CTL <action>" (stop|start|restart); throws
// std::runtime_error when it is unset or fails.
void mariadb_ctl(const std::string& action);

class MariadbServer {
 public:
  ~MariadbServer();  // starts the server again if this object stopped it
  void stop();
  void start();
  void restart();

 private:
  bool down_ = false;
};

}  // namespace ebill::test

#endif  // EBILL_TESTS_SUPPORT_MARIADB_SERVER_H_
