// /test_notification of the real ebill-api: a Server酱 target configured the
// way existing installations do it (server_chan_key_env in DEVICES_JSON),
// pointed at a real receiver on 127.0.0.1.
#include <catch2/catch.hpp>

#include "tests/api/support/api_on_database.h"
#include "tests/support/http_client.h"
#include "tests/support/http_receiver.h"
#include "common/storage/reading_store.h"
#include "tests/storage/storage_fixture.h"

using namespace ebill;
using namespace ebill::test;

namespace {

constexpr const char* kMeter = "19501609994";
constexpr const char* kKey = "SCTtestKey0123456789";
constexpr const char* kToken = "op-Tok3n-xyz-0123456";

Env notify_env(const HttpReceiver& receiver) {
  return {{"DEVICES_JSON", std::string(R"([{"id": ")") + kMeter +
                               R"(", "name": "5-1-501", "server_chan_key_env": "EBILL_T_SCKEY"}])"},
          {"EBILL_T_SCKEY", kKey},
          {"SERVERCHAN_BASE_URL", receiver.base_url()},
          {"FETCH_TOKEN", kToken},
          {"NOTIFY_TIMEOUT_SECONDS", "2"}};
}

}  // namespace

TEST_CASE("test_notification sends the report to the meter's Server酱 key", "[notify]") {
  HttpReceiver receiver;
  TestDatabase db(Backend::kSqlite);
  {
    auto database = db.open();
    // 2025-03-09 by hand: 0.20 (23:30 -> 00:00, normal step, lands at 00:00),
    // 0.30 (normal), 5.50 (a gap inside the day, all of it on the day), 0.32
    // (normal): 6.32 kWh; first reading 49.80, last 43.68.
    storage::ReadingStore(*database).insert({reading(kMeter, "2025-03-08 23:30:00", 5000),
                                             reading(kMeter, "2025-03-09 00:00:00", 4980),
                                             reading(kMeter, "2025-03-09 00:30:00", 4950),
                                             reading(kMeter, "2025-03-09 23:30:00", 4400),
                                             reading(kMeter, "2025-03-09 23:59:00", 4368),
                                             reading(kMeter, "2025-03-10 08:00:00", 4200)});
  }
  ApiProcess api(api_env(db, "UTC", "2025-03-10 09:30:00", "", notify_env(receiver)));

  SECTION("without the operator token: 401 and nothing sent") {
    const auto r = request(api.port(), "GET", std::string("/test_notification?device_id=") + kMeter);
    CHECK(r.status == 401);
    CHECK(receiver.requests().empty());
  }

  SECTION("with the token: one request to {base}/{key}.send, answered in the old shape") {
    const auto r = request(api.port(), "POST", std::string("/test_notification?device_id=") + kMeter,
                           {{"Authorization", std::string("Bearer ") + kToken}});
    INFO(r.body);
    REQUIRE(r.status == 200);
    rapidjson::Document d;
    d.Parse(r.body.c_str());
    REQUIRE_FALSE(d.HasParseError());
    CHECK(d["success"].GetBool());
    CHECK(std::string(d["device_name"].GetString()) == "5-1-501");
    const std::string report = d["report"].GetString();
    CHECK(report.find("昨日用电: 6.32 度") != std::string::npos);
    CHECK(report.find("49.80") != std::string::npos);
    CHECK(report.find("43.68") != std::string::npos);
    CHECK(std::string(d["message"].GetString()).size() > 0);
    REQUIRE(receiver.requests().size() == 1);
    const ReceivedRequest sent = receiver.requests().front();
    CHECK(sent.method == "POST");
    CHECK(sent.target == std::string("/") + kKey + ".send");
    // The key travels only to the channel: never in the answer or the log.
    CHECK(r.body.find(kKey) == std::string::npos);
    CHECK(api.log().find(kKey) == std::string::npos);
    CHECK(api.log().find(kToken) == std::string::npos);
  }

  SECTION("a failing channel is reported, not a server error") {
    receiver.respond(500, "oops");
    const auto r = request(api.port(), "GET", std::string("/test_notification?device_id=") + kMeter,
                           {{"Authorization", std::string("Bearer ") + kToken}});
    INFO(r.body);
    REQUIRE(r.status == 200);
    rapidjson::Document d;
    d.Parse(r.body.c_str());
    CHECK_FALSE(d["success"].GetBool());
    CHECK(r.body.find(kKey) == std::string::npos);
  }

  SECTION("one test per meter per TEST_NOTIFICATION_COOLDOWN_SECONDS (600)") {
    const std::vector<api::Field> auth = {{"Authorization", std::string("Bearer ") + kToken}};
    const std::string target = std::string("/test_notification?device_id=") + kMeter;
    REQUIRE(request(api.port(), "POST", target, auth).status == 200);
    const auto again = request(api.port(), "POST", target, auth);
    CHECK(again.status == 429);
    REQUIRE(again.header("Retry-After"));
    CHECK(std::stoi(*again.header("Retry-After")) > 590);
    CHECK(receiver.requests().size() == 1);
  }

  SECTION("an unknown meter is 404") {
    const auto r = request(api.port(), "GET", "/test_notification?device_id=nope",
                           {{"Authorization", std::string("Bearer ") + kToken}});
    CHECK(r.status == 404);
  }
}
