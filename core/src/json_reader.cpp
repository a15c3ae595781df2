#include "ketascreen/json_reader.hpp"

#include <algorithm>

namespace ketascreen::detail {

using json::Type;
using json::Value;

std::string join_path(const std::string& path, std::string_view key) { return path + "." + std::string(key); }
std::string index_path(const std::string& path, size_t index) { return path + "[" + std::to_string(index) + "]"; }

bool has_errors_since(const Diagnostics& out, size_t size_before) {
  return std::any_of(out.begin() + static_cast<long>(size_before), out.end(),
                     [](const Diagnostic& d) { return d.level == DiagnosticLevel::Error; });
}

bool is_valid_id(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  auto lower_or_digit = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (!lower_or_digit(id[0])) return false;
  return std::all_of(id.begin(), id.end(), [&](char c) { return lower_or_digit(c) || c == '_' || c == '-'; });
}

bool is_hex_colour(std::string_view text) {
  if (text.size() != 7 || text[0] != '#') return false;
  return std::all_of(text.begin() + 1, text.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  });
}

void JsonReader::error(const Value& at, const std::string& path, std::string message) {
  out_.push_back({DiagnosticLevel::Error, file_, at.line(), path, std::move(message)});
}

void JsonReader::warning(const Value& at, const std::string& path, std::string message) {
  out_.push_back({DiagnosticLevel::Warning, file_, at.line(), path, std::move(message)});
}

bool JsonReader::expect(const Value& v, const std::string& path, Type t) {
  if (v.type() == t) return true;
  error(v, path, std::string("expected ") + (t == Type::Array || t == Type::Object ? "an " : "a ") +
                     json::type_name(t) + ", found " + json::type_name(v.type()));
  return false;
}

void JsonReader::check_keys(const Value& object, const std::string& path,
                            std::initializer_list<std::string_view> allowed) {
  if (!object.is_object()) return;
  for (const auto& [key, value] : object.as_object()) {
    if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
    std::string expected;
    for (auto a : allowed) expected += (expected.empty() ? "" : ", ") + std::string(a);
    error(value, join_path(path, key), "unknown key '" + key + "' (expected one of: " + expected + ")");
  }
}

const Value* JsonReader::member(const Value& object, const std::string& path, std::string_view key, Type t,
                                bool required) {
  const Value* v = object.find(key);
  if (!v) {
    if (required) error(object, join_path(path, key), "missing required key '" + std::string(key) + "'");
    return nullptr;
  }
  return expect(*v, join_path(path, key), t) ? v : nullptr;
}

std::string JsonReader::string(const Value& object, const std::string& path, std::string_view key, bool required) {
  const Value* v = member(object, path, key, Type::String, required);
  if (!v) return {};
  if (required && v->as_string().empty()) error(*v, join_path(path, key), "must not be empty");
  return v->as_string();
}

std::optional<bool> JsonReader::boolean(const Value& object, const std::string& path, std::string_view key,
                                        bool required) {
  const Value* v = member(object, path, key, Type::Bool, required);
  if (!v) return std::nullopt;
  return v->as_bool();
}

std::optional<double> JsonReader::number(const Value& object, const std::string& path, std::string_view key,
                                         bool required) {
  const Value* v = member(object, path, key, Type::Number, required);
  if (!v) return std::nullopt;
  return v->as_number();
}

LocalizedText JsonReader::text(const Value& object, const std::string& path, std::string_view key, bool required) {
  LocalizedText result;
  const Value* v = member(object, path, key, Type::Object, required);
  if (!v) return result;
  std::string here = join_path(path, key);
  for (const auto& [locale, text] : v->as_object()) {
    std::string locale_path = join_path(here, locale);
    if (std::find(locales_.begin(), locales_.end(), locale) == locales_.end()) {
      error(text, locale_path, "locale '" + locale + "' is not listed in clinic.json \"locales\"");
      continue;
    }
    if (!expect(text, locale_path, Type::String)) continue;
    if (text.as_string().empty()) {
      error(text, locale_path, "must not be empty");
      continue;
    }
    result.set(locale, text.as_string());
  }
  if (!result.has(kFallbackLocale)) {
    error(*v, here, "missing the English ('en') text; every text needs English");
  }
  for (const auto& locale : locales_) {
    if (!result.has(locale) && v->find(locale) == nullptr && locale != kFallbackLocale)
      warning(*v, here, "no '" + locale + "' translation; English is shown instead");
  }
  return result;
}

std::string JsonReader::id(const Value& object, const std::string& path, std::string_view key) {
  const Value* v = member(object, path, key, Type::String);
  if (!v) return {};
  if (!is_valid_id(v->as_string())) {
    error(*v, join_path(path, key),
          "invalid id '" + v->as_string() + "' (use lowercase letters, digits, '_' and '-', up to 64)");
  }
  return v->as_string();
}

}  // namespace ketascreen::detail
