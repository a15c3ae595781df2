#include "static_files.hpp"

#include <sys/stat.h>

#include <climits>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace ketascreen::server {
namespace {

std::string mime_type(const std::string& path) {
  auto ends = [&](const char* suffix) {
    size_t n = std::char_traits<char>::length(suffix);
    return path.size() >= n && path.compare(path.size() - n, n, suffix) == 0;
  };
  if (ends(".html")) return "text/html; charset=utf-8";
  if (ends(".js") || ends(".mjs")) return "text/javascript";
  if (ends(".wasm")) return "application/wasm";
  if (ends(".json")) return "application/json";
  if (ends(".css")) return "text/css";
  if (ends(".svg")) return "image/svg+xml";
  if (ends(".png")) return "image/png";
  if (ends(".woff2")) return "font/woff2";
  return "application/octet-stream";
}

}  // namespace

Response serve_static(const std::string& root, const Request& request) {
  std::string path = request.path;
  if (path.empty() || path.back() == '/') path += "index.html";
  if (path.find("/.") != std::string::npos || path.find('\\') != std::string::npos || path.find('\0') != std::string::npos)
    return text_response(404, "not found\n");
  char real_root[PATH_MAX], real_file[PATH_MAX];
  std::string file = root + path;
  if (!realpath(root.c_str(), real_root) || !realpath(file.c_str(), real_file)) return text_response(404, "not found\n");
  std::string inside(real_file), base = std::string(real_root) + "/";
  if (inside.compare(0, base.size(), base) != 0) return text_response(404, "not found\n");
  struct stat st {};
  if (stat(inside.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return text_response(404, "not found\n");
  std::ifstream in(inside, std::ios::binary);
  if (!in) return text_response(404, "not found\n");
  std::ostringstream data;
  data << in.rdbuf();
  Response r;
  r.body = data.str();
  r.set("Content-Type", mime_type(inside));
  r.set("Cache-Control", "no-store");  // the demo always shows the latest build
  r.set("X-Content-Type-Options", "nosniff");
  return r;
}

}  // namespace ketascreen::server
