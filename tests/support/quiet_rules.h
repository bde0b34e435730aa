// Alert rules with every rule off, for tests that turn on the one they test.
#ifndef EBILL_TESTS_SUPPORT_QUIET_RULES_H_
#define EBILL_TESTS_SUPPORT_QUIET_RULES_H_

#include "common/notify/alert_policy.h"

namespace ebill::test {

inline notify::AlertRules quiet_rules() {
  notify::AlertRules r;
  r.report_minute = std::nullopt;
  r.balance_kwh = 0;
  r.days_left = 0;
  r.repeat_hours = 0;
  r.stale_minutes = 0;
  r.abnormal.factor_percent = 0;
  r.weekly_minute = std::nullopt;
  return r;
}

}  // namespace ebill::test

#endif  // EBILL_TESTS_SUPPORT_QUIET_RULES_H_
