#include "api/routing/router.h"

namespace ebill::api {

void Router::add(std::string method, std::string path, Handler handler) {
  PathRoutes& routes = routes_[std::move(path)];
  routes.by_method[std::move(method)] = Route{std::move(handler), nullptr};
  routes.allow.clear();
  for (const auto& [name, h] : routes.by_method) {
    routes.allow += name == "GET" ? "GET, HEAD, " : name + ", ";
  }
  routes.allow += "OPTIONS";
}

void Router::get(std::string path, Handler handler, AtOnce at_once) {
  const std::string key = path;
  add("GET", std::move(path), std::move(handler));
  routes_[key].by_method["GET"].at_once = std::move(at_once);
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
  if (h != methods.end()) {
    m.handler = &h->second.handler;
    if (h->second.at_once) m.at_once = &h->second.at_once;
  }
  return m;
}

}  // namespace ebill::api
