// Waiting for a condition in tests without fixed sleeps.
#ifndef EBILL_TESTS_SUPPORT_EVENTUALLY_H_
#define EBILL_TESTS_SUPPORT_EVENTUALLY_H_

#include <chrono>
#include <functional>

namespace ebill::test {

// True as soon as `condition()` is, polling every 10 ms; false after `timeout`.
bool eventually(const std::function<bool()>& condition,
                std::chrono::milliseconds timeout = std::chrono::seconds(2));

}  // namespace ebill::test

#endif  // EBILL_TESTS_SUPPORT_EVENTUALLY_H_
