// The ways a storage call fails. Both derive from std::runtime_error and
// carry a message without secrets.
#ifndef EBILL_COMMON_STORAGE_STORAGE_ERROR_H_
#define EBILL_COMMON_STORAGE_STORAGE_ERROR_H_

#include <stdexcept>
#include <string>

namespace ebill::storage {

// The database cannot be reached right now (server down, connection lost and
// not re-established, SQLite file locked or unreadable). Transient: the API
// answers 503, the collector spools; the next call tries to reconnect.
class StorageUnavailable : public std::runtime_error {
 public:
  explicit StorageUnavailable(const std::string& what) : std::runtime_error(what) {}
};

// The database answered with an error that retrying will not fix (bad data,
// a schema another program changed, a bug). Log it; do not spool.
class StorageError : public std::runtime_error {
 public:
  explicit StorageError(const std::string& what) : std::runtime_error(what) {}
};

// A StorageError for data the database refused (a constraint, a value out
// of range, a trigger that signals): the same rows will be refused again,
// other rows may pass. Callers that write batches may split them to find
// the rows at fault.
class StorageRejected : public StorageError {
 public:
  explicit StorageRejected(const std::string& what) : StorageError(what) {}
};

}  // namespace ebill::storage

#endif  // EBILL_COMMON_STORAGE_STORAGE_ERROR_H_
