#include "front_matter.hpp"

#include <algorithm>
#include <vector>

namespace ketascreen::authoring {
namespace {

struct Line {
  int number;
  std::string_view text;
};

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Strips matching quotes; YAML users quote values that contain ':' or start with special characters.
std::string unquote(std::string_view v) {
  if (v.size() >= 2 && ((v.front() == '"' && v.back() == '"') || (v.front() == '\'' && v.back() == '\'')))
    return std::string(v.substr(1, v.size() - 2));
  return std::string(v);
}

bool is_date(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  int year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
  int month = (s[5] - '0') * 10 + (s[6] - '0');
  int day = (s[8] - '0') * 10 + (s[9] - '0');
  if (month < 1 || month > 12) return false;
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  const int days_in_month[] = {31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return day >= 1 && day <= days_in_month[month - 1];
}

class FrontMatterParser {
 public:
  FrontMatterParser(const std::string& file, Diagnostics& out) : file_(file), out_(out) {}

  void error(int line, std::string message) {
    out_.push_back({DiagnosticLevel::Error, file_, line, "", "front matter: " + std::move(message)});
  }

  void parse(const std::vector<Line>& lines, int closing_line, FrontMatter& fm) {
    Article& a = fm.article;
    std::vector<std::string> seen;
    for (size_t i = 0; i < lines.size(); ++i) {
      const Line& l = lines[i];
      std::string_view t = trim(l.text);
      if (t.empty() || t.front() == '#') continue;
      if (l.text.front() == ' ' || l.text.front() == '\t' || t.front() == '-') {
        error(l.number, "unexpected indented line (only 'sources' has list items)");
        continue;
      }
      auto colon = t.find(':');
      if (colon == std::string_view::npos) {
        error(l.number, "expected 'key: value'");
        continue;
      }
      std::string key(trim(t.substr(0, colon)));
      std::string value = unquote(trim(t.substr(colon + 1)));
      if (std::find(seen.begin(), seen.end(), key) != seen.end()) {
        error(l.number, "duplicate key '" + key + "'");
        continue;
      }
      seen.push_back(key);
      if (key == "sources") {
        if (!value.empty()) error(l.number, "'sources' must be a list of '- title: ...' / '  url: ...' items");
        i = parse_sources(lines, i + 1, a) - 1;
        continue;
      }
      if (value.empty()) {
        error(l.number, "'" + key + "' has no value");
        continue;
      }
      if (key == "id") a.id = value;
      else if (key == "title") a.title = value;
      else if (key == "summary") a.summary = value;
      else if (key == "reviewed_by") a.reviewed_by = value;
      else if (key == "last_reviewed") {
        a.last_reviewed = value;
        if (!is_date(value)) error(l.number, "last_reviewed must be a date as YYYY-MM-DD, found '" + value + "'");
      } else {
        error(l.number, "unknown key '" + key + "' (expected id, title, summary, reviewed_by, last_reviewed, sources)");
      }
    }
    for (const char* key : {"id", "title", "summary", "reviewed_by", "last_reviewed", "sources"}) {
      if (std::find(seen.begin(), seen.end(), key) == seen.end()) error(closing_line, "missing required key '" + std::string(key) + "'");
    }
    if (std::find(seen.begin(), seen.end(), "sources") != seen.end() && a.sources.empty())
      error(closing_line, "'sources' needs at least one source");
  }

 private:
  const std::string& file_;
  Diagnostics& out_;

  // Reads "- title: x" items (each followed by an indented "url: y") until the next top-level key.
  size_t parse_sources(const std::vector<Line>& lines, size_t i, Article& a) {
    for (; i < lines.size(); ++i) {
      const Line& l = lines[i];
      std::string_view t = trim(l.text);
      if (t.empty()) continue;
      if (l.text.front() != ' ' && l.text.front() != '-') break;  // next top-level key
      bool item_start = t.front() == '-';
      if (item_start) {
        t = trim(t.substr(1));
        a.sources.push_back({});
      } else if (a.sources.empty()) {
        error(l.number, "expected a '- title: ...' item");
        continue;
      }
      auto colon = t.find(':');
      if (colon == std::string_view::npos) {
        error(l.number, "expected 'title: ...' or 'url: ...'");
        continue;
      }
      std::string key(trim(t.substr(0, colon)));
      std::string value = unquote(trim(t.substr(colon + 1)));
      Source& s = a.sources.back();
      if (key == "title") s.title = value;
      else if (key == "url") {
        s.url = value;
        if (value.rfind("https://", 0) != 0) error(l.number, "source url must start with https://, found '" + value + "'");
      } else {
        error(l.number, "unknown source key '" + key + "' (expected title, url)");
        continue;
      }
      if (value.empty()) error(l.number, "source '" + key + "' has no value");
      // Check completeness when the item ends.
      bool item_ends = i + 1 >= lines.size() || trim(lines[i + 1].text).rfind("-", 0) == 0 ||
                       (!lines[i + 1].text.empty() && lines[i + 1].text.front() != ' ');
      if (item_ends && (s.title.empty() || s.url.empty()))
        error(l.number, std::string("source needs both 'title' and 'url'"));
    }
    return i;
  }
};

}  // namespace

std::optional<FrontMatter> parse_front_matter(std::string_view text, const std::string& file, Diagnostics& out) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  std::vector<Line> lines;
  size_t pos = 0;
  int number = 1;
  bool opened = false;
  FrontMatterParser parser(file, out);
  while (pos <= text.size()) {
    size_t end = text.find('\n', pos);
    std::string_view line = text.substr(pos, end == std::string_view::npos ? std::string_view::npos : end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (number == 1) {
      if (line != "---") {
        parser.error(1, "an article must start with a '---' line, then its front matter, then '---'");
        return std::nullopt;
      }
      opened = true;
    } else if (line == "---") {
      FrontMatter fm;
      parser.parse(lines, number, fm);
      size_t body_start = end == std::string_view::npos ? text.size() : end + 1;
      fm.body = text.substr(body_start);
      fm.body_first_line = number + 1;
      return fm;
    } else {
      lines.push_back({number, line});
    }
    if (end == std::string_view::npos) break;
    pos = end + 1;
    ++number;
  }
  if (opened) parser.error(number, "the front matter is not closed by a '---' line");
  return std::nullopt;
}

}  // namespace ketascreen::authoring
