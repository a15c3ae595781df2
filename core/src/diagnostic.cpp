#include "ketascreen/diagnostic.hpp"

#include <algorithm>

namespace ketascreen {

std::string Diagnostic::to_string() const {
  std::string out;
  if (!file.empty()) {
    out += file;
    if (line > 0) out += ":" + std::to_string(line);
  }
  if (!path.empty()) {
    if (!out.empty()) out += ' ';
    out += path;
  }
  if (!out.empty()) out += ": ";
  if (level == DiagnosticLevel::Warning) out += "warning: ";
  out += message;
  return out;
}

bool has_errors(const Diagnostics& diagnostics) {
  return std::any_of(diagnostics.begin(), diagnostics.end(),
                     [](const Diagnostic& d) { return d.level == DiagnosticLevel::Error; });
}

}  // namespace ketascreen
