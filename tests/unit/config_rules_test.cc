// Each registry entry's default, bounds and secrecy are what the loader
// applies: an unset variable means its shown default, a value just outside
// its range stops loading with one line naming it, and a secret value never
// reaches an error line or the start-up summary.
#include <catch2/catch.hpp>

#include <map>
#include <string>

#include "common/config/config.h"
#include "common/config/describe.h"
#include "common/config/registry.h"

using ebill::Config;
using ebill::ConfigVariable;
using ebill::Environment;

namespace {

Config load_ok(const Environment& env) {
  auto c = ebill::load_config(env);
  if (!c) FAIL(c.error().message);
  return std::move(c).value();
}

std::string load_error(const Environment& env) {
  auto c = ebill::load_config(env);
  REQUIRE_FALSE(c.ok());
  return c.error().message;
}

// Every value the registry can show, as one text.
std::string fingerprint(const Config& c) {
  std::string out;
  for (const ConfigVariable& v : ebill::config_variables()) {
    out += std::string(v.name) + "=" + v.value.show(c) + "\n";
  }
  return out;
}

std::string number_text(std::int64_t value, int scale) {
  return scale == 0 ? std::to_string(value) : ebill::format_hundredths(value);
}

// The variables FETCH_TIMEOUT >= FETCH_CONNECT_TIMEOUT needs beside an
// extreme value of one of them.
Environment with_companions(const std::string& name, const std::string& value) {
  Environment env{{name, value}};
  if (name == "FETCH_TIMEOUT") env["FETCH_CONNECT_TIMEOUT"] = "1";
  if (name == "FETCH_CONNECT_TIMEOUT") env["FETCH_TIMEOUT"] = "600";
  return env;
}

}  // namespace

TEST_CASE("an unset or empty variable means the default --help shows", "[config][registry]") {
  const std::string unset = fingerprint(load_ok({}));
  for (const ConfigVariable& v : ebill::config_variables()) {
    if (!v.value.read) continue;  // the meter variables: see meter_config_test
    const std::string name(v.name);
    INFO(name << " default " << v.default_value);
    CHECK(fingerprint(load_ok({{name, ""}})) == unset);
    if (!v.default_value.empty()) CHECK(fingerprint(load_ok({{name, v.default_value}})) == unset);
  }
  // Spot checks against the documented defaults.
  CHECK(ebill::find_config_variable("FETCH_INTERVAL_SECONDS")->default_value == "300");
  CHECK(ebill::find_config_variable("RECHARGE_MIN_KWH")->default_value == "1.00");
  CHECK(ebill::find_config_variable("DAILY_REPORT_TIME")->default_value == "09:00");
  CHECK(ebill::find_config_variable("DB_HOST")->default_value.empty());
  CHECK(ebill::find_config_variable("API_THREADS")->default_value.empty());
  CHECK(load_ok({}).collector.interval_s == 300);
}

TEST_CASE("a value just outside its bounds stops loading with one line naming it", "[config][registry]") {
  int ranged = 0;
  for (const ConfigVariable& v : ebill::config_variables()) {
    if (!v.value.range) continue;
    ++ranged;
    const std::string name(v.name);
    const auto [lo, hi, scale] = *v.value.range;
    const std::string rule =
        scale == 0 ? "must be a whole number from " + number_text(lo, 0) + " to " + number_text(hi, 0)
                   : "must be a number from " + number_text(lo, scale) + " to " +
                         number_text(hi, scale) + " with at most two decimals";
    for (std::int64_t inside : {lo, hi}) {
      INFO(name << "=" << number_text(inside, scale));
      const Config c = load_ok(with_companions(name, number_text(inside, scale)));
      CHECK(v.value.show(c) == number_text(inside, scale));
    }
    for (std::int64_t outside : {lo - 1, hi + 1}) {
      const std::string text = number_text(outside, scale);
      INFO(name << "=" << text);
      CHECK(load_error(with_companions(name, text)) == name + ": " + rule + " (got \"" + text + "\")");
    }
  }
  CHECK(ranged >= 25);
  // The bounds the docs promise.
  const auto range_of = [](const char* name) { return *ebill::find_config_variable(name)->value.range; };
  CHECK((range_of("PORT").lo == 0 && range_of("PORT").hi == 65535));
  CHECK((range_of("METRICS_PORT").lo == 1 && range_of("METRICS_PORT").hi == 65535));
  CHECK((range_of("DB_POOL_SIZE").lo == 1 && range_of("DB_POOL_SIZE").hi == 64));
  CHECK((range_of("FETCH_INTERVAL_SECONDS").lo == 10 && range_of("FETCH_INTERVAL_SECONDS").hi == 86400));
  CHECK((range_of("MAX_JUMP_KWH").lo == 1 && range_of("MAX_JUMP_KWH").scale == 2));
}

TEST_CASE("a secret never reaches an error line or the start-up summary", "[config][secrets]") {
  const std::string marker = "Zq9-Hidden";
  // A valid value holding the marker, per secret variable.
  const std::map<std::string, std::string> samples = {
      {"DB_PASSWORD", marker},
      {"FETCH_TOKEN", marker + "-0123456789"},
      {"ADMIN_TOKEN", marker + "-0123456789"},
      {"FETCH_PROXY", "http://user:" + marker + "@proxy.lan:3128"},
      {"MQTT_PASSWORD", marker},
  };
  int secrets = 0;
  for (const ConfigVariable& v : ebill::config_variables()) {
    const std::string name(v.name);
    INFO(name);
    if (!v.secret) {
      // Plain values are echoed, so an operator sees what was wrong.
      if (v.value.read) CHECK(load_error({{name, "bad\x01" + marker}}).find(marker) != std::string::npos);
      continue;
    }
    ++secrets;
    REQUIRE(samples.contains(name));
    const Environment env{{"DB_HOST", "db.lan"}, {name, samples.at(name)}};
    std::string summary;
    for (const std::string& line : ebill::describe(load_ok(env))) summary += line + "\n";
    CHECK(summary.find(name + "=") != std::string::npos);
    CHECK(summary.find(marker) == std::string::npos);
    const std::string error = load_error({{name, samples.at(name) + "\x01"}});
    CHECK(error.starts_with(name + ": "));
    CHECK(error.ends_with("(value hidden)"));
    CHECK(error.find(marker) == std::string::npos);
  }
  CHECK(secrets == static_cast<int>(samples.size()));
}
