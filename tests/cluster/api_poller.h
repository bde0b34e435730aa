// Polls ebill-api replicas for the whole of a test run, to catch any 5xx:
// one thread per replica goes round a list of request targets, one GET at a
// time on a fresh loopback connection, and keeps every answer's status and
// steady-clock time (status 0: no answer, the connection was refused or
// timed out). Thread-safe; the threads stop with stop() or the destructor.
#ifndef EBILL_TESTS_CLUSTER_API_POLLER_H_
#define EBILL_TESTS_CLUSTER_API_POLLER_H_

#include <atomic>
#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace ebill::test {

struct PolledAnswer {
  std::chrono::steady_clock::time_point at;  // when the answer arrived
  std::string target;
  int status = 0;      // 0: no answer
  std::string detail;  // the first bytes of the body, or the client's error
};

class ApiPoller {
 public:
  // Starts polling each of `ports` (127.0.0.1) with every target in turn,
  // pausing `pause` after each request.
  ApiPoller(const std::vector<int>& ports, std::vector<std::string> targets,
            std::chrono::milliseconds pause);
  ~ApiPoller();
  ApiPoller(const ApiPoller&) = delete;
  ApiPoller& operator=(const ApiPoller&) = delete;

  void stop();  // joins the threads; idempotent

  // Every answer of replica `index` (the position of its port) so far.
  std::vector<PolledAnswer> answers(std::size_t index) const;

 private:
  void poll(std::size_t index, int port);

  std::vector<std::string> targets_;
  std::chrono::milliseconds pause_;
  std::atomic<bool> stopping_{false};
  mutable std::mutex mu_;
  std::vector<std::vector<PolledAnswer>> answers_;  // guarded by mu_
  std::vector<std::thread> threads_;
};

// Whether an answer is a server error (5xx) or no answer at all.
inline bool failed(const PolledAnswer& a) { return a.status == 0 || a.status >= 500; }

// One line per answer: "+12.345s 503 /readyz {...}", times from `t0`.
std::string describe(const std::vector<PolledAnswer>& answers,
                     std::chrono::steady_clock::time_point t0);

}  // namespace ebill::test

#endif  // EBILL_TESTS_CLUSTER_API_POLLER_H_
