#pragma once
// Text in several locales with a fallback to English, the one locale every string must have.

#include <map>
#include <string>
#include <string_view>

namespace ketascreen {

inline constexpr std::string_view kFallbackLocale = "en";

class LocalizedText {
 public:
  LocalizedText() = default;
  explicit LocalizedText(std::map<std::string, std::string, std::less<>> by_locale)
      : by_locale_(std::move(by_locale)) {}

  // The text in `locale`, else in English, else empty.
  const std::string& get(std::string_view locale) const;
  bool has(std::string_view locale) const { return by_locale_.find(locale) != by_locale_.end(); }
  bool empty() const { return by_locale_.empty(); }
  void set(std::string locale, std::string text) { by_locale_[std::move(locale)] = std::move(text); }
  const std::map<std::string, std::string, std::less<>>& all() const { return by_locale_; }

  friend bool operator==(const LocalizedText& a, const LocalizedText& b) { return a.by_locale_ == b.by_locale_; }

 private:
  std::map<std::string, std::string, std::less<>> by_locale_;
};

}  // namespace ketascreen
