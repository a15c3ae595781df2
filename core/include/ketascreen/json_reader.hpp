#pragma once
// Strict reading of JSON objects into model values: every problem becomes a Diagnostic that names
// the file, the line, the JSON path and what was expected. Shared by the core's readers and the server's configuration.

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ketascreen/content.hpp"
#include "ketascreen/diagnostic.hpp"
#include "ketascreen/json_value.hpp"

namespace ketascreen::detail {

class JsonReader {
 public:
  JsonReader(std::string file, Diagnostics& out, std::vector<std::string> locales = {"en"})
      : file_(std::move(file)), out_(out), locales_(std::move(locales)) {}

  const std::vector<std::string>& locales() const { return locales_; }
  void set_locales(std::vector<std::string> locales) { locales_ = std::move(locales); }

  void error(const json::Value& at, const std::string& path, std::string message);
  void warning(const json::Value& at, const std::string& path, std::string message);

  // Reports a type mismatch and returns false unless `v` has type `t`.
  bool expect(const json::Value& v, const std::string& path, json::Type t);
  // Reports every member that is not in `allowed`.
  void check_keys(const json::Value& object, const std::string& path, std::initializer_list<std::string_view> allowed);

  // A member of `object` of type `t`; reports a missing required member or a wrong type.
  const json::Value* member(const json::Value& object, const std::string& path, std::string_view key, json::Type t,
                            bool required = true);

  std::string string(const json::Value& object, const std::string& path, std::string_view key, bool required = true);
  std::optional<bool> boolean(const json::Value& object, const std::string& path, std::string_view key,
                              bool required = true);
  std::optional<double> number(const json::Value& object, const std::string& path, std::string_view key,
                               bool required = true);
  // A localized string object; needs "en", warns for other listed locales that are missing.
  LocalizedText text(const json::Value& object, const std::string& path, std::string_view key, bool required = true);
  // An id member that must match ^[a-z0-9][a-z0-9_-]*$.
  std::string id(const json::Value& object, const std::string& path, std::string_view key = "id");

 private:
  std::string file_;
  Diagnostics& out_;
  std::vector<std::string> locales_;
};

// Whether any error was added to `out` after it held `size_before` entries.
bool has_errors_since(const Diagnostics& out, size_t size_before);

bool is_valid_id(std::string_view id);
bool is_hex_colour(std::string_view text);
std::string join_path(const std::string& path, std::string_view key);
std::string index_path(const std::string& path, size_t index);

}  // namespace ketascreen::detail
