#include "ketascreen/localized_text.hpp"

namespace ketascreen {

const std::string& LocalizedText::get(std::string_view locale) const {
  static const std::string empty;
  if (auto it = by_locale_.find(locale); it != by_locale_.end()) return it->second;
  if (auto it = by_locale_.find(kFallbackLocale); it != by_locale_.end()) return it->second;
  return empty;
}

}  // namespace ketascreen
