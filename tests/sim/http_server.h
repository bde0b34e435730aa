// The simulator's HTTP/1.1 server (Boost.Beast, the only translation unit
// that includes it): async keep-alive sessions on a multi-threaded
// io_context, each request answered by SimService.
#ifndef EBILL_TESTS_SIM_HTTP_SERVER_H_
#define EBILL_TESTS_SIM_HTTP_SERVER_H_

#include <functional>
#include <string>

#include "tests/sim/sim_service.h"

namespace ebill::sim {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8090;  // 0 picks a free port
  int threads = 2;
};

// Binds, calls on_listening(host, port) once the socket accepts, then
// serves until SIGINT or SIGTERM. Returns a process exit status; a bind
// failure is reported on stderr and returns 1.
int run_server(const ServerOptions& options, SimService* service,
               const std::function<void(const std::string&, int)>& on_listening);

}  // namespace ebill::sim

#endif  // EBILL_TESTS_SIM_HTTP_SERVER_H_
