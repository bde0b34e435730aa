// .env files as existing installations write them, and how they combine with
// the process environment.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <unistd.h>

#include "common/config/config.h"
#include "common/config/environment.h"

using ebill::Environment;
using ebill::parse_dotenv;

namespace {

Environment parse_ok(std::string_view text) {
  auto env = parse_dotenv(text, ".env");
  if (!env) FAIL(env.error().message);
  return std::move(env).value();
}

std::string parse_error(std::string_view text) {
  auto env = parse_dotenv(text, "/etc/ebill/.env");
  REQUIRE_FALSE(env.ok());
  return env.error().message;
}

}  // namespace

TEST_CASE(".env: plain lines, export, blank lines and comments", "[config][dotenv]") {
  const Environment env = parse_ok(
      "# ebill settings\n"
      "\n"
      "DB_HOST=127.0.0.1\n"
      "export DB_PORT=3307\n"
      "   DB_USER = ebill   \n"
      "DB_NAME=electricity # the database of the old app\n"
      "FETCH_TOKEN=abc#123\n"
      "  # an indented comment\n"
      "EMPTY=\n"
      "EMPTY_COMMENT= # nothing\n"
      "DB_PORT=3308\n");
  CHECK(env == Environment{{"DB_HOST", "127.0.0.1"},
                           {"DB_PORT", "3308"},  // a later line wins
                           {"DB_USER", "ebill"},
                           {"DB_NAME", "electricity"},
                           {"FETCH_TOKEN", "abc#123"},  // '#' without a space before it is data
                           {"EMPTY", ""},
                           {"EMPTY_COMMENT", ""}});
}

TEST_CASE(".env: single and double quotes", "[config][dotenv]") {
  const Environment env = parse_ok(
      "A='single # not a comment'  # a comment\n"
      "B=\"double \\\"quoted\\\" \\\\ line\\nnext\"\n"
      "C='no \\n escapes in single quotes'\n"
      "D=\"#hash\"\n"
      "DEVICES_JSON='[{\"id\": \"19501609994\", \"name\": \"5-1-501\"}]'\n"
      "E=''\n");
  CHECK(env.at("A") == "single # not a comment");
  CHECK(env.at("B") == "double \"quoted\" \\ line\nnext");
  CHECK(env.at("C") == "no \\n escapes in single quotes");
  CHECK(env.at("D") == "#hash");
  CHECK(env.at("DEVICES_JSON") == "[{\"id\": \"19501609994\", \"name\": \"5-1-501\"}]");
  CHECK(env.at("E").empty());
}

TEST_CASE(".env: a quoted value may span lines, and CRLF and a BOM are accepted", "[config][dotenv]") {
  const Environment env = parse_ok(
      "\xEF\xBB\xBF"
      "DEVICES_JSON='[\r\n"
      "  {\"id\": \"1\"},\r\n"
      "  {\"id\": \"2\"}\r\n"
      "]'\r\n"
      "BROKEN_LATER=x\r\n");
  CHECK(env.at("DEVICES_JSON") == "[\r\n  {\"id\": \"1\"},\r\n  {\"id\": \"2\"}\r\n]");
  CHECK(env.at("BROKEN_LATER") == "x");
}

TEST_CASE(".env: a malformed line names the file and the line", "[config][dotenv]") {
  CHECK(parse_error("A=1\n\nJUST_A_WORD\n") == "/etc/ebill/.env:3: expected '=' after JUST_A_WORD");
  CHECK(parse_error("=value\n") == "/etc/ebill/.env:1: expected KEY=value");
  CHECK(parse_error("1KEY=x\n") == "/etc/ebill/.env:1: expected KEY=value");
  CHECK(parse_error("A=1\nB='open\nC=2\n") == "/etc/ebill/.env:2: unterminated quoted value for B");
  CHECK(parse_error("A=1\r\nB=\"x\" y\r\n") ==
        "/etc/ebill/.env:2: unexpected text after the closing quote of B");
  // A line number after a multi-line value counts the lines inside it.
  CHECK(parse_error("J='a\nb\nc'\nBAD LINE\n") == "/etc/ebill/.env:4: expected '=' after BAD");
}

TEST_CASE("the process environment wins over .env, except with an empty value", "[config][dotenv]") {
  const Environment file{{"DB_HOST", "from-file"}, {"PORT", "9000"}, {"LOG_LEVEL", "debug"}};
  const Environment process{{"DB_HOST", "from-env"}, {"PORT", ""}, {"APP_TZ", "UTC"}};
  const Environment merged = ebill::merge_environment(process, file);
  CHECK(merged == Environment{{"DB_HOST", "from-env"}, {"PORT", "9000"},
                              {"LOG_LEVEL", "debug"}, {"APP_TZ", "UTC"}});
}

TEST_CASE("read_dotenv_file: a missing file is empty, a real one is parsed", "[config][dotenv]") {
  char tmpl[] = "/tmp/ebill-dotenv-XXXXXX";
  REQUIRE(::mkdtemp(tmpl) != nullptr);
  const std::filesystem::path dir(tmpl);
  const auto missing = ebill::read_dotenv_file((dir / ".env").string());
  REQUIRE(missing.ok());
  CHECK(missing->empty());

  const std::string path = (dir / ".env").string();
  std::ofstream(path) << "DB_HOST=db # lan\nexport PORT='9200'\n";
  const auto read = ebill::read_dotenv_file(path);
  REQUIRE(read.ok());
  CHECK(*read == Environment{{"DB_HOST", "db"}, {"PORT", "9200"}});

  std::ofstream(path) << "OK=1\nnot a setting\n";
  const auto bad = ebill::read_dotenv_file(path);
  REQUIRE_FALSE(bad.ok());
  CHECK(bad.error().message == path + ":2: expected '=' after not");

  const auto dir_as_file = ebill::read_dotenv_file(dir.string());
  REQUIRE_FALSE(dir_as_file.ok());
  CHECK(dir_as_file.error().message == dir.string() + ": cannot read the file");

  // load_config_from_process reports a broken .env the same way.
  const auto config = ebill::load_config_from_process(path);
  REQUIRE_FALSE(config.ok());
  CHECK(config.error().message == path + ":2: expected '=' after not");
  std::filesystem::remove_all(dir);
}

TEST_CASE("process_environment reads environ", "[config][dotenv]") {
  // ctest and scripts/test always run with PATH set; compare with getenv.
  const char* path = std::getenv("PATH");
  REQUIRE(path != nullptr);
  const Environment env = ebill::process_environment();
  CHECK(env.at("PATH") == path);
}
