// What a fuzz target asserts beyond "no crash": FUZZ_CHECK(cond) prints the
// broken property and aborts, so libFuzzer (or the replay driver) keeps the
// input that broke it. Active in every build type.
#ifndef EBILL_TESTS_FUZZ_FUZZ_CHECK_H_
#define EBILL_TESTS_FUZZ_FUZZ_CHECK_H_

#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(cond)                                                          \
  do {                                                                            \
    if (!(cond)) {                                                                \
      std::fprintf(stderr, "%s:%d: property broken: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                               \
    }                                                                             \
  } while (0)

#endif  // EBILL_TESTS_FUZZ_FUZZ_CHECK_H_
