// The plain request/response values handlers see. No Beast here: handlers
// and everything above the session are ordinary C++.
#ifndef EBILL_API_SERVER_HTTP_TYPES_H_
#define EBILL_API_SERVER_HTTP_TYPES_H_

#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ebill::api {

using Field = std::pair<std::string, std::string>;

// Ordered name/value pairs; lookups are exact for query parameters and
// case-insensitive for header names (see Request).
struct Request {
  std::string method;          // "GET", "HEAD", ... as sent
  std::string target;          // raw request target ("/data?period=day")
  std::string path;            // percent-decoded path, no query ("/data")
  std::vector<Field> query;    // decoded parameters in order ('+' is space)
  std::vector<Field> headers;  // as sent
  std::string body;
  std::string remote_address;  // "127.0.0.1"

  // First query parameter named `name`, or nullopt.
  std::optional<std::string> param(std::string_view name) const;
  // First header named `name` (case-insensitive), or nullopt.
  std::optional<std::string> header(std::string_view name) const;
};

// Fills `chunk` with the next piece of a streamed body and returns true, or
// returns false when the body is complete (`chunk` is then ignored). Called
// repeatedly on a server thread; it may block briefly (a database cursor).
// Throwing aborts the connection mid-body (the client sees a truncated
// chunked message, never a false success).
using ChunkProducer = std::function<bool(std::string& chunk)>;

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;               // ignored when `stream` is set
  std::vector<Field> headers;     // extra headers (ETag, Allow, ...)
  ChunkProducer stream;           // set: sent with chunked encoding
  std::string route;              // metrics label; filled by the App

  void set_header(std::string name, std::string value);
};

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

// The standard JSON error answer: {"error": "...", "detail": "..."}.
Response error_response(int status, std::string_view error,
                        std::string_view detail);

// Case-insensitive ASCII comparison for header names and tokens.
bool iequals(std::string_view a, std::string_view b);

}  // namespace ebill::api

#endif  // EBILL_API_SERVER_HTTP_TYPES_H_
