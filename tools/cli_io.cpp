#include "cli_io.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace fs = std::filesystem;

namespace ketascreen::cli {

std::optional<std::string> read_file(const std::string& path, std::string& error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = path + ": cannot open the file";
    return std::nullopt;
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

bool write_file(const std::string& path, const std::string& text, std::string& error) {
  // Write to a temporary file and rename, so a reader never sees half a bundle.
  fs::path target(path);
  std::error_code ec;
  if (target.has_parent_path()) fs::create_directories(target.parent_path(), ec);
  fs::path temp = target;
  temp += ".tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out || !(out << text) || !out.flush()) {
      error = path + ": cannot write the file";
      return false;
    }
  }
  fs::rename(temp, target, ec);
  if (ec) {
    error = path + ": cannot write the file (" + ec.message() + ")";
    return false;
  }
  return true;
}

Result<ContentBundle> load_input(const std::string& path) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    ContentSource source;
    source.root = fs::path(path).lexically_normal().generic_string();
    if (!source.root.empty() && source.root.back() == '/') source.root.pop_back();
    for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (!it->is_regular_file()) continue;
      std::string relative = fs::relative(it->path(), path).generic_string();
      if (relative.empty() || relative.front() == '.' || relative.find("/.") != std::string::npos) continue;  // editor swap files
      std::string error;
      auto text = read_file(it->path().string(), error);
      if (!text) return Result<ContentBundle>::failure({{DiagnosticLevel::Error, it->path().string(), 0, "", "cannot read the file"}});
      source.files.emplace(relative, std::move(*text));
    }
    if (ec) return Result<ContentBundle>::failure({{DiagnosticLevel::Error, path, 0, "", "cannot read the folder: " + ec.message()}});
    return load_content(source);
  }
  std::string error;
  auto text = read_file(path, error);
  if (!text) return Result<ContentBundle>::failure({{DiagnosticLevel::Error, path, 0, "", "no such content folder or bundle file"}});
  return parse_bundle(*text, path);
}

}  // namespace ketascreen::cli
