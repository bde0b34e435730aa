#include "tests/api/support/api_on_database.h"

#include <catch2/catch.hpp>

#include "tests/support/http_client.h"

namespace ebill::test {

Env database_env(const TestDatabase& db) {
  const DatabaseSettings& s = db.settings();
  if (s.backend == DatabaseSettings::Backend::kSqlite) return {{"SQLITE_PATH", s.sqlite_path}};
  return {{"DB_HOST", s.host},         {"DB_PORT", std::to_string(s.port)},
          {"DB_USER", s.user},         {"DB_PASSWORD", s.password},
          {"DB_NAME", s.name},         {"DB_CONNECT_TIMEOUT", "2"},
          {"DB_READ_TIMEOUT", "3"},    {"DB_WRITE_TIMEOUT", "3"}};
}

Env api_env(const TestDatabase& db, const std::string& tz, const std::string& now,
            const std::string& meters, const Env& extra) {
  Env env = database_env(db);
  env.emplace_back("APP_TZ", "Asia/Shanghai");
  env.emplace_back("TZ", tz);
  env.emplace_back("EBILL_API_TEST_NOW", now);
  env.emplace_back("METERS", meters);
  env.insert(env.end(), extra.begin(), extra.end());
  return env;
}

rapidjson::Document get_json(int port, const std::string& target, int status) {
  HttpResponse r = get(port, target);
  INFO(target << " -> " << r.status << " " << r.body.substr(0, 300));
  REQUIRE(r.status == status);
  REQUIRE(r.header("Content-Type") == "application/json");
  rapidjson::Document doc;
  doc.Parse(r.body.c_str());
  REQUIRE_FALSE(doc.HasParseError());
  return doc;
}

namespace {

void check_number(const rapidjson::Value& v, std::optional<double> expected, const std::string& what) {
  INFO(what);
  if (!expected) {
    CHECK(v.IsNull());
    return;
  }
  REQUIRE(v.IsNumber());
  CHECK(v.GetDouble() == *expected);
}

}  // namespace

void check_amounts(const rapidjson::Value& array, const Amounts& expected, const std::string& what) {
  INFO(what);
  REQUIRE(array.IsArray());
  REQUIRE(array.Size() == expected.size());
  for (rapidjson::SizeType i = 0; i < array.Size(); ++i) {
    check_number(array[i], expected[i], what + "[" + std::to_string(i) + "]");
  }
}

void check_strings(const rapidjson::Value& array, const std::vector<std::string>& expected,
                   const std::string& what) {
  INFO(what);
  REQUIRE(array.IsArray());
  REQUIRE(array.Size() == expected.size());
  for (rapidjson::SizeType i = 0; i < array.Size(); ++i) {
    REQUIRE(array[i].IsString());
    CHECK(std::string(array[i].GetString()) == expected[i]);
  }
}

void check_bools(const rapidjson::Value& array, const std::vector<bool>& expected,
                 const std::string& what) {
  INFO(what);
  REQUIRE(array.IsArray());
  REQUIRE(array.Size() == expected.size());
  for (rapidjson::SizeType i = 0; i < array.Size(); ++i) {
    INFO("index " << i);
    REQUIRE(array[i].IsBool());
    CHECK(array[i].GetBool() == expected[i]);
  }
}

void check_amount(const rapidjson::Value& object, const char* key, std::optional<double> expected) {
  REQUIRE(object.HasMember(key));
  check_number(object[key], expected, key);
}

void check_string(const rapidjson::Value& object, const char* key,
                  std::optional<std::string> expected) {
  INFO(key);
  REQUIRE(object.HasMember(key));
  if (!expected) {
    CHECK(object[key].IsNull());
    return;
  }
  REQUIRE(object[key].IsString());
  CHECK(std::string(object[key].GetString()) == *expected);
}

}  // namespace ebill::test
