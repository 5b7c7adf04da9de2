// Errors as values at module boundaries (in the manner of LevelDB's Status).
// A Status carries an exit code from sysexits.h's vocabulary so that main()
// can turn any failure into the documented exit status without guessing.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace ghd {

enum class ExitCode : int {
  ok = 0,
  no = 1,            // a documented "no" answer (e.g. not a business day)
  usage = 64,        // EX_USAGE
  data_error = 65,   // EX_DATAERR: the input data was wrong
  no_input = 66,     // EX_NOINPUT: an input file does not exist or is unreadable
  unavailable = 69,  // EX_UNAVAILABLE: a service we depend on refused
  software = 70,     // EX_SOFTWARE: an internal error (a bug)
  io_error = 74,     // EX_IOERR
  no_permission = 77,  // EX_NOPERM: credentials refused
  temp_fail = 75,    // EX_TEMPFAIL: try again later (database busy, server 5xx)
  config = 78,       // EX_CONFIG
};

class [[nodiscard]] Status {
 public:
  Status() = default;
  static Status Ok() { return {}; }
  static Status Usage(std::string m) { return {ExitCode::usage, std::move(m)}; }
  static Status DataError(std::string m) { return {ExitCode::data_error, std::move(m)}; }
  static Status NoInput(std::string m) { return {ExitCode::no_input, std::move(m)}; }
  static Status Unavailable(std::string m) { return {ExitCode::unavailable, std::move(m)}; }
  static Status Internal(std::string m) { return {ExitCode::software, std::move(m)}; }
  static Status IoError(std::string m) { return {ExitCode::io_error, std::move(m)}; }
  static Status TempFail(std::string m) { return {ExitCode::temp_fail, std::move(m)}; }
  static Status Config(std::string m) { return {ExitCode::config, std::move(m)}; }
  static Status NoPermission(std::string m) { return {ExitCode::no_permission, std::move(m)}; }
  static Status No(std::string m) { return {ExitCode::no, std::move(m)}; }
  // A failure already explained to the user: only its exit code remains.
  static Status Reported(ExitCode c) { return {c, std::string()}; }

  bool ok() const { return code_ == ExitCode::ok; }
  ExitCode code() const { return code_; }
  int exit_code() const { return static_cast<int>(code_); }
  const std::string& message() const { return message_; }

  // Prefixes the message with context, e.g. a file name: "rules.yaml:12:5: ...".
  Status with_context(const std::string& context) const {
    if (ok()) return *this;
    return {code_, context + ": " + message_};
  }

 private:
  Status(ExitCode c, std::string m) : code_(c), message_(std::move(m)) {}
  ExitCode code_ = ExitCode::ok;
  std::string message_;
};

// A value or the Status saying why there is none.
template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}
  Result(Status status) : status_(std::move(status)) {}

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& operator*() { return *value_; }
  const T& operator*() const { return *value_; }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace ghd

#define GHD_TRY(expr)                        \
  do {                                       \
    ::ghd::Status ghd_try_status_ = (expr);  \
    if (!ghd_try_status_.ok()) return ghd_try_status_; \
  } while (0)

// Declares `name` from a Result, or returns its Status from the caller.
#define GHD_ASSIGN(name, expr)                              \
  auto name##_result_ = (expr);                             \
  if (!name##_result_.ok()) return name##_result_.status(); \
  auto name = std::move(name##_result_).value()
