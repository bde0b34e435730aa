// A real mosquitto broker (Debian `mosquitto`) for a test: its own config,
// on a free (or given) 127.0.0.1 port, anonymous or with a password file
// made by mosquitto_passwd, plain or TLS with a throwaway CA and server
// certificate made by openssl at start (CN and IP SAN 127.0.0.1); stopped
// (SIGTERM, then SIGKILL) when the object goes away, whatever way the test
// ends. Throws std::runtime_error when the broker is not installed or does
// not come up (a failure, never a skip). Also reading retained messages
// back with mosquitto_sub and publishing with mosquitto_pub.
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

struct BrokerOptions {
  std::optional<BrokerLogin> login;  // nullopt: anonymous
  bool tls = false;                  // mqtts:// with the generated CA
  int port = 0;                      // 0: a free one
};

class MosquittoBroker {
 public:
  explicit MosquittoBroker(const std::optional<BrokerLogin>& login = std::nullopt)
      : MosquittoBroker(BrokerOptions{login}) {}
  explicit MosquittoBroker(const BrokerOptions& options);
  ~MosquittoBroker();
  MosquittoBroker(const MosquittoBroker&) = delete;
  MosquittoBroker& operator=(const MosquittoBroker&) = delete;

  int port() const { return port_; }
  std::string url() const {
    return (tls_ ? "mqtts://127.0.0.1:" : "mqtt://127.0.0.1:") + std::to_string(port_);
  }
  std::string ca_file() const { return dir_ + "/ca.pem"; }  // TLS only
  // The broker's log so far (one line per connection, refusal, ...).
  std::string log() const;

  // A message published by mosquitto_pub (QoS 1); an empty payload with
  // `retain` deletes the retained message.
  void publish(const std::string& topic, const std::string& payload, bool retain) const;

  // The retained messages under `filter` (e.g. "homeassistant/#") as
  // topic -> payload, read by mosquitto_sub --retained-only.
  std::map<std::string, std::string> retained(const std::string& filter) const;

 private:
  void stop();
  std::string client_options() const;  // host, port, TLS and login of mosquitto_sub/pub
  void make_certificates() const;

  std::string dir_;
  std::optional<BrokerLogin> login_;
  bool tls_ = false;
  pid_t pid_ = -1;
  int port_ = 0;
};

}  // namespace ebill::test

#endif  // EBILL_TESTS_SUPPORT_MOSQUITTO_BROKER_H_
