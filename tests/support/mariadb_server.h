// Lets a test take the shared MariaDB of scripts/test away and bring it back
// ($EBILL_TEST_MARIADB_CTL stop|start|restart, same port and data). Tests
// that use it must be registered RUN_SERIAL: nobody else can use the server
// meanwhile.
#ifndef EBILL_TESTS_SUPPORT_MARIADB_SERVER_H_
#define EBILL_TESTS_SUPPORT_MARIADB_SERVER_H_

#include <string>

namespace ebill::test {

// Runs the control script with `action`; throws std::runtime_error when the
// variable is unset or the script fails.
void mariadb_ctl(const std::string& action);

// Stops and starts the server, and brings it back however the test ends
// (only if it is down: a second server on the same data would linger).
class MariadbServer {
 public:
  MariadbServer() = default;
  ~MariadbServer();
  MariadbServer(const MariadbServer&) = delete;
  MariadbServer& operator=(const MariadbServer&) = delete;

  void stop();
  void start();
  void restart();

 private:
  bool down_ = false;
};

}  // namespace ebill::test

#endif  // EBILL_TESTS_SUPPORT_MARIADB_SERVER_H_
