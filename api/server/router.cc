#include "api/server/router.h"

namespace ebill::api {

void Router::add(std::string method, std::string path, Handler handler) {
  routes_[std::move(path)][std::move(method)] = std::move(handler);
}

Router::Match Router::find(std::string_view method, std::string_view path) const {
  Match m;
  auto it = routes_.find(path);
  if (it == routes_.end()) return m;
  m.path_known = true;
  const auto& methods = it->second;
  bool has_get = methods.count("GET") > 0;
  for (const auto& [name, handler] : methods) {
    if (!m.allow.empty()) m.allow += ", ";
    m.allow += name;
    if (name == "GET") m.allow += ", HEAD";
  }
  m.allow += ", OPTIONS";
  auto h = methods.find(std::string(method));
  if (h != methods.end()) {
    m.handler = &h->second;
  } else if (method == "HEAD" && has_get) {
    m.handler = &methods.at("GET");
  }
  return m;
}

}  // namespace ebill::api
