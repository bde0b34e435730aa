#include "common/log/log.h"

#include <unistd.h>

#include <atomic>
#include <ctime>
#include <string>

namespace ebill::log {

namespace {
std::atomic<Level> g_level{Level::kInfo};

const char* name(Level level) {
  switch (level) {
    case Level::kDebug: return "DEBUG";
    case Level::kInfo: return "INFO";
    case Level::kWarn: return "WARN";
    case Level::kError: return "ERROR";
  }
  return "?";
}
}  // namespace

void set_level(Level level) { g_level.store(level); }

bool enabled(Level level) { return level >= g_level.load(); }

void write(Level level, std::string_view message) {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  ::gmtime_r(&now, &tm);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &tm);
  std::string line = fmt::format("{} {} {}\n", stamp, name(level), message);
  // One write(2) per line so lines from threads never interleave.
  const char* p = line.data();
  std::size_t left = line.size();
  while (left > 0) {
    const ssize_t n = ::write(STDERR_FILENO, p, left);
    if (n <= 0) break;
    p += n;
    left -= static_cast<std::size_t>(n);
  }
}

}  // namespace ebill::log
