// The live connections of one server, so a stop can reach the idle ones and
// the listener can hold the connection cap. Thread-safe (one mutex).
#ifndef EBILL_COMMON_HTTP_CONNECTIONS_H_
#define EBILL_COMMON_HTTP_CONNECTIONS_H_

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

namespace ebill::http {

// One connection as the listener sees it.
class Connection {
 public:
  virtual ~Connection() = default;
  // Graceful stop: close now when idle, after the answer when busy. Any thread.
  virtual void shutdown() = 0;
};

class Connections {
 public:
  explicit Connections(std::size_t max_connections) : max_(max_connections) {}

  enum class Admit { kAdmitted, kStopping, kFull };
  // Registers `c` unless a stop has begun or the cap is reached.
  Admit add(Connection* c, std::weak_ptr<Connection> weak);
  void remove(Connection* c);

  // Marks the stop begun and returns the connections still alive; false
  // when a stop had begun already.
  bool begin_stop(std::vector<std::shared_ptr<Connection>>* live);
  bool stopping() const { return stopping_.load(); }

 private:
  const std::size_t max_;  // 0: no cap
  std::mutex mu_;
  std::unordered_map<Connection*, std::weak_ptr<Connection>> live_;
  std::atomic<bool> stopping_{false};  // set under mu_, read anywhere
};

// Paces a log line that could repeat for every connection: true at most once
// a second. Thread-safe.
class OncePerSecond {
 public:
  bool should_log();

 private:
  std::atomic<std::int64_t> last_{-1};  // steady seconds of the last true
};

}  // namespace ebill::http

#endif  // EBILL_COMMON_HTTP_CONNECTIONS_H_
