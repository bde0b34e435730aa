// Method + exact path → handler. Register every route before the server
// starts; lookups are then read-only and safe from any thread.
#ifndef EBILL_API_ROUTING_ROUTER_H_
#define EBILL_API_ROUTING_ROUTER_H_

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/server/http_types.h"

namespace ebill::api {

using Handler = std::function<Response(const Request&)>;

// A route's answer when it can be given at once on the session's strand
// (App::handle_at_once): exactly the Response its Handler would give, from
// memory, with no I/O and no wait on a lock held across I/O; nullopt when
// that needs I/O (the Handler then answers on the route's lane). Thrown
// exceptions count as nullopt.
using AtOnce = std::function<std::optional<Response>(const Request&)>;

// Where a route's handler runs (api/server/server.h): on the session's strand
// (it never blocks: /healthz), on the read workers (the default), or on the
// operator workers (/fetch, /test_notification: they wait on other sites).
enum class Lane { kInline, kRead, kOperator };

class Router {
 public:
  // Registers `handler` for `method` ("GET", "POST", ...) on the exact
  // decoded `path` ("/data"). A GET route also answers HEAD (the session
  // drops the body and keeps the headers). Re-registering replaces.
  void add(std::string method, std::string path, Handler handler);
  void get(std::string path, Handler handler) { add("GET", std::move(path), std::move(handler)); }
  // A GET route that can often answer at once (a cached view).
  void get(std::string path, Handler handler, AtOnce at_once);
  void post(std::string path, Handler handler) { add("POST", std::move(path), std::move(handler)); }
  // Runs every method of the registered `path` on `lane` (kRead until set).
  void set_lane(std::string_view path, Lane lane);

  struct Match {
    const Handler* handler = nullptr;  // null: no route for this method
    const AtOnce* at_once = nullptr;   // null: none registered
    bool path_known = false;           // some method is registered on the path
    std::string_view allow;            // "GET, HEAD, OPTIONS" when path_known
    Lane lane = Lane::kRead;           // the path's, when path_known
  };
  // What to do with `method` on `path`; HEAD falls back to GET.
  Match find(std::string_view method, std::string_view path) const;

 private:
  struct Route {
    Handler handler;
    AtOnce at_once;  // empty: none
  };
  struct PathRoutes {
    std::map<std::string, Route, std::less<>> by_method;
    std::string allow;  // kept in step with by_method
    Lane lane = Lane::kRead;
  };
  std::map<std::string, PathRoutes, std::less<>> routes_;
};

}  // namespace ebill::api

#endif  // EBILL_API_ROUTING_ROUTER_H_
