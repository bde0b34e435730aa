// The request/response values the API's handlers see (the server core's
// plain types, common/http/message.h), and the API's JSON error answers.
#ifndef EBILL_API_SERVER_HTTP_TYPES_H_
#define EBILL_API_SERVER_HTTP_TYPES_H_

#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

#include "common/http/message.h"

namespace ebill::api {

using http::ChunkProducer;
using http::Field;
using http::iequals;
using http::Request;
using http::Response;

// Thrown by a handler to answer `status` with the standard JSON error body
// {"error": error, "detail": detail}. Meant for "database unavailable" (503)
// and similar faults deep below a handler; plain bad input should simply be
// returned as an error Response.
struct HttpError : std::runtime_error {
  HttpError(int status, std::string error, std::string detail)
      : std::runtime_error(detail), status(status), error(std::move(error)),
        detail(std::move(detail)) {}
  int status;
  std::string error;
  std::string detail;
};

// An access gate's word on a request (App::set_gate): let it on, answer it
// with `answer`, or (asked not to block) it cannot tell without I/O.
struct Admission {
  enum class Kind { kLetOn, kAnswer, kNeedsIo };
  Kind kind = Kind::kLetOn;
  Response answer;  // kAnswer

  static Admission let_on() { return {}; }
  static Admission answered(Response answer) { return {Kind::kAnswer, std::move(answer)}; }
  static Admission needs_io() { return {Kind::kNeedsIo, {}}; }
};

// The standard JSON error answer: {"error": "...", "detail": "..."}.
Response error_response(int status, std::string_view error,
                        std::string_view detail);

}  // namespace ebill::api

#endif  // EBILL_API_SERVER_HTTP_TYPES_H_
