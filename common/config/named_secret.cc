#include "common/config/named_secret.h"

#include <fmt/format.h>

namespace ebill {

Result<std::string, std::string> secret_named_by(const Environment& env, std::string_view name) {
  if (name.empty()) return fail(std::string("must name a variable"));
  const auto it = env.find(name);
  if (it == env.end() || it->second.empty()) {
    return fail(fmt::format("names {}, which is not set", name.substr(0, 80)));
  }
  return it->second;
}

}  // namespace ebill
