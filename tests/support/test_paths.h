// Where tests find the source tree, the build tree and fixtures.
#ifndef EBILL_TESTS_SUPPORT_TEST_PATHS_H_
#define EBILL_TESTS_SUPPORT_TEST_PATHS_H_

#include <string>

namespace ebill::test {

std::string source_dir();   // the checkout
std::string build_dir();    // the CMake build tree
std::string fixture_path(const std::string& name);  // tests/fixtures/<name>
std::string read_file(const std::string& path);     // whole file; throws if unreadable

}  // namespace ebill::test

#endif  // EBILL_TESTS_SUPPORT_TEST_PATHS_H_
