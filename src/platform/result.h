#pragma once
// Result<T>: the value of an operation that can fail in an expected way.
//
//   Result<Child> r = repo.Find(id);
//   if (!r) return r.error();          // propagate
//   const Child& c = *r;
//
// Expected failures (bad input, not found, forbidden, conflict, too many
// matches) are values, never exceptions. Each ErrorCode maps to one HTTP
// status in web/http/status_map; nothing else decides that mapping.

#include <cassert>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace cp {

enum class ErrorCode {
  kInvalidArgument,     // input failed validation; `field` names it
  kNotFound,            // no such thing (or not visible to this viewer)
  kPermissionDenied,    // authenticated but not allowed
  kUnauthenticated,     // no valid credentials
  kConflict,            // unique constraint or concurrent change
  kTooManyMatches,      // search result limit exceeded (SRCH-3)
  kFailedPrecondition,  // the state does not allow this now
  kResourceExhausted,   // throttled or locked out
  kUnavailable,         // a dependency is down; retry may succeed
  kInternal,            // a bug or an unexpected library failure
};

// Short stable name of a code, e.g. "invalid_argument".
const char* ErrorCodeName(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;  // for people; never holds personal data
  std::string field;    // the input field at fault, when there is one

  static Error Invalid(std::string field, std::string message) {
    return {ErrorCode::kInvalidArgument, std::move(message), std::move(field)};
  }
  static Error NotFound(std::string message) {
    return {ErrorCode::kNotFound, std::move(message), {}};
  }
  static Error Denied(std::string message) {
    return {ErrorCode::kPermissionDenied, std::move(message), {}};
  }
  static Error Conflict(std::string message) {
    return {ErrorCode::kConflict, std::move(message), {}};
  }
  static Error Precondition(std::string message) {
    return {ErrorCode::kFailedPrecondition, std::move(message), {}};
  }
  static Error Internal(std::string message) {
    return {ErrorCode::kInternal, std::move(message), {}};
  }
  static Error Unavailable(std::string message) {
    return {ErrorCode::kUnavailable, std::move(message), {}};
  }
};

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}  // NOLINT: implicit by design

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & {
    assert(ok());
    return std::get<0>(v_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<0>(v_);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(v_));
  }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const {
    assert(!ok());
    return std::get<1>(v_);
  }

 private:
  std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : e_(std::move(error)) {}  // NOLINT: implicit by design
  bool ok() const { return !e_.has_value(); }
  explicit operator bool() const { return ok(); }
  const Error& error() const {
    assert(!ok());
    return *e_;
  }

 private:
  std::optional<Error> e_;
};

using Status = Result<void>;
inline Status Ok() { return {}; }

}  // namespace cp

// Propagates an error: CP_TRY(expr) returns expr's error from the enclosing
// function when expr failed.
#define CP_TRY(expr)                                    \
  do {                                                  \
    auto cp_try_result_ = (expr);                       \
    if (!cp_try_result_) return cp_try_result_.error(); \
  } while (0)

#define CP_CONCAT_INNER_(a, b) a##b
#define CP_CONCAT_(a, b) CP_CONCAT_INNER_(a, b)
// CP_ASSIGN(lhs, expr): evaluates a Result expression; on error returns it,
// otherwise move-assigns its value to lhs (which may be a declaration).
#define CP_ASSIGN(lhs, expr) CP_ASSIGN_IMPL_(CP_CONCAT_(cp_assign_, __LINE__), lhs, expr)
#define CP_ASSIGN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                    \
  if (!tmp) return tmp.error();         \
  lhs = std::move(tmp).value()
