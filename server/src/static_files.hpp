#pragma once
// Files of a folder under / (the demo pages and the widget in dist/ for `./build-wasm.sh serve`),
// with the MIME types the widget needs (.wasm as application/wasm). Nothing outside the folder:
// "..", hidden files and links that leave it are not served.

#include <string>

#include "http_message.hpp"

namespace ketascreen::server {

// nullopt-like: status 404 when there is no such file.
Response serve_static(const std::string& root, const Request& request);

}  // namespace ketascreen::server
