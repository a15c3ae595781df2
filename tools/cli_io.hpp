#pragma once
// File-system side of the command line: reading a content folder or a bundle into the core, and
// writing a bundle. The one content-folder walk: the CLI, the desktop preview, the unit tests, the
// fuzzers and the benchmarks all read content through read_content_folder.

#include <cstddef>
#include <optional>
#include <string>

#include "ketascreen/authoring.hpp"
#include "ketascreen/bundle.hpp"
#include "ketascreen/content_rules.hpp"

namespace ketascreen::cli {

// No input file is read past this (`validate /dev/zero` ends with a message); a bundle may not be
// larger anyway (the widget's cap), and a content file never comes near it.
inline constexpr size_t kMaxInputBytes = rules::kMaxBundleBytes;
// A content folder holds at most this much in all.
inline constexpr size_t kMaxFolderBytes = 4 * kMaxInputBytes;

// The file's text, or nullopt and a message naming the file (missing, unreadable, too large).
std::optional<std::string> read_file(const std::string& path, std::string& error);

// Writes `text` to `path` through a temporary file created exclusively (never opened through an
// existing file or a planted symlink) in the target's folder and renamed over the target; the
// temporary file is removed when anything fails.
bool write_file(const std::string& path, const std::string& text, std::string& error);

// Every content file under `dir`, keyed by its path relative to `dir` ("articles/x.en.md").
// `root` is how diagnostics name the folder (default: `dir` as given). The rules, the same for
// every caller:
//  - names starting with '.' (files or folders: editor swap files, .git, .DS_Store) are skipped;
//  - a symbolic link inside the folder is refused with a message (it could pull a file from
//    outside the folder into a public bundle; copy the file in instead); `dir` itself may be one;
//  - anything that is not a regular file or a folder (a FIFO, a device) is refused;
//  - each file is read up to kMaxInputBytes, the folder up to kMaxFolderBytes.
Result<ContentSource> read_content_folder(const std::string& dir, std::optional<std::string> root = std::nullopt);

// A content folder (validated with the authoring loader) or a bundle file.
Result<ContentBundle> load_input(const std::string& path);

}  // namespace ketascreen::cli
