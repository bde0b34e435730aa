// Short log lines, one event each, to stderr (journald and docker collect
// them): "2025-03-07T08:05:09Z INFO collector: cycle ok=200 failed=0 ...".
// Thread-safe: each line is written with one call. Never pass secrets.
#ifndef EBILL_COMMON_LOG_LOG_H_
#define EBILL_COMMON_LOG_LOG_H_

#include <fmt/format.h>

#include <string_view>

namespace ebill::log {

enum class Level { kDebug, kInfo, kWarn, kError };

// Lines below `level` are dropped (LOG_LEVEL=debug|info|warn|error).
void set_level(Level level);
bool enabled(Level level);
void write(Level level, std::string_view message);

template <typename... Args>
void debug(fmt::format_string<Args...> f, Args&&... args) {
  if (enabled(Level::kDebug)) write(Level::kDebug, fmt::format(f, std::forward<Args>(args)...));
}
template <typename... Args>
void info(fmt::format_string<Args...> f, Args&&... args) {
  if (enabled(Level::kInfo)) write(Level::kInfo, fmt::format(f, std::forward<Args>(args)...));
}
template <typename... Args>
void warn(fmt::format_string<Args...> f, Args&&... args) {
  if (enabled(Level::kWarn)) write(Level::kWarn, fmt::format(f, std::forward<Args>(args)...));
}
template <typename... Args>
void error(fmt::format_string<Args...> f, Args&&... args) {
  if (enabled(Level::kError)) write(Level::kError, fmt::format(f, std::forward<Args>(args)...));
}

}  // namespace ebill::log

#endif  // EBILL_COMMON_LOG_LOG_H_
