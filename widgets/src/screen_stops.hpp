#pragma once
// The stops the browser's Back and Forward move between (the loader mirrors each as a history
// entry on the page's own URL). A stop is a screen, the article open on it, and on the checklist
// the question. Questions with show_if never make a stop of their own: they share the stop of the
// question that brought them, so the number of entries the page can count in history.length never
// depends on answers (the same rule as the page's step events, core's page_events.hpp).
//
// Only where the visitor is goes into a stop: no answer, nothing typed. The stops live in memory
// and die with the widget.

#include <cstddef>
#include <string>
#include <vector>

namespace ketascreen::widgets {

struct ScreenStop {
  std::string screen;    // the layout's plugin name
  std::string target;    // the article open on "articles", else empty
  std::string question;  // on "checklist": the question (without show_if) that opened the stop

  bool operator==(const ScreenStop& o) const {
    return screen == o.screen && target == o.target && question == o.question;
  }
  bool operator!=(const ScreenStop& o) const { return !(*this == o); }
};

class ScreenStops {
 public:
  // The widget now shows `now`. Returns true when that moved the cursor: one stop back when `now`
  // is the stop before the cursor (the widget's own Back), else a new stop after the cursor, which
  // drops the stops that were ahead (as a browser does after Back and a new link).
  bool arrive(const ScreenStop& now);
  // The host's history moved to stop `index`: the stop to show, or nullptr when there is no such
  // stop (an entry from before a reset); the cursor moves only to a stop that exists.
  const ScreenStop* go(size_t index);
  // Forget every stop: the widget starts over (reset) and a new generation of entries begins, so
  // the loader can tell entries from before the reset apart.
  void clear();

  size_t cursor() const { return cursor_; }
  unsigned generation() const { return generation_; }
  // The stops up to the cursor (for the widget's own Back across screens).
  const std::vector<ScreenStop>& stops() const { return stops_; }

 private:
  std::vector<ScreenStop> stops_;
  size_t cursor_ = 0;
  unsigned generation_ = 0;
};

}  // namespace ketascreen::widgets
