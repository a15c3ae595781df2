#pragma once
// Fixed interface strings (buttons, validation messages) in every supported locale. Content
// strings come from the clinic's files; these are ours. Falls back to English.

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ketascreen {

// The text for `key` in `locale` (or English); the key itself if unknown, so a missing string
// shows up in review instead of silently rendering nothing.
std::string_view ui_text(std::string_view key, std::string_view locale);

// Every key ui_text knows, in table order (for checks over all strings: typography, glyphs).
std::vector<std::string_view> ui_text_keys();

// An ISO date ("2026-12-06") as the visitor's locale writes it: "December 6, 2026" in English,
// "6 de diciembre de 2026" in Spanish. Anything that is not a YYYY-MM-DD date comes back as is.
std::string format_date(std::string_view iso, std::string_view locale);

// `pattern` with each "{name}" replaced by its value: fill("Question {n} of {total}", {{"n", "4"}, ...}).
// Placeholders without a value stay as they are.
std::string fill(std::string_view pattern, std::initializer_list<std::pair<std::string_view, std::string>> values);

}  // namespace ketascreen
