// The registry drives --help, docs/configuration.md and the redacted
// start-up summary.
#include <catch2/catch.hpp>

#include <set>

#include "common/config/config.h"
#include "common/config/describe.h"
#include "common/config/registry.h"
#include "tests/support/test_paths.h"

using ebill::Program;

TEST_CASE("registry names are unique upper-case identifiers", "[config][registry]") {
  std::set<std::string_view> names;
  for (const auto& v : ebill::config_variables()) {
    INFO(v.name);
    CHECK(names.insert(v.name).second);
    CHECK(ebill::find_config_variable(v.name) == &v);
    CHECK_FALSE(v.meaning.empty());
    CHECK(v.name.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") == std::string_view::npos);
  }
  CHECK(ebill::find_config_variable("NOPE") == nullptr);
  for (const char* secret : {"DB_PASSWORD", "FETCH_TOKEN", "FETCH_PROXY"}) {
    CHECK(ebill::find_config_variable(secret)->secret);
  }
}

TEST_CASE("help text lists every variable the program reads, with its default", "[config][registry]") {
  const std::string collector = ebill::help_text(Program::kCollector);
  const std::string api = ebill::help_text(Program::kApi);
  for (const auto& v : ebill::config_variables()) {
    INFO(v.name);
    for (Program p : {Program::kCollector, Program::kApi}) {
      const std::string& help = p == Program::kCollector ? collector : api;
      const bool listed = help.find("  " + std::string(v.name) + " ") != std::string::npos;
      CHECK(listed == ebill::used_by(v, p));
      if (listed) {
        const std::string shown =
            v.default_value.empty() ? "(unset)" : std::string(v.default_value);
        CHECK(help.find(std::string(v.name)) < help.find("default: " + shown, help.find(std::string(v.name))));
        CHECK(help.find(std::string(v.meaning)) != std::string::npos);
      }
    }
  }
  // Spot checks derived from the spec.
  CHECK(collector.find("FETCH_INTERVAL_SECONDS") != std::string::npos);
  CHECK(collector.find("  PORT ") == std::string::npos);
  CHECK(api.find("SPOOL_DIR") == std::string::npos);
  CHECK(api.find("default: 9136") != std::string::npos);
}

TEST_CASE("docs/configuration.md embeds the generated reference table", "[config][registry]") {
  const std::string doc = ebill::test::read_file(ebill::test::source_dir() + "/docs/configuration.md");
  const std::string table = ebill::reference_markdown();
  INFO("docs/configuration.md must contain exactly this table:\n" << table);
  CHECK(doc.find(table) != std::string::npos);
  for (const auto& v : ebill::config_variables()) {
    CHECK(doc.find("`" + std::string(v.name) + "`") != std::string::npos);
  }
}

TEST_CASE("README.md embeds the same reference table", "[config][registry]") {
  const std::string readme = ebill::test::read_file(ebill::test::source_dir() + "/README.md");
  const std::string table = ebill::reference_markdown();
  INFO("README.md must contain exactly this table:\n" << table);
  CHECK(readme.find(table) != std::string::npos);
}

TEST_CASE("describe() prints every setting and redacts every secret", "[config][secrets]") {
  auto loaded = ebill::load_config(
      {{"DB_HOST", "db.lan"}, {"DB_PASSWORD", "Pw-Secret-1"}, {"FETCH_TOKEN", "Token-Secret-2"},
       {"FETCH_PROXY", "http://proxyuser:Proxy-Secret-3@proxy.lan:3128"},
       {"DEVICES_JSON",
        R"([{"id": "19501609994", "name": "家", "server_chan_key": "SCT-Secret-4",
             "notify": [{"type": "webhook", "url": "https://hooks.example/Url-Secret-5", "token": "Hook-Secret-6"},
                        {"type": "pushplus", "token_env": "PP"}]}])"},
       {"PP", "PP-Secret-7"}});
  REQUIRE(loaded.ok());
  const std::vector<std::string> lines = ebill::describe(*loaded);
  std::string all;
  for (const std::string& l : lines) all += l + "\n";
  INFO(all);
  for (const char* secret : {"Pw-Secret-1", "Token-Secret-2", "Proxy-Secret-3", "proxyuser",
                             "SCT-Secret-4", "Url-Secret-5", "Hook-Secret-6", "PP-Secret-7"}) {
    CHECK(all.find(secret) == std::string::npos);
  }
  CHECK(all.find("DB_PASSWORD=(set)\n") != std::string::npos);
  CHECK(all.find("FETCH_TOKEN=(set)\n") != std::string::npos);
  CHECK(all.find("FETCH_PROXY=http://***@proxy.lan:3128\n") != std::string::npos);
  CHECK(all.find("meter 19501609994 name=家 notify=serverchan,webhook,pushplus\n") != std::string::npos);
  CHECK(all.find("DB_HOST=db.lan\n") != std::string::npos);
  CHECK(all.find("COLLECTOR_SHARD=0/1\n") != std::string::npos);
  CHECK(all.find("DAILY_REPORT_TIME=09:00\n") != std::string::npos);
  CHECK(all.find("RECHARGE_MIN_KWH=1.00\n") != std::string::npos);

  auto defaults = ebill::load_config({});
  REQUIRE(defaults.ok());
  std::string d;
  for (const std::string& l : ebill::describe(*defaults)) d += l + "\n";
  CHECK(d.find("SQLITE_PATH=var/ebill.db\n") != std::string::npos);
  CHECK(d.find("DB_HOST") == std::string::npos);
  CHECK(d.find("FETCH_TOKEN=(unset)\n") != std::string::npos);
  CHECK(d.find("meters: none configured\n") != std::string::npos);
  CHECK(d.find("METRICS_PORT=off\n") != std::string::npos);
}

TEST_CASE("redact_url_credentials hides user:password@ only", "[config][secrets]") {
  CHECK(ebill::redact_url_credentials("socks5h://u:p@127.0.0.1:1080") == "socks5h://***@127.0.0.1:1080");
  CHECK(ebill::redact_url_credentials("http://proxy:3128") == "http://proxy:3128");
  CHECK(ebill::redact_url_credentials("https://h/path@x") == "https://h/path@x");
  CHECK(ebill::redact_url_credentials("no-scheme") == "no-scheme");
}
