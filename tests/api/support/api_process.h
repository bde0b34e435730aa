// Runs the real ebill-api program on 127.0.0.1 with a free port for a test,
// and stops it (SIGKILL if needed) afterwards. By default it runs the test
// build (ebill-api-test-server: the same main() plus the test routes).
#ifndef EBILL_TESTS_API_SUPPORT_API_PROCESS_H_
#define EBILL_TESTS_API_SUPPORT_API_PROCESS_H_

#include <sys/types.h>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "api/server/http_types.h"
#include "tests/support/eventually.h"

namespace ebill::test {

using Env = std::vector<api::Field>;

// Which build of the program to run.
enum class ApiBuild { kTest, kProduction };
// What the constructor waits for: the "listening on" line only (a test that
// starts it with the database down), or also the database opened in the
// background (its "api: database X open" log line).
enum class StartWait { kListening, kDatabaseOpen };

class ApiProcess {
 public:
  // `env` is added to the inherited environment (HOST=127.0.0.1, SQLITE_PATH=<temp dir>/ebill.db
  // and WEB_ROOT=<empty temp dir> by default).
  // Waits as `wait` says; throws if the process fails first.
  explicit ApiProcess(const std::vector<api::Field>& env = {}, ApiBuild build = ApiBuild::kTest,
                      StartWait wait = StartWait::kDatabaseOpen);
  ~ApiProcess();
  ApiProcess(const ApiProcess&) = delete;
  ApiProcess& operator=(const ApiProcess&) = delete;

  int port() const { return port_; }
  pid_t pid() const { return pid_; }
  std::string log() const;  // its stderr so far
  void signal(int sig);
  // Exit status when it exits within `timeout` (128+N when killed by N).
  std::optional<int> wait_exit(std::chrono::milliseconds timeout);

 private:
  pid_t pid_ = -1;
  int port_ = 0;
  std::string dir_;
  bool exited_ = false;
};

// Runs ebill-api with `env` until it exits; returns {exit status, stderr}.
std::pair<int, std::string> run_api_expecting_exit(const std::vector<api::Field>& env);

// Runs the production ebill-api with `args` (e.g. {"share", "list"}) and
// `env` until it exits (SIGKILL after 20 s).
struct CommandResult {
  int status = -1;
  std::string out;  // its stdout
  std::string err;  // its stderr
};
CommandResult run_api_command(const std::vector<api::Field>& env, const std::vector<std::string>& args);

// A fresh temporary directory (removed by the OS's tmp cleanup).
std::string make_temp_dir(const std::string& prefix);
void write_file(const std::string& path, const std::string& content);

}  // namespace ebill::test

#endif  // EBILL_TESTS_API_SUPPORT_API_PROCESS_H_
