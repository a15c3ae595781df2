#pragma once
// Fixed interface strings (buttons, validation messages) in every supported locale. Content
// strings come from the clinic's files; these are ours. Falls back to English.

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace ketascreen {

// The text for `key` in `locale` (or English); the key itself if unknown, so a missing string
// shows up in review instead of silently rendering nothing.
std::string_view ui_text(std::string_view key, std::string_view locale);

// `pattern` with each "{name}" replaced by its value: fill("Question {n} of {total}", {{"n", "4"}, ...}).
// Placeholders without a value stay as they are.
std::string fill(std::string_view pattern, std::initializer_list<std::pair<std::string_view, std::string>> values);

}  // namespace ketascreen
