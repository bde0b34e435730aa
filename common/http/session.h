// Internal to common/http: what the listener hands each session, and the
// call that starts one. Users include server.h instead.
#ifndef EBILL_COMMON_HTTP_SESSION_H_
#define EBILL_COMMON_HTTP_SESSION_H_

#include <boost/asio/ip/tcp.hpp>
#include <memory>

#include "common/http/connections.h"
#include "common/http/handler.h"
#include "common/http/server.h"

namespace ebill::http {

// Shared by the listener and its sessions; kept alive by the longest of them.
struct ServerShared {
  ServerShared(ServerOptions o, Handler& h)
      : options(std::move(o)), handler(h), connections(options.limits.max_connections, options.limits.max_connections_per_client) {}
  const ServerOptions options;
  Handler& handler;  // outlives the server (and so every session's work)
  Connections connections;
  OncePerSecond refusals;  // the "refusing new ones" warnings
};

// Serves `socket` (whose executor is its own strand) until the connection
// ends. Closes it at once when a stop has begun or a connection cap is
// reached.
void start_session(boost::asio::ip::tcp::socket socket, std::shared_ptr<ServerShared> shared);

}  // namespace ebill::http

#endif  // EBILL_COMMON_HTTP_SESSION_H_
