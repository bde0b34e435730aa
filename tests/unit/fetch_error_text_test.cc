#include <catch2/catch.hpp>

#include "common/fetch/error_text.h"

using ebill::scrub_error_text;

TEST_CASE("curl error text loses the proxy and any URL credentials", "[fetch][secrets]") {
  const std::string proxy = "http://u:pa#ss@proxy.lan:3128";
  CHECK(scrub_error_text("Unsupported proxy syntax in '" + proxy + "'", proxy) ==
        "Unsupported proxy syntax in '<proxy>'");
  CHECK(scrub_error_text("Could not resolve proxy: proxy.lan", proxy) ==
        "Could not resolve proxy: proxy.lan");
  CHECK(scrub_error_text("bad URL http://user:secret@host:1/x", "") ==
        "bad URL http://***@host:1/x");
  CHECK(scrub_error_text("Failed to connect to 127.0.0.1 port 8090", "") ==
        "Failed to connect to 127.0.0.1 port 8090");
  CHECK(scrub_error_text("", proxy).empty());
}
