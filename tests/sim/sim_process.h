// Runs the real ebill-meter-sim binary for a test: started on 127.0.0.1
// with --port 0, its port read from the first stdout line, stopped with
// SIGTERM when the object goes away.
#ifndef EBILL_TESTS_SIM_SIM_PROCESS_H_
#define EBILL_TESTS_SIM_SIM_PROCESS_H_

#include <sys/types.h>

#include <string>
#include <vector>

namespace ebill::test {

class SimProcess {
 public:
  // Extra command-line flags after "serve --port 0". Throws
  // std::runtime_error when the simulator does not come up.
  explicit SimProcess(const std::vector<std::string>& flags = {});
  ~SimProcess();
  SimProcess(const SimProcess&) = delete;
  SimProcess& operator=(const SimProcess&) = delete;

  int port() const { return port_; }
  std::string url(const std::string& path) const;  // "http://127.0.0.1:PORT" + path
  std::string page_url(const std::string& meter_no) const;

 private:
  pid_t pid_ = -1;
  int port_ = 0;
};

// Body of a 200 answer to GET `url` (control endpoints); throws otherwise.
std::string http_get(const std::string& url);

// Runs the simulator binary with `args` and returns its stdout; throws when
// it exits non-zero.
std::string run_sim_command(const std::vector<std::string>& args);

}  // namespace ebill::test

#endif  // EBILL_TESTS_SIM_SIM_PROCESS_H_
