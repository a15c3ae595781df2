#pragma once
// Markdown body -> block model (md4c). Only what the widget can draw is accepted.

#include <string>
#include <string_view>
#include <vector>

#include "ketascreen/content.hpp"
#include "ketascreen/diagnostic.hpp"

namespace ketascreen::authoring {

// `first_line` is the file line where `body` starts, so diagnostics point into the file.
std::vector<Block> parse_markdown(std::string_view body, const std::string& file, int first_line, Diagnostics& out);

}  // namespace ketascreen::authoring
