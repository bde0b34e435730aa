// What a server asks of the program behind it: an answer for each request
// read, an answer for a request it could not read, and a word when an answer
// is done. Plain C++; the session (session.cc) moves the bytes.
#ifndef EBILL_COMMON_HTTP_HANDLER_H_
#define EBILL_COMMON_HTTP_HANDLER_H_

#include <chrono>
#include <functional>
#include <string_view>

#include "common/http/message.h"

namespace ebill::http {

// Delivers the answer to one request. Call it exactly once, from any thread,
// now or later: the session takes the response back onto its own strand.
using Reply = std::function<void(Response response)>;

class Handler {
 public:
  virtual ~Handler() = default;

  // A whole request has been read. Called on the session's strand; answer
  // through `reply`. `request` stays valid and untouched by the session until
  // `reply` is called. Must not throw.
  virtual void handle(Request& request, Reply reply) = 0;

  // The answer for a request the session could not read: `status` is 431
  // (headers too large), 413 (body too large) or 400 (malformed). `request`
  // holds what was read (method and target once the headers were). The
  // connection closes after it.
  virtual Response reject(const Request& request, int status, std::string_view error,
                          std::string_view detail) = 0;

  // The next piece of the streamed answer `producer` (Response::stream) of
  // a request. Called on the session's strand, again only after the last
  // piece was written (that is the backpressure); call `done` exactly once,
  // from any thread, now or later. This default pulls it right here.
  virtual void produce(const ChunkProducer& producer, std::function<void(Chunk)> done) {
    done(pull_chunk(producer));
  }

  // After the answer to `request` was written or abandoned (`elapsed` since
  // the request was read). Called once per handle() or reject().
  virtual void finished(const Request& request, const Response& response,
                        std::chrono::nanoseconds elapsed) = 0;
};

}  // namespace ebill::http

#endif  // EBILL_COMMON_HTTP_HANDLER_H_
