#pragma once
// Authoring: turns a content folder (clinic.json, screening.json, articles/*.md) into a validated
// ContentBundle. The caller reads the files and hands their text in, so the core does no I/O.
// Native only (Markdown is parsed with md4c at bundling time, never in the widget).

#include <map>
#include <string>
#include <string_view>

#include "ketascreen/bundle.hpp"
#include "ketascreen/diagnostic.hpp"

namespace ketascreen {

struct ContentSource {
  std::string root;                          // how diagnostics name the folder, e.g. "content"
  std::map<std::string, std::string> files;  // path relative to root ("articles/x.en.md") -> text
};

// Validates everything and reports all errors at once; never throws.
Result<ContentBundle> load_content(const ContentSource& source);

// One article file: front matter + Markdown body. `file` names it in diagnostics.
Result<Article> parse_article_file(std::string_view text, const std::string& file);

}  // namespace ketascreen
