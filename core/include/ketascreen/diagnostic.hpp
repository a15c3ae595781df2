#pragma once
// Diagnostics and Result: how every fallible core function reports problems without throwing.
// A Diagnostic always says where (file, line when the source has lines, JSON path) and what.

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ketascreen {

enum class DiagnosticLevel { Error, Warning };

struct Diagnostic {
  DiagnosticLevel level = DiagnosticLevel::Error;
  std::string file;     // as the caller named it, e.g. "content/screening.json"; may be empty
  int line = 0;         // 1-based; 0 when unknown or the source has no lines
  std::string path;     // JSON path such as "$.questions[2].text.en"; may be empty
  std::string message;  // what was found and what was expected

  // "file:line path: message" (parts that are unknown are left out).
  std::string to_string() const;
};

using Diagnostics = std::vector<Diagnostic>;

bool has_errors(const Diagnostics& diagnostics);

// A value or the errors that prevented it, plus warnings either way.
template <class T>
class Result {
 public:
  Result(T value, Diagnostics warnings = {}) : value_(std::move(value)), warnings_(std::move(warnings)) {}
  static Result failure(Diagnostics diagnostics) {
    Result r;
    for (auto& d : diagnostics) {
      (d.level == DiagnosticLevel::Error ? r.errors_ : r.warnings_).push_back(std::move(d));
    }
    if (r.errors_.empty()) r.errors_.push_back({DiagnosticLevel::Error, "", 0, "", "unknown error"});
    return r;
  }

  bool ok() const { return value_.has_value(); }
  explicit operator bool() const { return ok(); }
  const T& value() const& { return *value_; }
  T& value() & { return *value_; }
  T&& value() && { return std::move(*value_); }
  const T* operator->() const { return &*value_; }
  const Diagnostics& errors() const { return errors_; }
  const Diagnostics& warnings() const { return warnings_; }

 private:
  Result() = default;
  std::optional<T> value_;
  Diagnostics errors_;
  Diagnostics warnings_;
};

}  // namespace ketascreen
