// Serves the built page from a directory: content types, caching headers,
// conditional requests (ETag / Last-Modified → 304) and gzip. Files are
// read once and kept in memory with their gzip form, re-read when their
// size or modification time changes. Safe from any thread.
#ifndef EBILL_API_SERVER_STATIC_FILES_H_
#define EBILL_API_SERVER_STATIC_FILES_H_

#include <ctime>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "api/server/http_types.h"

namespace ebill::api {

// "text/html; charset=utf-8" for "x.html"; application/octet-stream when unknown.
std::string_view content_type_for(std::string_view path);

// gzip (RFC 1952) of `data` at the best compression level.
std::string gzip_compress(std::string_view data);

// "Wed, 25 Nov 2026 01:02:03 GMT" and back (nullopt when malformed).
std::string http_date(std::time_t t);
std::optional<std::time_t> parse_http_date(std::string_view text);

class StaticFiles {
 public:
  // `root` need not exist yet; an empty root serves nothing.
  explicit StaticFiles(std::string root);

  // The answer for a GET/HEAD of `request.path` ("/" means "/index.html"),
  // or nullopt when no regular file inside the root matches: ".." segments,
  // hidden names, NUL bytes and symlinks leading outside the root all count
  // as missing.
  std::optional<Response> serve(const Request& request) const;

 private:
  struct Entry {
    std::uintmax_t size = 0;
    std::int64_t mtime_ns = 0;
    std::string content;
    std::string gzip;  // empty when not worth compressing
    std::string etag;  // quoted
    std::string last_modified;
  };
  std::shared_ptr<const Entry> load(const std::string& file) const;

  std::string root_;  // canonical, or empty
  mutable std::mutex mu_;
  mutable std::map<std::string, std::shared_ptr<const Entry>> cache_;
};

}  // namespace ebill::api

#endif  // EBILL_API_SERVER_STATIC_FILES_H_
