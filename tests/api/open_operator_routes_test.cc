// The start-up warning of ebill-api when /fetch and /test_notification are
// reachable from the network without a token: FETCH_TOKEN unset and HOST not
// a loopback address. The non-loopback HOST is a documentation address (RFC
// 5737) that is not one of this machine's: the program warns, then fails to
// listen, so nothing here ever listens outside 127.0.0.1.
#include <catch2/catch.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <string>

#include "tests/api/support/api_process.h"

using namespace ebill::test;

namespace {

constexpr const char* kWarning = "/fetch and /test_notification are open to the network";
constexpr const char* kToken = "s3cret-Tok3n-0123456";

int count(const std::string& text, const std::string& what) {
  int n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// A documentation address no interface of this machine has (binding it
// fails with EADDRNOTAVAIL).
std::string not_local_address() {
  for (const char* candidate : {"203.0.113.7", "198.51.100.7", "192.0.2.250"}) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    sockaddr_in at{};
    at.sin_family = AF_INET;
    ::inet_pton(AF_INET, candidate, &at.sin_addr);
    const bool local = ::bind(fd, reinterpret_cast<sockaddr*>(&at), sizeof at) == 0;
    const int error = errno;
    ::close(fd);
    if (!local && error == EADDRNOTAVAIL) return candidate;
  }
  FAIL("every documentation address is local here");
  return "";
}

// The start-up log of ebill-api with HOST = such an address: it ends with
// the failed attempt to listen (REQUIREd, so the start got that far).
std::string start_up_log(const std::string& host, const Env& env) {
  Env all = {{"HOST", host}, {"PORT", "0"}};
  all.insert(all.end(), env.begin(), env.end());
  const auto [rc, log] = run_api_expecting_exit(all);
  INFO(log);
  CHECK(rc == 1);
  REQUIRE(log.find("api: HOST/PORT: ") != std::string::npos);
  return log;
}

}  // namespace

TEST_CASE("no token and a network HOST: one warning line at start", "[token]") {
  const std::string host = not_local_address();
  const std::string log = start_up_log(host, {});
  CHECK(count(log, kWarning) == 1);
  CHECK(count(log, "FETCH_TOKEN is unset and HOST is " + host + ": ") == 1);
}

TEST_CASE("a token, or a loopback HOST: no open-routes warning", "[token]") {
  CHECK(count(start_up_log(not_local_address(), {{"FETCH_TOKEN", kToken}}), kWarning) == 0);
  ApiProcess loopback;  // HOST=127.0.0.1, no token
  CHECK(loopback.log().find("api: listening on 127.0.0.1:") != std::string::npos);
  CHECK(count(loopback.log(), kWarning) == 0);
}
