#pragma once
// A small JSON value with source line numbers.
// Why not nlohmann-json: content editors need the line of every bad value in error messages, and
// the WebAssembly build must stay small; this parser records lines and instantiates no templates
// per use site.

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "ketascreen/diagnostic.hpp"

namespace ketascreen::json {

class Value;
using Array = std::vector<Value>;
using Member = std::pair<std::string, Value>;
using Object = std::vector<Member>;  // keeps the source order, so output is stable and diffable

enum class Type { Null, Bool, Number, String, Array, Object };

class Value {
 public:
  Value() = default;
  Value(std::nullptr_t) {}
  Value(bool b) : data_(b) {}
  Value(double n) : data_(n) {}
  Value(int n) : data_(static_cast<double>(n)) {}
  Value(long n) : data_(static_cast<double>(n)) {}
  Value(long long n) : data_(static_cast<double>(n)) {}
  Value(std::string s) : data_(std::move(s)) {}
  Value(std::string_view s) : data_(std::string(s)) {}
  Value(const char* s) : data_(std::string(s)) {}
  Value(Array a) : data_(std::move(a)) {}
  Value(Object o) : data_(std::move(o)) {}

  static Value object() { return Value(Object{}); }
  static Value array() { return Value(Array{}); }

  Type type() const { return static_cast<Type>(data_.index()); }
  bool is_null() const { return type() == Type::Null; }
  bool is_bool() const { return type() == Type::Bool; }
  bool is_number() const { return type() == Type::Number; }
  bool is_string() const { return type() == Type::String; }
  bool is_array() const { return type() == Type::Array; }
  bool is_object() const { return type() == Type::Object; }

  // Accessors assume the type was checked; a wrong type is a programming error.
  bool as_bool() const { return std::get<bool>(data_); }
  double as_number() const { return std::get<double>(data_); }
  const std::string& as_string() const { return std::get<std::string>(data_); }
  const Array& as_array() const { return std::get<Array>(data_); }
  Array& as_array() { return std::get<Array>(data_); }
  const Object& as_object() const { return std::get<Object>(data_); }
  Object& as_object() { return std::get<Object>(data_); }

  // Object member lookup; nullptr when this is not an object or has no such key.
  const Value* find(std::string_view key) const;
  // Sets (or replaces) an object member; turns a null value into an object first.
  Value& set(std::string_view key, Value value);
  // Appends to an array; turns a null value into an array first.
  Value& push_back(Value value);

  int line() const { return line_; }
  void set_line(int line) { line_ = line; }

  friend bool operator==(const Value& a, const Value& b) { return a.data_ == b.data_; }
  friend bool operator!=(const Value& a, const Value& b) { return !(a == b); }

 private:
  std::variant<std::nullptr_t, bool, double, std::string, Array, Object> data_{nullptr};
  int line_ = 0;  // 1-based line where the value starts in parsed text; 0 for built values
};

const char* type_name(Type type);

struct ParseOptions {
  std::string file;              // named in diagnostics
  bool reject_duplicate_keys = true;
  int max_depth = 64;            // guards the stack against hostile input
};

Result<Value> parse(std::string_view text, const ParseOptions& options = {});

// Compact when indent < 0, otherwise pretty-printed with that many spaces.
std::string serialize(const Value& value, int indent = -1);

// Shortest decimal text that reads back as the same double; integers print without ".0".
std::string format_number(double n);

}  // namespace ketascreen::json
