// ebill-api out of file descriptors: accepting fails, is logged and paced,
// and the server serves again as soon as descriptors are free.
#include <catch2/catch.hpp>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <thread>
#include <vector>

#include "tests/api/support/api_process.h"
#include "tests/support/http_client.h"

using namespace ebill::test;
using namespace std::chrono_literals;

namespace {

int connect_idle(int port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in a{};
  a.sin_family = AF_INET;
  a.sin_port = htons(static_cast<std::uint16_t>(port));
  a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

}  // namespace

TEST_CASE("out of file descriptors, accept errors are logged and paced, then serving resumes",
          "[server][limits]") {
  ApiProcess api;
  REQUIRE(get(api.port(), "/healthz").status == 200);
  // Leave the server a handful of descriptors above what it holds now.
  rlimit normal{};
  REQUIRE(::prlimit(api.pid(), RLIMIT_NOFILE, nullptr, &normal) == 0);
  const rlimit low{48, normal.rlim_max};
  REQUIRE(::prlimit(api.pid(), RLIMIT_NOFILE, &low, nullptr) == 0);

  std::vector<int> idle;
  for (int i = 0; i < 80; ++i) {
    const int fd = connect_idle(api.port());  // completes in the kernel's backlog
    if (fd >= 0) idle.push_back(fd);
  }
  REQUIRE(eventually([&] { return api.log().find("accept failed") != std::string::npos; }, 5s));
  // Paced retries: over a second, a handful of lines, not a busy loop of them.
  std::this_thread::sleep_for(1s);
  const std::string log = api.log();
  std::size_t lines = 0;
  for (std::size_t at = log.find("accept failed"); at != std::string::npos;
       at = log.find("accept failed", at + 1)) {
    ++lines;
  }
  CHECK(lines <= 40);

  for (int fd : idle) ::close(fd);
  REQUIRE(::prlimit(api.pid(), RLIMIT_NOFILE, &normal, nullptr) == 0);
  CHECK(eventually([&] { return get(api.port(), "/healthz").status == 200; }, 5s));
}
