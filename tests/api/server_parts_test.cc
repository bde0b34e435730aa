// Unit tests of the plain parts: query decoding, router, JSON, metrics.
#include <catch2/catch.hpp>

#include "api/routing/json.h"
#include "api/server/metrics.h"
#include "api/routing/query.h"
#include "api/routing/router.h"
#include "api/server/static_files.h"

using namespace ebill;
using namespace ebill::api;

TEST_CASE("percent_decode decodes escapes and plus, rejects malformed escapes") {
  CHECK(percent_decode("a%20b%2Fc", false) == "a b/c");
  CHECK(percent_decode("%e7%94%B5", false) == "\xe7\x94\xb5");  // 电
  CHECK(percent_decode("x+y", true) == "x y");
  CHECK(percent_decode("x+y", false) == "x+y");
  CHECK(percent_decode("", true) == "");
  CHECK_FALSE(percent_decode("%", true));
  CHECK_FALSE(percent_decode("abc%4", true));
  CHECK_FALSE(percent_decode("%zz", true));
  CHECK_FALSE(percent_decode("%g0", true));
}

TEST_CASE("parse_query splits, decodes and keeps order") {
  auto q = parse_query("period=day&device_id=19104410012&&name=a+b%26c&flag&=v");
  REQUIRE(q);
  REQUIRE(q->size() == 5);
  CHECK((*q)[0] == Field{"period", "day"});
  CHECK((*q)[1] == Field{"device_id", "19104410012"});
  CHECK((*q)[2] == Field{"name", "a b&c"});
  CHECK((*q)[3] == Field{"flag", ""});
  CHECK((*q)[4] == Field{"", "v"});
  CHECK(parse_query("")->empty());
  CHECK_FALSE(parse_query("a=1&b=%2"));
  CHECK_FALSE(parse_query("a%x=1"));

  Request r;
  r.query = *q;
  CHECK(r.param("period") == "day");
  CHECK_FALSE(r.param("date"));
}

TEST_CASE("redact_target drops the token parameter only") {
  CHECK(redact_target("/fetch?device_id=1&token=s3cret") == "/fetch?device_id=1");
  CHECK(redact_target("/fetch?token=s3cret&device_id=1") == "/fetch?device_id=1");
  CHECK(redact_target("/fetch?to%6Ben=s3cret") == "/fetch");
  CHECK(redact_target("/fetch?tokens=1") == "/fetch?tokens=1");
  CHECK(redact_target("/data") == "/data");
  CHECK(redact_target("/fetch?token=x") == "/fetch");
}

TEST_CASE("redact_target hides a share link's secret whatever its length") {
  // tests/fixtures/query/fuzz_short_share_secret.query: the fuzzer's
  // "/s/'" redacts to a longer text, which is right.
  CHECK(redact_target("/s/'") == "/s/***");
  CHECK(redact_target("/s/") == "/s/***");
  CHECK(redact_target("/s/abcdefghijklmnopqrstuvwxyz0123456789?x=1") == "/s/***");
  CHECK(redact_target("/sx/abc") == "/sx/abc");
}

TEST_CASE("JsonWriter writes hundredths with two decimals and null for none") {
  JsonWriter json;
  json.begin_object();
  json.key("balance").hundredths(Hundredths{1230});
  json.key("neg").hundredths(Hundredths{-5});
  json.key("none").hundredths(std::optional<Hundredths>{});
  json.key("price").fixed(5680, 4);
  json.key("name").string("电表 \"1\"");
  json.key("count").integer(-3);
  json.key("ok").boolean(true);
  json.key("list").begin_array().integer(1).null().end_array();
  json.end_object();
  CHECK(json.take() ==
        "{\"balance\":12.30,\"neg\":-0.05,\"none\":null,\"price\":0.5680,"
        "\"name\":\"电表 \\\"1\\\"\",\"count\":-3,\"ok\":true,\"list\":[1,null]}");
}

TEST_CASE("error_response is the standard JSON error body") {
  Response r = error_response(404, "not_found", "no meter \"x\"");
  CHECK(r.status == 404);
  CHECK(r.content_type == "application/json");
  CHECK(r.body == "{\"error\":\"not_found\",\"detail\":\"no meter \\\"x\\\"\"}");
}

TEST_CASE("Router matches method and exact path, HEAD falls back to GET") {
  Router router;
  router.get("/data", [](const Request&) { Response r; r.body = "get"; return r; });
  router.post("/fetch", [](const Request&) { Response r; r.body = "post"; return r; });
  router.get("/fetch", [](const Request&) { Response r; r.body = "fetch-get"; return r; });
  Request req;

  auto m = router.find("GET", "/data");
  REQUIRE(m.handler);
  CHECK((*m.handler)(req).body == "get");
  auto head = router.find("HEAD", "/data");
  REQUIRE(head.handler);
  CHECK((*head.handler)(req).body == "get");
  auto post = router.find("POST", "/data");
  CHECK(post.path_known);
  CHECK_FALSE(post.handler);
  CHECK(post.allow == "GET, HEAD, OPTIONS");
  CHECK(router.find("POST", "/fetch").allow == "GET, HEAD, POST, OPTIONS");
  CHECK_FALSE(router.find("GET", "/data/").path_known);
  CHECK_FALSE(router.find("GET", "/DATA").path_known);
}

TEST_CASE("content types by extension") {
  CHECK(content_type_for("index.html") == "text/html; charset=utf-8");
  CHECK(content_type_for("assets/app-1a2b.js") == "text/javascript; charset=utf-8");
  CHECK(content_type_for("x.mjs") == "text/javascript; charset=utf-8");
  CHECK(content_type_for("a.css") == "text/css; charset=utf-8");
  CHECK(content_type_for("i.svg") == "image/svg+xml");
  CHECK(content_type_for("i.png") == "image/png");
  CHECK(content_type_for("favicon.ico") == "image/x-icon");
  CHECK(content_type_for("d.json") == "application/json");
  CHECK(content_type_for("manifest.webmanifest") == "application/manifest+json");
  CHECK(content_type_for("f.woff2") == "font/woff2");
  CHECK(content_type_for("app.js.map") == "application/json");
  CHECK(content_type_for("README") == "application/octet-stream");
}

TEST_CASE("http_date round-trips") {
  // 2025-03-07 08:05:09 UTC = 1741334709 (20154 days * 86400 + 29109).
  CHECK(http_date(1741334709) == "Fri, 07 Mar 2025 08:05:09 GMT");
  CHECK(parse_http_date("Fri, 07 Mar 2025 08:05:09 GMT") == std::optional<std::time_t>(1741334709));
  CHECK_FALSE(parse_http_date("yesterday"));
}

TEST_CASE("Metrics count by route and status and render Prometheus text") {
  Metrics m;
  m.record("/data", 200, std::chrono::microseconds(300));
  m.record("/data", 200, std::chrono::milliseconds(3));
  m.record("/data", 400, std::chrono::milliseconds(30));
  m.count_database_error();
  m.request_started();
  CHECK(m.requests("/data", 200) == 2);
  CHECK(m.requests("/data", 400) == 1);
  CHECK(m.requests("/kpi", 200) == 0);
  std::string text = m.render();
  CHECK_THAT(text, Catch::Contains("ebill_api_requests_total{route=\"/data\",status=\"200\"} 2\n"));
  CHECK_THAT(text, Catch::Contains("ebill_api_requests_total{route=\"/data\",status=\"400\"} 1\n"));
  // 0.3 ms falls in le=0.0005; 3 ms first in le=0.005; 30 ms first in le=0.05.
  CHECK_THAT(text, Catch::Contains("ebill_api_request_duration_seconds_bucket{le=\"0.0005\"} 1\n"));
  CHECK_THAT(text, Catch::Contains("ebill_api_request_duration_seconds_bucket{le=\"0.0025\"} 1\n"));
  CHECK_THAT(text, Catch::Contains("ebill_api_request_duration_seconds_bucket{le=\"0.005\"} 2\n"));
  CHECK_THAT(text, Catch::Contains("ebill_api_request_duration_seconds_bucket{le=\"0.05\"} 3\n"));
  CHECK_THAT(text, Catch::Contains("ebill_api_request_duration_seconds_bucket{le=\"+Inf\"} 3\n"));
  CHECK_THAT(text, Catch::Contains("ebill_api_request_duration_seconds_sum 0.033300\n"));
  CHECK_THAT(text, Catch::Contains("ebill_api_request_duration_seconds_count 3\n"));
  CHECK_THAT(text, Catch::Contains("ebill_api_requests_in_flight 1\n"));
  CHECK_THAT(text, Catch::Contains("ebill_api_database_errors_total 1\n"));
}
