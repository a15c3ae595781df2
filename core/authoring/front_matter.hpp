#pragma once
// Article front matter: the block between two "---" lines at the top of an article file.
// A deliberately small YAML subset: "key: value" lines and the "sources:" list of
// "- title: ..." / "  url: ..." items. Anything else is an error with its line.

#include <optional>
#include <string>
#include <string_view>

#include "ketascreen/content.hpp"
#include "ketascreen/diagnostic.hpp"

namespace ketascreen::authoring {

struct FrontMatter {
  Article article;  // metadata fields filled, blocks empty
  std::string_view body;
  int body_first_line = 1;
};

std::optional<FrontMatter> parse_front_matter(std::string_view text, const std::string& file, Diagnostics& out);

}  // namespace ketascreen::authoring
