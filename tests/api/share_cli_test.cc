// `ebill-api share create|list|revoke`, the production binary on a real
// database (SQLite and MariaDB), and what the printed link then opens.
#include <catch2/catch.hpp>

#include "tests/api/support/api_on_database.h"
#include "tests/support/http_client.h"

using namespace ebill;
using namespace ebill::test;

namespace {

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t nl = text.find('\n', at);
    out.push_back(text.substr(at, nl - at));
    at = nl == std::string::npos ? text.size() : nl + 1;
  }
  return out;
}

}  // namespace

TEST_CASE("share create prints a link, list shows it without the token, revoke stops it", "[api][access][mariadb]") {
  const Backend backend = GENERATE(Backend::kSqlite, Backend::kMariadb);
  INFO(backend_name(backend));
  TestDatabase db(backend);
  Env env = api_env(db, "UTC", "2025-03-10 12:00:00", "A1:五楼,B2:六楼",
                    {{"ACCESS_MODE", "shared"}, {"ADMIN_TOKEN", "admin-Tok3n-0123456789"}});
  // The server writes the configured meters into the table.
  ApiProcess api(env);
  env.emplace_back("PUBLIC_URL", "https://ebill.example:8443");

  const CommandResult made = run_api_command(env, {"share", "create", "A1", "--label", "五楼租客", "--expires", "30d"});
  INFO(made.err);
  REQUIRE(made.status == 0);
  REQUIRE(lines(made.out).size() == 1);
  const std::string url = lines(made.out)[0];
  REQUIRE(url.rfind("https://ebill.example:8443/s/", 0) == 0);
  const std::string path = url.substr(std::string("https://ebill.example:8443").size());
  CHECK(path.size() == 3 + 43);
  CHECK(made.err.find("share link 1 for meter A1, expires ") != std::string::npos);

  const CommandResult fetcher = run_api_command(env, {"share", "create", "B2", "--expires", "never", "--allow-fetch"});
  CHECK(fetcher.status == 0);

  const CommandResult listed = run_api_command(env, {"share", "list"});
  CHECK(listed.status == 0);
  const auto rows = lines(listed.out);
  REQUIRE(rows.size() == 3);
  CHECK(rows[0] == "id\tmeter\tlabel\texpires\tallow_fetch\tcreated\tstate");
  CHECK(rows[1].rfind("1\tA1\t五楼租客\t", 0) == 0);
  CHECK(rows[1].ends_with("\tactive"));
  CHECK(rows[1].find("\tno\t") != std::string::npos);
  CHECK(rows[2].rfind("2\tB2\t\tnever\tyes\t", 0) == 0);
  CHECK(listed.out.find(path.substr(3)) == std::string::npos);

  // The printed link opens A1's dashboard on the server.
  const HttpResponse opened = get(api.port(), path);
  REQUIRE(opened.status == 200);
  const std::string cookie = opened.header("Set-Cookie").value_or("").substr(0, opened.header("Set-Cookie").value_or("").find(';'));
  CHECK(get(api.port(), "/devices", {{"Cookie", cookie}}).body.find("\"id\":\"A1\"") != std::string::npos);

  const CommandResult revoked = run_api_command(env, {"share", "revoke", "1"});
  CHECK(revoked.status == 0);
  CHECK(revoked.out == "revoked share link 1\n");
  CHECK(get(api.port(), "/devices", {{"Cookie", cookie}}).status == 401);
  CHECK(get(api.port(), path).status == 404);
  CHECK(lines(run_api_command(env, {"share", "list"}).out)[1].ends_with("\trevoked"));
}

TEST_CASE("share commands refuse bad input with one line and change nothing", "[api][access]") {
  TestDatabase db(Backend::kSqlite);
  const Env env = api_env(db, "UTC", "2025-03-10 12:00:00", "A1:五楼", {});
  { ApiProcess api(env); }  // the meter table holds A1
  const auto check_refused = [&](const std::vector<std::string>& args, int status, const std::string& err) {
    const CommandResult r = run_api_command(env, args);
    INFO((args.size() > 2 ? args[2] : args[1]));
    CHECK(r.status == status);
    CHECK(r.out.empty());
    CHECK(r.err == err);
  };
  check_refused({"share", "create", "ZZ9"}, 2, "ebill-api: share: no meter ZZ9\n");
  check_refused({"share", "create", "A1", "--expires", "soon"}, 2,
                "ebill-api: share: the lifetime must be like 90d (days), 12h (hours) or never\n");
  check_refused({"share", "create", "A1", "--label", std::string(101, 'x')}, 2,
                "ebill-api: share: the label must be at most 100 characters\n");
  check_refused({"share", "revoke", "7"}, 1, "ebill-api: share: no share link 7\n");
  check_refused({"share", "revoke", "x"}, 2, "ebill-api: share: ID must be a share link's number (see share list): x\n");
  const CommandResult usage = run_api_command(env, {"share", "delete"});
  CHECK(usage.status == 2);
  CHECK(usage.err.rfind("usage: ebill-api share create METER", 0) == 0);
  CHECK(db.scalar("SELECT COUNT(*) FROM share_link") == "0");
}
