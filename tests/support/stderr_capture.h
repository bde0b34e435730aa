// Captures what the process writes to stderr (file descriptor 2, where
// common/log writes) while it lives, for tests of log lines.
#ifndef EBILL_TESTS_SUPPORT_STDERR_CAPTURE_H_
#define EBILL_TESTS_SUPPORT_STDERR_CAPTURE_H_

#include <string>

namespace ebill::test {

class StderrCapture {
 public:
  StderrCapture();   // redirects fd 2 to a temporary file
  ~StderrCapture();  // restores fd 2 and removes the file
  StderrCapture(const StderrCapture&) = delete;
  StderrCapture& operator=(const StderrCapture&) = delete;

  std::string text() const;  // everything written so far

 private:
  int saved_fd_ = -1;
  std::string path_;
};

}  // namespace ebill::test

#endif  // EBILL_TESTS_SUPPORT_STDERR_CAPTURE_H_
