#pragma once
// File-system side of the command line: reading a content folder or a bundle into the core.

#include <optional>
#include <string>

#include "ketascreen/authoring.hpp"
#include "ketascreen/bundle.hpp"

namespace ketascreen::cli {

std::optional<std::string> read_file(const std::string& path, std::string& error);
bool write_file(const std::string& path, const std::string& text, std::string& error);

// A content folder (validated with the authoring loader) or a bundle file.
Result<ContentBundle> load_input(const std::string& path);

}  // namespace ketascreen::cli
