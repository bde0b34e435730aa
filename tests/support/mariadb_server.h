// Lets a test take the shared MariaDB of scripts/test away and bring it back
// ($EBILL_TEST_MARIADB_CTL stop|start|restart, same port and data). Tests
// that use it must be registered RUN_SERIAL: nobody else can use the server
// meanwhile.
#ifndef EBILL_TESTS_SUPPORT_MARIADB_SERVER_H_
#define EBILL_TESTS_SUPPORT_MARIADB_SERVER_H_

#include <sys/types.h>

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

// Freezes the server with SIGSTOP for its lifetime: it keeps its sockets, so
// connections and connects are accepted by the kernel but never answered,
// like a hung or black-holed host. Sends SIGCONT however the test ends.
// Throws std::runtime_error when $EBILL_TEST_MARIADB_DIR/mysqld.pid is
// missing.
class MariadbPause {
 public:
  MariadbPause();
  ~MariadbPause();
  MariadbPause(const MariadbPause&) = delete;
  MariadbPause& operator=(const MariadbPause&) = delete;

 private:
  pid_t pid_ = -1;
};

}  // namespace ebill::test

#endif  // EBILL_TESTS_SUPPORT_MARIADB_SERVER_H_
