#include "cli_io.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <vector>

namespace fs = std::filesystem;

namespace ketascreen::cli {
namespace {

std::string describe(int err) {
  if (err == ELOOP) return "a symbolic link loop";
  return std::strerror(err);
}

Result<ContentSource> folder_error(const std::string& file, std::string message) {
  return Result<ContentSource>::failure({{DiagnosticLevel::Error, file, 0, "", std::move(message)}});
}

// The file's text, or nullopt and a message (without the path).
std::optional<std::string> read_capped(const std::string& path, std::string& error) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    error = "cannot open the file (" + describe(errno) + ")";
    return std::nullopt;
  }
  std::string text;
  std::vector<char> chunk(64 * 1024);
  while (true) {
    ssize_t n = ::read(fd, chunk.data(), chunk.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      error = "cannot read the file (" + describe(errno) + ")";
      ::close(fd);
      return std::nullopt;
    }
    if (n == 0) break;
    if (text.size() + static_cast<size_t>(n) > kMaxInputBytes) {
      error = "the file is larger than " + std::to_string(kMaxInputBytes) +
              " bytes (4 MB), more than any content file or bundle may be";
      ::close(fd);
      return std::nullopt;
    }
    text.append(chunk.data(), static_cast<size_t>(n));
  }
  ::close(fd);
  return text;
}

}  // namespace

std::optional<std::string> read_file(const std::string& path, std::string& error) {
  auto text = read_capped(path, error);
  if (!text) error = path + ": " + error;
  return text;
}

bool write_file(const std::string& path, const std::string& text, std::string& error) {
  fs::path target(path);
  std::error_code ec;
  fs::path folder = target.has_parent_path() ? target.parent_path() : fs::path(".");
  fs::create_directories(folder, ec);
  // mkstemp creates the file with O_CREAT | O_EXCL: it never opens an existing file, nor follows a
  // symlink someone planted under the temporary name. Same folder, so the rename is atomic.
  std::string temp = (folder / ("." + target.filename().string() + ".XXXXXX")).string();
  std::vector<char> name(temp.begin(), temp.end());
  name.push_back('\0');
  int fd = ::mkstemp(name.data());
  if (fd < 0) {
    error = path + ": cannot create a temporary file in " + folder.string() + " (" + describe(errno) + ")";
    return false;
  }
  temp.assign(name.data());
  auto fail = [&](const std::string& what, int err) {
    ::close(fd);
    ::unlink(temp.c_str());
    error = path + ": " + what + " (" + describe(err) + ")";
    return false;
  };
  // mkstemp makes the file private; a bundle is published, so give it the usual permissions.
  mode_t mask = ::umask(0);
  ::umask(mask);
  if (::fchmod(fd, 0666 & ~mask) != 0) return fail("cannot set the file's permissions", errno);
  size_t done = 0;
  while (done < text.size()) {
    ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return fail("cannot write the file", errno);
    done += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0) return fail("cannot write the file", errno);
  if (::close(fd) != 0) {
    int err = errno;
    ::unlink(temp.c_str());
    error = path + ": cannot write the file (" + describe(err) + ")";
    return false;
  }
  // rename replaces `path` itself (a symlink at `path` is replaced, not written through).
  if (::rename(temp.c_str(), path.c_str()) != 0) {
    int err = errno;
    ::unlink(temp.c_str());
    error = path + ": cannot write the file (" + describe(err) + ")";
    return false;
  }
  return true;
}

Result<ContentSource> read_content_folder(const std::string& dir, std::optional<std::string> root) {
  ContentSource source;
  if (root) {
    source.root = *root;
  } else {
    source.root = fs::path(dir).lexically_normal().generic_string();
    if (source.root.size() > 1 && source.root.back() == '/') source.root.pop_back();
  }
  std::error_code ec;
  fs::file_status st = fs::status(dir, ec);  // follows `dir` itself if it is a link
  if (ec) return folder_error(dir, "cannot read the folder: " + describe(ec.value()));
  if (!fs::is_directory(st)) return folder_error(dir, "not a folder");

  Diagnostics problems;
  size_t total = 0;
  fs::recursive_directory_iterator it(dir, fs::directory_options::none, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    const fs::path& p = it->path();
    const std::string name = p.filename().string();
    if (!name.empty() && name.front() == '.') {  // editor swap files, .git, .DS_Store
      if (it->is_directory(ec)) it.disable_recursion_pending();
      ec.clear();
      continue;
    }
    // Lexically: fs::relative would resolve (and stat) symlinks.
    std::string relative = p.lexically_relative(dir).generic_string();
    fs::file_status own = it->symlink_status(ec);
    if (ec) break;
    if (fs::is_symlink(own)) {
      it.disable_recursion_pending();  // else the iterator stats the link's target (ELOOP in a loop)
      std::error_code target_ec;
      (void)fs::status(p, target_ec);
      std::string why = target_ec.value() == ELOOP ? " in a loop"
                        : target_ec            ? " to nothing (" + describe(target_ec.value()) + ")"
                                               : "";
      problems.push_back({DiagnosticLevel::Error, p.string(), 0, "",
                          "is a symbolic link" + why +
                              "; content files must be regular files inside the folder (copy the file in)"});
      continue;
    }
    if (fs::is_directory(own)) continue;
    if (!fs::is_regular_file(own)) {
      problems.push_back({DiagnosticLevel::Error, p.string(), 0, "", "not a regular file (a FIFO, socket or device?)"});
      continue;
    }
    std::string error;
    auto text = read_capped(p.string(), error);
    if (!text) {
      problems.push_back({DiagnosticLevel::Error, p.string(), 0, "", error});
      continue;
    }
    total += text->size();
    if (total > kMaxFolderBytes)
      return folder_error(dir, "the folder holds more than " + std::to_string(kMaxFolderBytes) + " bytes of content");
    source.files.emplace(std::move(relative), std::move(*text));
  }
  if (ec) return folder_error(dir, "cannot read the folder: " + describe(ec.value()));
  if (!problems.empty()) return Result<ContentSource>::failure(std::move(problems));
  return Result<ContentSource>(std::move(source));
}

Result<ContentBundle> load_input(const std::string& path) {
  std::error_code ec;
  fs::file_status st = fs::status(path, ec);
  if (ec && ec.value() == ELOOP)
    return Result<ContentBundle>::failure({{DiagnosticLevel::Error, path, 0, "", "a symbolic link loop"}});
  if (fs::is_directory(st)) {
    auto source = read_content_folder(path);
    if (!source) return Result<ContentBundle>::failure(source.errors());
    return load_content(source.value());
  }
  if (ec || !fs::exists(st))
    return Result<ContentBundle>::failure({{DiagnosticLevel::Error, path, 0, "", "no such content folder or bundle file"}});
  std::string error;
  auto text = read_capped(path, error);
  if (!text) return Result<ContentBundle>::failure({{DiagnosticLevel::Error, path, 0, "", error}});
  return parse_bundle(*text, path);
}

}  // namespace ketascreen::cli
