#include "api/routing/router.h"

namespace ebill::api {

void Router::add(std::string method, std::string path, Handler handler) {
  PathRoutes& routes = routes_[std::move(path)];
  routes.by_method[std::move(method)] = std::move(handler);
  routes.allow.clear();
  for (const auto& [name, h] : routes.by_method) {
    routes.allow += name == "GET" ? "GET, HEAD, " : name + ", ";
  }
  routes.allow += "OPTIONS";
}

void Router::set_lane(std::string_view path, Lane lane) {
  auto it = routes_.find(path);
  if (it != routes_.end()) it->second.lane = lane;
}

Router::Match Router::find(std::string_view method, std::string_view path) const {
  Match m;
  auto it = routes_.find(path);
  if (it == routes_.end()) return m;
  m.path_known = true;
  m.allow = it->second.allow;
  m.lane = it->second.lane;
  const auto& methods = it->second.by_method;
  auto h = methods.find(method);
  if (h == methods.end() && method == "HEAD") h = methods.find("GET");
  if (h != methods.end()) m.handler = &h->second;
  return m;
}

}  // namespace ebill::api
