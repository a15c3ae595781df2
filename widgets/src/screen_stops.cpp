#include "screen_stops.hpp"

namespace ketascreen::widgets {

bool ScreenStops::arrive(const ScreenStop& now) {
  if (stops_.empty()) {  // the first screen: the entry the page already has
    stops_.push_back(now);
    cursor_ = 0;
    return false;
  }
  if (now == stops_[cursor_]) return false;
  if (cursor_ > 0 && now == stops_[cursor_ - 1]) {
    --cursor_;
    return true;
  }
  stops_.resize(cursor_ + 1);
  stops_.push_back(now);
  ++cursor_;
  return true;
}

const ScreenStop* ScreenStops::go(size_t index) {
  if (index >= stops_.size()) return nullptr;
  cursor_ = index;
  return &stops_[index];
}

void ScreenStops::clear() {
  stops_.clear();
  cursor_ = 0;
  ++generation_;
}

}  // namespace ketascreen::widgets
