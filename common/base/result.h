// Result<T, E>: a value or an error, for failures that are part of normal
// operation at the program's edges (parsing, configuration, fetching).
// Exceptions stay for the truly exceptional.
#ifndef EBILL_COMMON_BASE_RESULT_H_
#define EBILL_COMMON_BASE_RESULT_H_

#include <cassert>
#include <utility>
#include <variant>

namespace ebill {

template <typename E>
struct Failure {
  E error;
};

// Wraps an error so that it converts into any Result<T, E>.
template <typename E>
Failure<E> fail(E error) {
  return Failure<E>{std::move(error)};
}

template <typename T, typename E>
class Result {
 public:
  Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}  // NOLINT
  Result(Failure<E> f) : v_(std::in_place_index<1>, std::move(f.error)) {}  // NOLINT

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  // REQUIRES: ok()
  const T& value() const& { assert(ok()); return std::get<0>(v_); }
  T& value() & { assert(ok()); return std::get<0>(v_); }
  T&& value() && { assert(ok()); return std::get<0>(std::move(v_)); }
  const T& operator*() const& { return value(); }
  const T* operator->() const { return &value(); }

  // REQUIRES: !ok()
  const E& error() const { assert(!ok()); return std::get<1>(v_); }

 private:
  std::variant<T, E> v_;
};

}  // namespace ebill

#endif  // EBILL_COMMON_BASE_RESULT_H_
