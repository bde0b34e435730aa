// A real mosquitto broker (Debian `mosquitto`) for a test: its own config,
// on a free 127.0.0.1 port, anonymous or with a password file made by
// mosquitto_passwd; stopped (SIGTERM, then SIGKILL) when the object goes
// away, whatever way the test ends. Throws std::runtime_error when the
// broker is not installed or does not come up (a failure, never a skip).
// Also reading retained messages back with mosquitto_sub.
#ifndef EBILL_TESTS_SUPPORT_MOSQUITTO_BROKER_H_
#define EBILL_TESTS_SUPPORT_MOSQUITTO_BROKER_H_

#include <sys/types.h>

#include <map>
#include <optional>
#include <string>

#include "tests/support/loopback_port.h"

namespace ebill::test {

struct BrokerLogin {
  std::string user;
  std::string password;
};

class MosquittoBroker {
 public:
  explicit MosquittoBroker(const std::optional<BrokerLogin>& login = std::nullopt);
  ~MosquittoBroker();
  MosquittoBroker(const MosquittoBroker&) = delete;
  MosquittoBroker& operator=(const MosquittoBroker&) = delete;

  int port() const { return port_; }
  std::string url() const { return "mqtt://127.0.0.1:" + std::to_string(port_); }

  // The retained messages under `filter` (e.g. "homeassistant/#") as
  // topic -> payload, read by mosquitto_sub --retained-only.
  std::map<std::string, std::string> retained(const std::string& filter) const;

 private:
  void stop();

  std::string dir_;
  std::optional<BrokerLogin> login_;
  pid_t pid_ = -1;
  int port_ = 0;
};

}  // namespace ebill::test

#endif  // EBILL_TESTS_SUPPORT_MOSQUITTO_BROKER_H_
