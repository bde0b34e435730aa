// host_of: the one place a URL's host is taken out, for per-host fetch
// queues (no port) and for naming a notification server in logs (port).
#include <catch2/catch.hpp>

#include "common/fetch/url_host.h"

using ebill::host_of;
using ebill::WithPort;

TEST_CASE("host_of drops user info, path, query and fragment") {
  const std::string url = "https://user:s3cret@push.example.com:8443/k/abc.send?x=1#f";
  CHECK(host_of(url) == "push.example.com");
  CHECK(host_of(url, WithPort::kYes) == "push.example.com:8443");
  CHECK(host_of("http://127.0.0.1/metrics", WithPort::kYes) == "127.0.0.1");
  CHECK(host_of("http://[::1]:9137/", WithPort::kYes) == "[::1]:9137");
}

TEST_CASE("host_of gives an empty host for what is not a URL") {
  CHECK(host_of("").empty());
  CHECK(host_of("not a url", WithPort::kYes).empty());
}
