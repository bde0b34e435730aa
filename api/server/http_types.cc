#include "api/server/http_types.h"

#include "api/routing/json.h"

namespace ebill::api {

Response error_response(int status, std::string_view error,
                        std::string_view detail) {
  JsonWriter json;
  json.begin_object();
  json.key("error").string(error);
  json.key("detail").string(detail);
  json.end_object();
  Response r;
  r.status = status;
  r.body = json.take();
  return r;
}

}  // namespace ebill::api
