#include "tests/support/stderr_capture.h"

#include <fcntl.h>
#include <unistd.h>

#include <cstdlib>
#include <stdexcept>

#include "tests/support/test_paths.h"

namespace ebill::test {

StderrCapture::StderrCapture() {
  char name[] = "/tmp/ebill-stderr-XXXXXX";
  const int fd = ::mkstemp(name);
  if (fd < 0) throw std::runtime_error("mkstemp failed");
  path_ = name;
  saved_fd_ = ::dup(STDERR_FILENO);
  ::dup2(fd, STDERR_FILENO);
  ::close(fd);
}

StderrCapture::~StderrCapture() {
  ::dup2(saved_fd_, STDERR_FILENO);
  ::close(saved_fd_);
  ::unlink(path_.c_str());
}

std::string StderrCapture::text() const { return read_file(path_); }

}  // namespace ebill::test
