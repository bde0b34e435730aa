// A tiny tmpfs mounted for one test, to make "disk full" real: writes fail
// with ENOSPC once `size` bytes are used. Needs root (the tests run as
// root); throws std::runtime_error when the mount fails, so the test fails
// with the reason. Unmounted (lazily, so an open file cannot keep it) and
// removed in the destructor, however the test ends.
#ifndef EBILL_TESTS_COLLECTOR_TINY_TMPFS_H_
#define EBILL_TESTS_COLLECTOR_TINY_TMPFS_H_

#include <cstddef>
#include <string>

namespace ebill::test {

class TinyTmpfs {
 public:
  explicit TinyTmpfs(std::size_t size_bytes = 64 * 1024);
  ~TinyTmpfs();
  TinyTmpfs(const TinyTmpfs&) = delete;
  TinyTmpfs& operator=(const TinyTmpfs&) = delete;

  const std::string& path() const { return path_; }

  // Writes DIR/filler until the file system is full (ENOSPC); returns the
  // bytes written.
  std::size_t fill();
  // Removes the filler: the space is back.
  void release();

 private:
  std::string path_;
};

}  // namespace ebill::test

#endif  // EBILL_TESTS_COLLECTOR_TINY_TMPFS_H_
