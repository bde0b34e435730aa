// Who sees what (ACCESS_MODE), on the real ebill-api over loopback and a real
// database (SQLite and MariaDB): every endpoint × every kind of caller in
// each mode, against a table of expected answers.
//
// The expected 200 answers are the open-mode server's answers for the same
// target on the same database (open mode is today's code path: the gate is
// not even installed), so "tenant of A sees A's /kpi" means "byte for byte
// what /kpi answers for A without any access control". Refusals are the
// exact JSON written out below.
#include <catch2/catch.hpp>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <map>
#include <regex>

#include "api/access/share_links.h"
#include "common/storage/meter_store.h"
#include "common/storage/reading_store.h"
#include "tests/api/support/api_on_database.h"
#include "tests/support/http_client.h"

using namespace ebill;
using namespace ebill::test;

namespace {

constexpr const char* kNow = "2025-03-10 12:00:00";
constexpr const char* kAdminToken = "admin-Tok3n-0123456789";
constexpr const char* kFetchToken = "fetch-Tok3n-0123456789";

// The callers, the table's columns.
enum Caller { kNone, kEnded, kTenantAskingB, kTenantA, kTenantFetch, kAdminCookie, kAdminBearer, kFetchBearer, kCallers };
const char* const kCallerNames[] = {"no credentials", "expired link", "tenant of A asking for B",
                                    "tenant of A", "tenant of A with --allow-fetch",
                                    "admin (cookie)", "admin (Bearer)", "FETCH_TOKEN (Bearer)"};

struct Endpoint {
  std::string method;
  std::string target;  // as the page sends it for meter A (A1 is the default meter)
  bool status_only;    // the body changes from call to call (/metrics, /shares)
};

// Expected answer codes:
//   =    the open-mode answer to the target the caller sends (asking for B:
//        the target with device_id=B2)
//   =A   the open-mode /devices with only A1 listed
//   200  status 200 (body not compared)
//   401 unauthorized · 401e link_ended · 401o the operator token's 401
//   403 forbidden (one meter only) · 403f forbidden (no fetches)
//   404 unknown_device "no meter B2"
//   303 to /signin.html · 303e to /signin.html?ended=1 (a page; a script's
//        Bearer token that opens no page gets the 401)
//   s-  /auth/session: {"mode":M,"role":null,...} · sa admin · st tenant · stf tenant allowed to fetch
struct Row {
  Endpoint endpoint;
  std::vector<std::string> expect;  // one per Caller
};

const std::vector<Row> kOpen = {
    //                                         none    ended  askB   tenA   tenF   adm-c  adm-b  fetch
    {{"GET", "/devices", false},              {"=",    "=",   "=",   "=",   "=",   "=",   "=",   "="}},
    {{"GET", "/data?period=day", false},      {"=",    "=",   "=",   "=",   "=",   "=",   "=",   "="}},
    {{"GET", "/kpi", false},                  {"=",    "=",   "=",   "=",   "=",   "=",   "=",   "="}},
    {{"GET", "/period_kpi?period=week", false}, {"=",  "=",   "=",   "=",   "=",   "=",   "=",   "="}},
    {{"GET", "/recharge_history?days=30", false}, {"=", "=",  "=",   "=",   "=",   "=",   "=",   "="}},
    {{"GET", "/export?format=json", false},   {"=",    "=",   "=",   "=",   "=",   "=",   "=",   "="}},
    {{"GET", "/overview", false},             {"=",    "=",   "=",   "=",   "=",   "=",   "=",   "="}},
    {{"POST", "/fetch", false},               {"401o", "401o", "401o", "401o", "401o", "401o", "401o", "="}},
    {{"POST", "/test_notification", false},   {"401o", "401o", "401o", "401o", "401o", "401o", "401o", "="}},
    {{"GET", "/metrics", true},               {"200",  "200", "200", "200", "200", "200", "200", "200"}},
    {{"GET", "/shares", false},               {"=",    "=",   "=",   "=",   "=",   "=",   "=",   "="}},
    {{"GET", "/", false},                     {"=",    "=",   "=",   "=",   "=",   "=",   "=",   "="}},
    {{"GET", "/healthz", false},              {"=",    "=",   "=",   "=",   "=",   "=",   "=",   "="}},
    {{"GET", "/auth/session", false},         {"s-",   "s-",  "s-",  "s-",  "s-",  "s-",  "s-",  "s-"}},
};

const std::vector<Row> kPrivate = {
    {{"GET", "/devices", false},              {"401",  "401", "401", "401", "401", "=",   "=",   "401"}},
    {{"GET", "/data?period=day", false},      {"401",  "401", "401", "401", "401", "=",   "=",   "401"}},
    {{"GET", "/kpi", false},                  {"401",  "401", "401", "401", "401", "=",   "=",   "401"}},
    {{"GET", "/period_kpi?period=week", false}, {"401", "401", "401", "401", "401", "=",  "=",   "401"}},
    {{"GET", "/recharge_history?days=30", false}, {"401", "401", "401", "401", "401", "=", "=",  "401"}},
    {{"GET", "/export?format=json", false},   {"401",  "401", "401", "401", "401", "=",   "=",   "401"}},
    {{"GET", "/overview", false},             {"401",  "401", "401", "401", "401", "=",   "=",   "401"}},
    {{"POST", "/fetch", false},               {"401",  "401", "401", "401", "401", "=",   "=",   "="}},
    {{"POST", "/test_notification", false},   {"401",  "401", "401", "401", "401", "=",   "=",   "="}},
    {{"GET", "/metrics", true},               {"401",  "401", "401", "401", "401", "200", "200", "401"}},
    {{"GET", "/shares", true},                {"401",  "401", "401", "401", "401", "200", "200", "401"}},
    {{"GET", "/", false},                     {"303",  "303", "303", "303", "303", "=",   "=",   "401"}},
    {{"GET", "/healthz", false},              {"=",    "=",   "=",   "=",   "=",   "=",   "=",   "="}},
    {{"GET", "/auth/session", false},         {"s-",   "s-",  "s-",  "s-",  "s-",  "sa",  "sa",  "s-"}},
};

const std::vector<Row> kShared = {
    {{"GET", "/devices", false},              {"401",  "401e", "404", "=A",  "=A",  "=",   "=",   "401"}},
    {{"GET", "/data?period=day", false},      {"401",  "401e", "404", "=",   "=",   "=",   "=",   "401"}},
    {{"GET", "/kpi", false},                  {"401",  "401e", "404", "=",   "=",   "=",   "=",   "401"}},
    {{"GET", "/period_kpi?period=week", false}, {"401", "401e", "404", "=",  "=",   "=",   "=",   "401"}},
    {{"GET", "/recharge_history?days=30", false}, {"401", "401e", "404", "=", "=",  "=",   "=",   "401"}},
    {{"GET", "/export?format=json", false},   {"401",  "401e", "404", "=",   "=",   "=",   "=",   "401"}},
    {{"GET", "/overview", false},             {"401",  "401e", "403", "403", "403", "=",   "=",   "401"}},
    {{"POST", "/fetch", false},               {"401",  "401e", "403f", "403f", "=", "=",   "=",   "="}},
    {{"POST", "/test_notification", false},   {"401",  "401e", "403f", "403f", "=", "=",   "=",   "="}},
    {{"GET", "/metrics", true},               {"401",  "401e", "403", "403", "403", "200", "200", "401"}},
    {{"GET", "/shares", true},                {"401",  "401e", "403", "403", "403", "200", "200", "401"}},
    {{"GET", "/", false},                     {"303",  "303e", "=",   "=",   "=",   "=",   "=",   "401"}},
    {{"GET", "/healthz", false},              {"=",    "=",   "=",   "=",   "=",   "=",   "=",   "="}},
    {{"GET", "/auth/session", false},         {"s-",   "s-",  "st",  "st",  "stf", "sa",  "sa",  "s-"}},
};

const char* const kUnauthorized =
    R"({"error":"unauthorized","detail":"sign in at /signin.html, or send Authorization: Bearer <ADMIN_TOKEN>"})";
const char* const kOperatorUnauthorized =
    R"({"error":"unauthorized","detail":"this server needs its operator token: Authorization: Bearer <token>"})";
const char* const kLinkEnded =
    R"({"error":"link_ended","detail":"this share link has expired or was revoked; ask for a new one"})";
const char* const kForbidden = R"({"error":"forbidden","detail":"a share link shows its one meter only"})";
const char* const kNoFetch = R"({"error":"forbidden","detail":"this share link does not allow fetches"})";
const char* const kNoMeterB = R"({"error":"unknown_device","detail":"no meter B2"})";

std::string with_meter_b(const std::string& target) {
  return target + (target.find('?') == std::string::npos ? "?" : "&") + "device_id=B2";
}

struct Credentials {
  std::string ended_cookie, tenant_cookie, fetch_cookie, admin_cookie;
};

std::vector<http::Field> headers_of(Caller caller, const Credentials& c) {
  switch (caller) {
    case kNone: return {};
    case kEnded: return {{"Cookie", "ebill_session=" + c.ended_cookie}};
    case kTenantAskingB:
    case kTenantA: return {{"Cookie", "ebill_session=" + c.tenant_cookie}};
    case kTenantFetch: return {{"Cookie", "ebill_session=" + c.fetch_cookie}};
    case kAdminCookie: return {{"Cookie", "theme=dark; ebill_session=" + c.admin_cookie}};
    case kAdminBearer: return {{"Authorization", std::string("Bearer ") + kAdminToken}};
    case kFetchBearer: return {{"Authorization", std::string("Bearer ") + kFetchToken}};
    case kCallers: break;
  }
  return {};
}

// A manual fetch records its (failed) attempt in meter_status, which /devices
// and /overview show: the attempt is removed again so every answer is asked
// of the same database.
// Each (row, caller) asks from its own loopback address, so the limit on
// wrong tokens per address (5 a minute) never mixes cells of the table.
HttpResponse call(const TestDatabase& db, int port, const Endpoint& e, const std::string& target,
                  std::vector<http::Field> headers, const std::string& source) {
  HttpResponse r = request(port, e.method, target, headers, "", source);
  if (e.target == "/fetch") db.exec("DELETE FROM meter_status");
  return r;
}

// The cookie an answer sets (the value of its Set-Cookie: ebill_session=...).
std::string set_cookie_value(const HttpResponse& r) {
  const auto header = r.header("Set-Cookie");
  REQUIRE(header);
  REQUIRE(header->rfind("ebill_session=", 0) == 0);
  return header->substr(14, header->find(';') - 14);
}

std::string session_json(const std::string& mode, const std::string& code) {
  if (code == "sa") return R"({"mode":")" + mode + R"(","role":"admin","device_id":null,"allow_fetch":true})";
  if (code == "st") return R"({"mode":")" + mode + R"(","role":"tenant","device_id":"A1","allow_fetch":false})";
  if (code == "stf") return R"({"mode":")" + mode + R"(","role":"tenant","device_id":"A1","allow_fetch":true})";
  return R"({"mode":")" + mode + R"(","role":null,"device_id":null,"allow_fetch":false})";
}

// /devices of the open server with only A1 kept, as JSON text.
std::string devices_of_a(const std::string& all) {
  rapidjson::Document d;
  d.Parse(all.c_str());
  REQUIRE(d.HasMember("devices"));
  auto& list = d["devices"];
  for (auto it = list.Begin(); it != list.End();) {
    it = std::string((*it)["id"].GetString()) == "A1" ? it + 1 : list.Erase(it);
  }
  REQUIRE(list.Size() == 1);
  rapidjson::StringBuffer out;
  rapidjson::Writer<rapidjson::StringBuffer> w(out);
  d.Accept(w);
  return out.GetString();
}

bool same_json(const std::string& a, const std::string& b) {
  rapidjson::Document x, y;
  x.Parse(a.c_str());
  y.Parse(b.c_str());
  return !x.HasParseError() && !y.HasParseError() && x == y;
}

// `body` with the elapsed time curl puts in a network error ("after 2 ms")
// left out: the one part of an answer that differs between two equal calls.
std::string without_elapsed(const std::string& body) {
  static const std::regex kElapsed(R"( after \d+ ms)");
  return std::regex_replace(body, kElapsed, "");
}

std::string source_of(std::size_t row, int caller) {
  return "127.0." + std::to_string(row + 1) + "." + std::to_string(caller + 1);
}

void check_row(const TestDatabase& db, int port, const std::string& mode, std::size_t row_index, const Row& row,
               Caller caller, const Credentials& creds,
               const std::map<std::string, HttpResponse>& reference) {
  const std::string& code = row.expect[caller];
  const Endpoint& e = row.endpoint;
  const std::string target = caller == kTenantAskingB ? with_meter_b(e.target) : e.target;
  const HttpResponse r = call(db, port, e, target, headers_of(caller, creds), source_of(row_index, caller));
  INFO(mode << " " << e.method << " " << target << " as " << kCallerNames[caller] << ": expected " << code
            << ", got " << r.status << " " << r.body.substr(0, 300));
  const auto expect_json = [&](int status, const std::string& body) {
    CHECK(r.status == status);
    CHECK(r.body == body);
  };
  if (code == "=" || code == "=A") {
    const HttpResponse& ref = reference.at(e.method + " " + target);
    CHECK(r.status == ref.status);
    CHECK(r.header("Content-Type") == ref.header("Content-Type"));
    if (code == "=") CHECK(without_elapsed(r.body) == without_elapsed(ref.body));
    else CHECK(same_json(r.body, devices_of_a(ref.body)));
  } else if (code == "200") {
    CHECK(r.status == 200);
  } else if (code == "401") {
    expect_json(401, kUnauthorized);
  } else if (code == "401o") {
    expect_json(401, kOperatorUnauthorized);
  } else if (code == "401e") {
    expect_json(401, kLinkEnded);
    CHECK(r.header("Set-Cookie") == "ebill_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict");
  } else if (code == "403") {
    expect_json(403, kForbidden);
  } else if (code == "403f") {
    expect_json(403, kNoFetch);
  } else if (code == "404") {
    expect_json(404, kNoMeterB);
  } else if (code == "303" || code == "303e") {
    CHECK(r.status == 303);
    CHECK(r.header("Location") == (code == "303" ? "/signin.html" : "/signin.html?ended=1"));
  } else if (code.rfind("s", 0) == 0) {
    expect_json(200, session_json(mode, code));
  } else {
    FAIL("unknown code " << code);
  }
}

}  // namespace

TEST_CASE("access modes: every endpoint for every caller, as the table says", "[api][access][mariadb]") {
  const Backend backend = GENERATE(Backend::kSqlite, Backend::kMariadb);
  INFO(backend_name(backend));
  TestDatabase db(backend);
  const std::string web = make_temp_dir("ebill-access-web");
  write_file(web + "/index.html", "<!doctype html><title>page</title>\n");
  write_file(web + "/signin.html", "<!doctype html><title>sign in</title>\n");

  std::string tenant_token, fetch_token, ended_token;
  std::int64_t ended_id = 0;
  {
    auto open = db.open();
    storage::MeterStore(*open).upsert({Meter{"A1", "五楼", true, 0}, Meter{"B2", "六楼", true, 0}});
    std::vector<Reading> readings;
    for (int i = 0; i < 10; ++i) {
      const LocalSeconds t = parse_datetime("2025-03-10 06:00:00").value() + i * 1800;
      readings.push_back(Reading{"A1", t, 5000 - 10 * i, std::nullopt, std::nullopt});
      readings.push_back(Reading{"B2", t, 9000 - 20 * i, std::nullopt, std::nullopt});
    }
    storage::ReadingStore(*open).insert(readings);
    const std::int64_t now = api::unix_now();
    tenant_token = api::create_share(*open, {"A1", "五楼租客", 86400, false}, now)->token;
    fetch_token = api::create_share(*open, {"A1", "", 86400, true}, now)->token;
    auto ended = api::create_share(*open, {"A1", "", 86400, false}, now);
    ended_token = ended->token;
    ended_id = ended->link.id;
  }
  const Env common = {{"WEB_ROOT", web},
                      {"ADMIN_TOKEN", kAdminToken},
                      {"FETCH_TOKEN", kFetchToken},
                      {"METER_SOURCE_URL", "http://127.0.0.1:1/{meter}"},
                      {"FETCH_RETRIES", "0"},
                      {"MANUAL_FETCH_COOLDOWN_SECONDS", "0"},
                      {"TEST_NOTIFICATION_COOLDOWN_SECONDS", "0"}};
  const auto env = [&](const std::string& mode) {
    Env e = common;
    e.emplace_back("ACCESS_MODE", mode);
    return api_env(db, "UTC", kNow, "A1:五楼,B2:六楼", e);
  };

  // The cookies: links opened on a shared server, the admin's sign-in; then
  // one link expires (as time would make it).
  Credentials creds;
  {
    ApiProcess shared(env("shared"));
    creds.tenant_cookie = set_cookie_value(get(shared.port(), "/s/" + tenant_token));
    creds.fetch_cookie = set_cookie_value(get(shared.port(), "/s/" + fetch_token));
    creds.ended_cookie = set_cookie_value(get(shared.port(), "/s/" + ended_token));
    creds.admin_cookie = set_cookie_value(request(shared.port(), "POST", "/auth/signin", {}, std::string("token=") + kAdminToken));
  }
  db.exec("UPDATE share_link SET expires_at = " + std::to_string(api::unix_now() - 1) +
          " WHERE id = " + std::to_string(ended_id));

  // The open server's answers, asked with the operator token where it is needed.
  std::map<std::string, HttpResponse> reference;
  {
    ApiProcess open(env("open"));
    const auto& rows = kOpen;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const Row& row = rows[i];
      for (const std::string& target : {row.endpoint.target, with_meter_b(row.endpoint.target)}) {
        reference[row.endpoint.method + " " + target] =
            call(db, open.port(), row.endpoint, target, headers_of(kFetchBearer, creds), source_of(i, kFetchBearer));
      }
    }
  }
  CHECK(reference.at("POST /fetch").status == 502);  // the operator route ran: the source is down
  CHECK(reference.at("GET /kpi").body != reference.at("GET /kpi?device_id=B2").body);

  for (const auto& [mode, table] : {std::pair{std::string("open"), &kOpen}, std::pair{std::string("private"), &kPrivate},
                                    std::pair{std::string("shared"), &kShared}}) {
    ApiProcess api(env(mode));
    for (std::size_t i = 0; i < table->size(); ++i) {
      const Row& row = (*table)[i];
      REQUIRE(row.expect.size() == kCallers);
      for (int caller = 0; caller < kCallers; ++caller) {
        check_row(db, api.port(), mode, i, row, static_cast<Caller>(caller), creds, reference);
      }
    }
  }
}
