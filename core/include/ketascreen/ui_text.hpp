#pragma once
// Fixed interface strings (buttons, validation messages) in every supported locale. Content
// strings come from the clinic's files; these are ours. Falls back to English.

#include <string_view>

namespace ketascreen {

// The text for `key` in `locale` (or English); the key itself if unknown, so a missing string
// shows up in review instead of silently rendering nothing.
std::string_view ui_text(std::string_view key, std::string_view locale);

}  // namespace ketascreen
