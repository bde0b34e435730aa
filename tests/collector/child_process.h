// A program under test as a real process: started with exactly the given
// environment and working directory, its stdout and stderr appended to a log
// file the test reads. Killed (SIGKILL) if still running at destruction.
#ifndef EBILL_TESTS_COLLECTOR_CHILD_PROCESS_H_
#define EBILL_TESTS_COLLECTOR_CHILD_PROCESS_H_

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace ebill::test {

using Env = std::map<std::string, std::string>;

class ChildProcess {
 public:
  ChildProcess(const std::string& binary, const std::vector<std::string>& args, const Env& env,
               const std::string& dir, const std::string& log_path);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  void signal(int sig);
  // The exit status (128 + n when killed by signal n), or nullopt when the
  // process is still running after `timeout`.
  std::optional<int> wait_for(std::chrono::milliseconds timeout);

 private:
  pid_t pid_ = -1;
};

struct Finished {
  int status = -1;     // exit status; -1 when it had to be killed
  std::string output;  // stdout and stderr
};

// Runs the program to its end (killing it after `timeout`).
Finished run_to_end(const std::string& binary, const std::vector<std::string>& args,
                    const Env& env, const std::string& dir,
                    std::chrono::milliseconds timeout = std::chrono::seconds(60));

// Polls `ready` every 50 ms until it is true or `timeout` passes; returns
// its last value.
bool wait_until(const std::function<bool()>& ready, std::chrono::milliseconds timeout);

// The file's text, or "" when it does not exist (yet).
std::string read_log(const std::string& path);

// A fresh empty directory under the temporary directory.
std::string make_temp_dir(const std::string& prefix);

}  // namespace ebill::test

#endif  // EBILL_TESTS_COLLECTOR_CHILD_PROCESS_H_
