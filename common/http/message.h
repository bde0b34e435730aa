// The plain request and response values an HTTP handler sees. No Beast here:
// everything above the session (common/http/session.cc) is ordinary C++.
#ifndef EBILL_COMMON_HTTP_MESSAGE_H_
#define EBILL_COMMON_HTTP_MESSAGE_H_

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ebill::http {

using Field = std::pair<std::string, std::string>;

// Ordered name/value pairs; lookups are exact for query parameters and
// case-insensitive for header names.
struct Request {
  std::string method;          // "GET", "HEAD", ... as sent
  std::string target;          // raw request target ("/data?period=day")
  std::string path;            // percent-decoded path, no query ("/data"); set by the handler
  std::vector<Field> query;    // decoded parameters in order ('+' is space); set by the handler
  std::vector<Field> headers;  // as sent
  std::string body;
  std::string remote_address;  // "127.0.0.1"

  // Who sent it, as the application decided above the session (ebill-api's
  // access gate, api/access/access_gate.h); never read from the wire. The
  // defaults (open mode) restrict nothing.
  struct Access {
    std::string role;                       // "", "admin" or "tenant"
    long long share_id = 0;                 // tenant: the share link's id
    std::optional<std::string> only_meter;  // tenant: the one meter every answer is scoped to
    bool may_operate = false;               // admitted to /fetch and /test_notification without FETCH_TOKEN
  } access;

  // First query parameter named `name`, or nullopt.
  std::optional<std::string> param(std::string_view name) const;
  // First header named `name` (case-insensitive), or nullopt.
  std::optional<std::string> header(std::string_view name) const;
};

// Fills `chunk` with the next piece of a streamed body and returns true, or
// returns false when the body is complete (`chunk` is then ignored). Called
// repeatedly, one call at a time, where the Handler's produce() runs it (a
// worker thread in ebill-api); it may block (a database cursor). Throwing
// aborts the connection mid-body (the client sees a truncated chunked
// message, never a false success).
using ChunkProducer = std::function<bool(std::string& chunk)>;

// One pull of a streamed body: a non-empty piece, the end, or a failure.
struct Chunk {
  enum class Kind { kData, kEnd, kFailed };
  Kind kind = Kind::kEnd;
  std::string data;   // kData: the piece
  std::string error;  // kFailed: what the producer threw
};

// Runs `producer` until it gives a non-empty piece or ends; an exception
// becomes kFailed. On the calling thread.
Chunk pull_chunk(const ChunkProducer& producer);

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;               // ignored when `stream` is set; never sent for HEAD, 1xx, 204, 304
  std::vector<Field> headers;     // extra headers (ETag, Allow, ...)
  ChunkProducer stream;           // set: sent with chunked encoding
  std::string route;              // metrics label; the handler's business

  void set_header(std::string name, std::string value);
};

// Case-insensitive ASCII comparison for header names and tokens.
bool iequals(std::string_view a, std::string_view b);

}  // namespace ebill::http

#endif  // EBILL_COMMON_HTTP_MESSAGE_H_
