#include "api/handlers/api_clock.h"

#include <cstdlib>

#include <fmt/format.h>

namespace ebill::api {
namespace {

class PinnedClock final : public Clock {
 public:
  explicit PinnedClock(LocalSeconds at) : at_(at) {}
  LocalSeconds now() const override { return at_; }

 private:
  LocalSeconds at_;
};

}  // namespace

Result<std::unique_ptr<Clock>, std::string> make_api_clock() {
  const char* pinned = std::getenv("EBILL_API_TEST_NOW");
  if (pinned == nullptr || *pinned == '\0') {
    return std::unique_ptr<Clock>(std::make_unique<SystemClock>());
  }
  auto at = parse_datetime(pinned);
  if (!at) return fail(std::string("EBILL_API_TEST_NOW: must be YYYY-MM-DD HH:MM:SS"));
  return std::unique_ptr<Clock>(std::make_unique<PinnedClock>(*at));
}

std::string iso_with_offset(LocalSeconds local) {
  const std::int64_t offset = local - static_cast<std::int64_t>(to_utc(local));
  const std::int64_t minutes = (offset < 0 ? -offset : offset) / 60;
  std::string text = format_datetime(local);
  text[10] = 'T';
  return fmt::format("{}{}{:02}:{:02}", text, offset < 0 ? '-' : '+', minutes / 60, minutes % 60);
}

}  // namespace ebill::api
