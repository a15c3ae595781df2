#pragma once
// The preview's error panel: the problems of the last edit (file:line path: message), drawn over
// the bottom of the window while the last good content stays on screen above it. Clicking a line
// copies "file:line" for the editor's text editor.

#include "ketascreen/diagnostic.hpp"

namespace ketascreen::desktop {

void draw_error_panel(const Diagnostics& problems);

}  // namespace ketascreen::desktop
