#include "tests/support/test_paths.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace ebill::test {

std::string source_dir() { return EBILL_SOURCE_DIR; }
std::string build_dir() { return EBILL_BUILD_DIR; }
std::string fixture_path(const std::string& name) {
  return source_dir() + "/tests/fixtures/" + name;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

}  // namespace ebill::test
