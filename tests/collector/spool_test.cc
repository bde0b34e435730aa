#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <fmt/format.h>

#include "collector/fnv1a.h"
#include "collector/spool.h"
#include "collector/spool_line.h"
#include "tests/collector/child_process.h"
#include "tests/collector/tiny_tmpfs.h"
#include "tests/support/test_paths.h"

using namespace ebill;
using namespace ebill::collector;

namespace {

Reading reading(const std::string& meter, const std::string& when, Hundredths remain,
                std::optional<Hundredths> money = std::nullopt,
                std::optional<TenThousandths> price = std::nullopt) {
  return Reading{meter, parse_datetime(when).value(), remain, money, price};
}

std::unique_ptr<Spool> open_spool(const std::string& dir) {
  auto s = Spool::open(dir);
  REQUIRE(s.ok());
  return std::move(s).value();
}

// Replays everything into a vector.
std::vector<Reading> drain(Spool& spool) {
  std::vector<Reading> got;
  spool.replay(
      [&](const std::vector<Reading>& batch) {
        got.insert(got.end(), batch.begin(), batch.end());
        return RejectedReadings{};
      },
      2);
  return got;
}

void append_raw(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::app | std::ios::binary) << text;
}

}  // namespace

TEST_CASE("a spool line carries every field and a checksum of them", "[spool]") {
  const Reading r = reading("19501609994", "2025-03-07 08:05:09", 5236, 3142, 6000);
  const std::string payload = "v1\t19501609994\t2025-03-07 08:05:09\t52.36\t31.42\t0.6000";
  CHECK(encode_spool_line(r) == payload + "\t" + fmt::format("{:016x}", fnv1a64(payload)));
  CHECK(decode_spool_line(encode_spool_line(r)) == r);

  const Reading bare = reading("A1", "2025-03-07 00:00:00", 0);
  const std::string bare_payload = "v1\tA1\t2025-03-07 00:00:00\t0.00\t-\t-";
  CHECK(encode_spool_line(bare) == bare_payload + "\t" + fmt::format("{:016x}", fnv1a64(bare_payload)));
  CHECK(decode_spool_line(encode_spool_line(bare)) == bare);
}

TEST_CASE("damaged spool lines do not decode", "[spool]") {
  const std::string good = encode_spool_line(reading("19501609994", "2025-03-07 08:05:09", 5236, 3142, 6000));
  CHECK_FALSE(decode_spool_line(""));
  CHECK_FALSE(decode_spool_line("garbage"));
  CHECK_FALSE(decode_spool_line(good.substr(0, good.size() - 1)));  // cut checksum
  CHECK_FALSE(decode_spool_line(good.substr(0, 30)));               // cut mid-line
  std::string flipped = good;
  flipped[20] = flipped[20] == '5' ? '6' : '5';  // a digit of the meter number
  CHECK_FALSE(decode_spool_line(flipped));
  // A right checksum over a wrong version or a badly written value.
  for (const std::string payload : {"v2\tM1\t2025-03-07 08:05:09\t1.00\t-\t-",
                                    "v1\tM1\t2025-03-07 08:05:09\t1.0\t-\t-",
                                    "v1\tM1\t2025-02-30 08:05:09\t1.00\t-\t-",
                                    "v1\tM-1\t2025-03-07 08:05:09\t1.00\t-\t-",
                                    "v1\tM1\t2025-03-07 08:05:09\t1.00\t-"}) {
    CHECK_FALSE(decode_spool_line(payload + "\t" + fmt::format("{:016x}", fnv1a64(payload))));
  }
}

TEST_CASE("a spool line with an ISO 'T' in its time is damaged (found by fuzzing)", "[spool]") {
  // tests/fixtures/spool/fuzz_iso_t_separator.line: a right checksum over
  // "2025-03-01T00:00:00", which the encoder never writes.
  const std::string line = test::read_file(test::fixture_path("spool/fuzz_iso_t_separator.line"));
  REQUIRE(line.find("2025-03-01T00:00:00") != std::string::npos);
  CHECK_FALSE(decode_spool_line(line));
  const std::string spaced = "v1\t0f73e0c42fec6597\t2025-03-01 00:00:00\t1.06\t0.06\t0.0627";
  const auto r = decode_spool_line(spaced + "\t" + fmt::format("{:016x}", fnv1a64(spaced)));
  REQUIRE(r);
  CHECK(r->collected_at == *ebill::parse_datetime("2025-03-01 00:00:00"));
  CHECK(r->remain == 106);
}

TEST_CASE("spooled readings come back in order after a reopen, then the spool is empty", "[spool]") {
  const std::string dir = test::make_temp_dir("ebill-spool") + "/a/b";
  const std::vector<Reading> first = {reading("M1", "2025-03-07 08:00:00", 100),
                                      reading("M2", "2025-03-07 08:00:01", 200, 120)};
  const std::vector<Reading> second = {reading("M1", "2025-03-07 08:05:00", 99, 59, 6000),
                                       reading("M3", "2025-03-07 08:05:00", 0)};
  {
    auto spool = open_spool(dir);  // creates the directories
    spool->append(first);
    spool->append(second);
    CHECK(spool->depth() == 4);
  }
  auto spool = open_spool(dir);
  CHECK(spool->depth() == 4);
  std::vector<Reading> expected = first;
  expected.insert(expected.end(), second.begin(), second.end());
  CHECK(drain(*spool) == expected);
  CHECK(spool->depth() == 0);
  CHECK(std::filesystem::file_size(spool->path()) == 0);
  CHECK(drain(*spool).empty());
  std::filesystem::remove_all(std::filesystem::path(dir).parent_path().parent_path());
}

TEST_CASE("a failed replay changes nothing and the next one starts from the first line", "[spool]") {
  const std::string dir = test::make_temp_dir("ebill-spool");
  auto spool = open_spool(dir);
  std::vector<Reading> readings;
  for (int i = 0; i < 5; ++i) readings.push_back(reading("M" + std::to_string(i), "2025-03-07 08:00:00", i));
  spool->append(readings);

  int calls = 0;
  CHECK_THROWS_AS(spool->replay(
                      [&](const std::vector<Reading>&) {
                        if (++calls == 2) throw std::runtime_error("database down");
                        return RejectedReadings{};
                      },
                      2),
                  std::runtime_error);
  CHECK(calls == 2);
  CHECK(spool->depth() == 5);
  spool->append({reading("M9", "2025-03-07 08:05:00", 9)});
  readings.push_back(reading("M9", "2025-03-07 08:05:00", 9));
  CHECK(drain(*spool) == readings);
  std::filesystem::remove_all(dir);
}

TEST_CASE("damaged lines are moved to the quarantine file, the rest is replayed", "[spool]") {
  const std::string dir = test::make_temp_dir("ebill-spool");
  const Reading a = reading("M1", "2025-03-07 08:00:00", 100);
  const Reading b = reading("M2", "2025-03-07 08:00:00", 200);
  std::string bad_checksum = encode_spool_line(reading("M3", "2025-03-07 08:00:00", 300));
  bad_checksum.back() = bad_checksum.back() == '0' ? '1' : '0';
  append_raw(dir + "/readings.spool",
             encode_spool_line(a) + "\nnot a spool line\n" + bad_checksum + "\n" + encode_spool_line(b) + "\n");
  auto spool = open_spool(dir);
  CHECK(spool->depth() == 4);
  CHECK(drain(*spool) == std::vector<Reading>{a, b});
  CHECK(test::read_file(spool->quarantine_path()) == "not a spool line\n" + bad_checksum + "\n");
  CHECK(spool->depth() == 0);
  std::filesystem::remove_all(dir);
}

TEST_CASE("a line cut by a crash is closed at open and quarantined, later lines are kept", "[spool]") {
  const std::string dir = test::make_temp_dir("ebill-spool");
  const Reading a = reading("M1", "2025-03-07 08:00:00", 100);
  const Reading b = reading("M2", "2025-03-07 08:05:00", 200);
  const std::string cut = encode_spool_line(b).substr(0, 17);
  append_raw(dir + "/readings.spool", encode_spool_line(a) + "\n" + cut);
  auto spool = open_spool(dir);
  CHECK(spool->depth() == 2);
  spool->append({b});
  CHECK(drain(*spool) == std::vector<Reading>{a, b});
  CHECK(test::read_file(spool->quarantine_path()) == cut + "\n");
  std::filesystem::remove_all(dir);
}

TEST_CASE("one spool directory serves one collector at a time", "[spool]") {
  const std::string dir = test::make_temp_dir("ebill-spool");
  {
    auto first = open_spool(dir);
    auto second = Spool::open(dir);
    REQUIRE_FALSE(second.ok());
    CHECK(second.error().find("in use") != std::string::npos);
  }
  CHECK(Spool::open(dir).ok());  // the lock went with the first
  std::filesystem::remove_all(dir);
}

TEST_CASE("readings the insert reports refused go to rejected.jsonl with the reason, the rest flow",
          "[spool]") {
  const std::string dir = test::make_temp_dir("ebill-spool");
  const Reading a = reading("M1", "2025-03-07 08:00:00", 100);
  const Reading poison = reading("M2", "2025-03-07 08:00:00", 200, 120, 6000);
  const Reading b = reading("M3", "2025-03-07 08:00:00", 300);
  auto spool = open_spool(dir);
  spool->append({a, poison, b});
  std::vector<Reading> stored;
  const SpoolReplay done = spool->replay([&](const std::vector<Reading>& batch) {
    RejectedReadings refused;
    for (const Reading& r : batch) {
      if (r == poison) {
        refused.push_back({r, "CONSTRAINT `x` failed"});
      } else {
        stored.push_back(r);
      }
    }
    return refused;
  });
  CHECK(done.handed == 3);
  CHECK(done.rejected == 1);
  CHECK(stored == std::vector<Reading>{a, b});
  CHECK(spool->depth() == 0);
  const std::string line = encode_spool_line(poison);
  std::string escaped_line;
  for (char c : line) escaped_line += c == '\t' ? std::string("\\t") : std::string(1, c);
  CHECK(test::read_file(spool->rejected_path()) ==
        R"({"meter_no":"M2","collected_at":"2025-03-07 08:00:00","error":"CONSTRAINT `x` failed","line":")" +
            escaped_line + "\"}\n");
  std::filesystem::remove_all(dir);
}

TEST_CASE("an append that fails on a full file system leaves the spool as it was", "[spool][diskfull]") {
  test::TinyTmpfs fs;
  const std::string dir = fs.path() + "/spool";
  auto spool = open_spool(dir);
  const Reading first = reading("M1", "2025-03-07 08:00:00", 100);
  spool->append({first});
  const auto size = std::filesystem::file_size(spool->path());
  fs.fill();
  std::vector<Reading> many;
  for (int i = 0; i < 500; ++i) many.push_back(reading("M" + std::to_string(i), "2025-03-07 08:05:00", i));
  CHECK_THROWS_AS(spool->append(many), std::system_error);
  CHECK(spool->depth() == 1);
  CHECK(std::filesystem::file_size(spool->path()) == size);  // no half line left behind
  fs.release();
  spool->append({many.front()});
  CHECK(drain(*spool) == std::vector<Reading>{first, many.front()});
  CHECK_FALSE(std::filesystem::exists(spool->quarantine_path()));
}

TEST_CASE("a spool with a cut line opens on a full file system, and the next append closes the line",
          "[spool][diskfull]") {
  test::TinyTmpfs fs;
  const std::string dir = fs.path() + "/spool";
  std::filesystem::create_directories(dir);
  const Reading a = reading("M1", "2025-03-07 08:00:00", 100);
  const Reading b = reading("M2", "2025-03-07 08:05:00", 200);
  const std::string cut = encode_spool_line(b).substr(0, 17);
  append_raw(dir + "/readings.spool", encode_spool_line(a) + "\n" + cut);
  std::ofstream(dir + "/lock");  // both files exist, as after an earlier run
  fs.fill();
  auto opened = Spool::open(dir);  // used to fail writing the newline, at every restart
  REQUIRE(opened.ok());
  auto spool = std::move(opened).value();
  CHECK(spool->depth() == 2);
  fs.release();
  spool->append({b});
  CHECK(drain(*spool) == std::vector<Reading>{a, b});
  CHECK(test::read_file(spool->quarantine_path()) == cut + "\n");
}
