#include <catch2/catch.hpp>

#include "collector/notify_observer.h"

using namespace ebill;
using namespace ebill::collector;

TEST_CASE("the notifier gets one outcome per attempted meter, cancelled ones left out", "[collector][notify]") {
  collect::PollOutcome ok;
  ok.meter_no = "A";
  ok.attempted_at = 100;
  ok.reading = Reading{"A", 99, 5236, 3142, 6000};
  collect::PollOutcome failed;
  failed.meter_no = "B";
  failed.attempted_at = 101;
  failed.error = collect::PollError::kBlocked;
  failed.reason = "blocked: HTTP 405";
  collect::PollOutcome cancelled;
  cancelled.meter_no = "C";
  cancelled.error = collect::PollError::kCancelled;
  cancelled.reason = "stopped";

  const auto out = notify_outcomes({cancelled, ok, failed});
  REQUIRE(out.size() == 2);
  CHECK(out[0].meter_no == "A");
  CHECK(out[0].ok);
  CHECK(out[0].at == 99);  // the reading's time
  CHECK(out[0].reading == ok.reading);
  CHECK(out[0].error == "");
  CHECK(out[1].meter_no == "B");
  CHECK_FALSE(out[1].ok);
  CHECK(out[1].at == 101);
  CHECK_FALSE(out[1].reading);
  CHECK(out[1].error == "blocked: HTTP 405");
}
