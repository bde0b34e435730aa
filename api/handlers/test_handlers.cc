#include "api/handlers/test_handlers.h"

#include <charconv>
#include <chrono>
#include <stdexcept>
#include <thread>

namespace ebill::api {

void add_test_routes(Router& router) {
  router.get("/test/slow", [](const Request& request) {
    int ms = 0;
    auto text = request.param("ms").value_or("0");
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), ms);
    if (ec != std::errc() || end != text.data() + text.size() || ms < 0 || ms > 10'000) {
      return error_response(400, "bad_parameter", "ms must be 0..10000");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(ms));
    Response r;
    r.body = "{\"slept_ms\":" + std::to_string(ms) + "}";
    return r;
  });
  router.get("/test/throw", [](const Request&) -> Response {
    throw std::runtime_error("test route failure");
  });
  router.get("/test/unavailable", [](const Request&) -> Response {
    throw HttpError(503, "database_unavailable", "the database does not answer");
  });
}

}  // namespace ebill::api
