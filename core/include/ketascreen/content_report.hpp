#pragma once
// The content report for editors: every question, rule and article of a bundle in one Markdown
// view, with the article each rule links to, the rules that link each article, which outcomes the
// rules can produce, and the texts missing in a locale (the loader's warnings).

#include <string>

#include "ketascreen/bundle.hpp"
#include "ketascreen/diagnostic.hpp"

namespace ketascreen {

std::string content_report(const ContentBundle& bundle, const Diagnostics& warnings);

}  // namespace ketascreen
