#pragma once
// The first widget frame: the clinic's name and the first screening question with Yes / No.
// A stepping stone towards the plugin host; it draws from a parsed bundle and keeps no state
// beyond the answer given.

#include <optional>
#include <string>
#include <string_view>

#include "ketascreen/bundle.hpp"

namespace ketascreen::widgets {

class QuestionFrame {
 public:
  // `bundle` must outlive the frame.
  QuestionFrame(const ContentBundle& bundle, std::string locale) : bundle_(bundle), locale_(std::move(locale)) {}

  // Call inside Platform::step's draw callback: fills the whole window.
  void draw();

  // The answer to the first question, once the person pressed Yes or No.
  std::optional<bool> answer() const { return answer_; }

 private:
  const ContentBundle& bundle_;
  std::string locale_;
  std::optional<bool> answer_;
};

// What a bad bundle shows instead (DESIGN.md: a short fallback, never a broken page). The reason
// goes to the page through the error event, not to the visitor. `phone` may be empty when the
// bundle could not be read at all.
void draw_fallback_frame(std::string_view phone, std::string_view locale);

}  // namespace ketascreen::widgets
