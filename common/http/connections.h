// The live connections of one server, so a stop can reach the idle ones and
// the sessions can hold the connection caps (all, and per remote address).
// Thread-safe (one mutex).
#ifndef EBILL_COMMON_HTTP_CONNECTIONS_H_
#define EBILL_COMMON_HTTP_CONNECTIONS_H_

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace ebill::http {

// One connection as the listener sees it.
class Connection {
 public:
  virtual ~Connection() = default;
  // Graceful stop: close now when idle, after the answer when busy. Any thread.
  virtual void shutdown() = 0;
  // Crowded: close now if it has waited at least `idle` for its next
  // request. Any thread.
  virtual void close_if_idle(std::chrono::milliseconds idle) = 0;
};

// Paces a log line that could repeat for every connection: true at most once
// a second. Thread-safe.
class OncePerSecond {
 public:
  bool should_log();

 private:
  std::atomic<std::int64_t> last_{-1};  // steady seconds of the last true
};

class Connections {
 public:
  // 0: no cap.
  Connections(std::size_t max_connections, std::size_t max_per_client)
      : max_(max_connections), max_per_client_(max_per_client) {}

  enum class Admit { kAdmitted, kStopping, kFull, kClientFull };
  // Registers `c` from `address` unless a stop has begun or a cap is reached.
  // While crowded, at most once a second, also closes the connections idle
  // for `crowded_idle` or longer (Connection::close_if_idle).
  Admit add(Connection* c, std::weak_ptr<Connection> weak, const std::string& address,
            std::chrono::milliseconds crowded_idle);
  void remove(Connection* c);
  // More than 80 % of max_connections are open (never without a cap).
  bool crowded() const { return crowded_.load(); }

  // Marks the stop begun and returns the connections still alive; false
  // when a stop had begun already.
  bool begin_stop(std::vector<std::shared_ptr<Connection>>* live);
  bool stopping() const { return stopping_.load(); }

 private:
  struct Live {
    std::weak_ptr<Connection> weak;
    std::string address;
  };
  void update_crowded();  // under mu_

  const std::size_t max_;             // 0: no cap
  const std::size_t max_per_client_;  // 0: no cap
  std::mutex mu_;
  std::unordered_map<Connection*, Live> live_;
  std::unordered_map<std::string, std::size_t> per_client_;  // open connections by address
  std::atomic<bool> stopping_{false};  // set under mu_, read anywhere
  std::atomic<bool> crowded_{false};   // set under mu_, read anywhere
  OncePerSecond sweeps_;               // of idle connections while crowded
};

}  // namespace ebill::http

#endif  // EBILL_COMMON_HTTP_CONNECTIONS_H_
