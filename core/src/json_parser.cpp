// Recursive-descent JSON parser (RFC 8259) that records the line of every value and reports the
// first syntax error with its line and column.
// The JSON path of the value being read is kept as a stack of (key view | index) parts and turned
// into text only when an error is reported, so reading costs time linear in the input: copying the
// parent path into every member and element made a 1.2 MB file of long keys take seconds (issue 14).

#include <cmath>
#include <cstdlib>
#include <set>
#include <string>
#include <vector>

#include "ketascreen/json_value.hpp"
#include "ketascreen/utf8.hpp"

namespace ketascreen::json {
namespace {

class Parser {
 public:
  Parser(std::string_view text, const ParseOptions& options) : text_(text), options_(options) {}

  Result<Value> run() {
    // RFC 8259: JSON text is UTF-8. Bytes that are not would be copied into strings and on into
    // bundles, where a browser shows them as U+FFFD or refuses the whole file.
    if (size_t bad = first_invalid_utf8(text_); bad != std::string_view::npos) {
      for (size_t i = 0; i < bad; ++i)
        if (text_[i] == '\n') ++line_, line_start_ = i + 1;
      pos_ = bad;
      error("the text is not valid UTF-8 (byte " + std::to_string(bad + 1) + "); save the file as UTF-8");
      return fail();
    }
    skip_whitespace();
    Value root;
    if (!parse_value(root, 0)) return fail();
    skip_whitespace();
    if (pos_ < text_.size()) {
      error("unexpected text after the JSON value");
      return fail();
    }
    return Result<Value>(std::move(root));
  }

 private:
  std::string_view text_;
  const ParseOptions& options_;
  size_t pos_ = 0;
  int line_ = 1;
  size_t line_start_ = 0;
  Diagnostics errors_;

  // One step of the path to the value being read: a member name (a view of the key, which outlives
  // the step) or an array index.
  struct PathPart {
    std::string_view key;
    size_t index = 0;
    bool is_index = false;
  };
  std::vector<PathPart> path_;

  Result<Value> fail() { return Result<Value>::failure(std::move(errors_)); }

  std::string path_text() const {
    std::string out = "$";
    for (const auto& part : path_) {
      if (part.is_index) {
        out += '[';
        out += std::to_string(part.index);
        out += ']';
      } else {
        out += '.';
        out += part.key;
      }
    }
    return out;
  }

  // Syntax errors without a path (inside a string or a literal) name the line and column only.
  bool error(const std::string& message, bool with_path = false) {
    if (errors_.empty()) {
      int column = static_cast<int>(pos_ - line_start_) + 1;
      errors_.push_back({DiagnosticLevel::Error, options_.file, line_, with_path ? path_text() : std::string(),
                         "invalid JSON at column " + std::to_string(column) + ": " + message});
    }
    return false;
  }

  bool at_end() const { return pos_ >= text_.size(); }
  char peek() const { return at_end() ? '\0' : text_[pos_]; }

  void skip_whitespace() {
    while (!at_end()) {
      char c = text_[pos_];
      if (c == '\n') {
        ++pos_;
        ++line_;
        line_start_ = pos_;
      } else if (c == ' ' || c == '\t' || c == '\r') {
        ++pos_;
      } else {
        break;
      }
    }
  }

  bool literal(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) return error("expected '" + std::string(word) + "'");
    pos_ += word.size();
    return true;
  }

  bool parse_value(Value& out, int depth) {
    if (depth > options_.max_depth) return error("nesting deeper than " + std::to_string(options_.max_depth), true);
    int line = line_;
    bool ok = false;
    switch (peek()) {
      case '{': ok = parse_object(out, depth); break;
      case '[': ok = parse_array(out, depth); break;
      case '"': {
        std::string s;
        ok = parse_string(s);
        if (ok) out = Value(std::move(s));
        break;
      }
      case 't': ok = literal("true"); if (ok) out = Value(true); break;
      case 'f': ok = literal("false"); if (ok) out = Value(false); break;
      case 'n': ok = literal("null"); if (ok) out = Value(nullptr); break;
      case '\0':
        if (at_end()) return error("unexpected end of text, expected a value", true);
        return error("unexpected character, expected a value", true);
      default:
        if (peek() == '-' || (peek() >= '0' && peek() <= '9')) {
          ok = parse_number(out);
        } else {
          return error(std::string("unexpected character '") + peek() + "', expected a value", true);
        }
    }
    if (ok) out.set_line(line);
    return ok;
  }

  // The member names of one object so far. A linear scan is fastest for the small objects content
  // has; past kIndexFrom members the names go into a set too, so that a hostile file with tens of
  // thousands of keys costs n log n rather than n² (found by the fuzzing campaign's review:
  // 50,000 keys took 2.4 s to read).
  class KeySet {
   public:
    // False when `key` is already a member.
    bool insert(const Object& members, const std::string& key) {
      if (members.size() < kIndexFrom) {
        for (const auto& m : members)
          if (m.first == key) return false;
        return true;
      }
      if (index_.empty())
        for (const auto& m : members) index_.insert(m.first);
      return index_.insert(key).second;
    }

   private:
    static constexpr size_t kIndexFrom = 32;
    std::set<std::string> index_;
  };

  bool parse_object(Value& out, int depth) {
    ++pos_;  // '{'
    Object members;
    KeySet seen;
    skip_whitespace();
    if (peek() == '}') {
      ++pos_;
      out = Value(std::move(members));
      return true;
    }
    while (true) {
      skip_whitespace();
      if (peek() != '"') return error("expected a member name in double quotes", true);
      std::string key;
      if (!parse_string(key)) return false;
      path_.push_back({key});
      if (options_.reject_duplicate_keys && !seen.insert(members, key)) {
        return error("duplicate key '" + key + "'", true);
      }
      skip_whitespace();
      if (peek() != ':') return error("expected ':' after member name", true);
      ++pos_;
      skip_whitespace();
      Value v;
      if (!parse_value(v, depth + 1)) return false;
      members.emplace_back(std::move(key), std::move(v));
      path_.back().key = members.back().first;  // `key` was moved from
      skip_whitespace();
      if (peek() == ',') {
        ++pos_;
        path_.pop_back();
        continue;
      }
      if (peek() == '}') {
        ++pos_;
        path_.pop_back();
        break;
      }
      return error("expected ',' or '}' after object member", true);
    }
    out = Value(std::move(members));
    return true;
  }

  bool parse_array(Value& out, int depth) {
    ++pos_;  // '['
    Array items;
    skip_whitespace();
    if (peek() == ']') {
      ++pos_;
      out = Value(std::move(items));
      return true;
    }
    while (true) {
      skip_whitespace();
      Value v;
      path_.push_back({{}, items.size(), true});
      if (!parse_value(v, depth + 1)) return false;
      items.push_back(std::move(v));
      skip_whitespace();
      if (peek() == ',') {
        ++pos_;
        path_.pop_back();
        continue;
      }
      if (peek() == ']') {
        ++pos_;
        path_.pop_back();
        break;
      }
      return error("expected ',' or ']' after array element", true);
    }
    out = Value(std::move(items));
    return true;
  }

  bool parse_hex4(unsigned& out) {
    if (pos_ + 4 > text_.size()) return error("incomplete \\u escape");
    out = 0;
    for (int i = 0; i < 4; ++i) {
      char c = text_[pos_++];
      out <<= 4;
      if (c >= '0' && c <= '9') out |= static_cast<unsigned>(c - '0');
      else if (c >= 'a' && c <= 'f') out |= static_cast<unsigned>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F') out |= static_cast<unsigned>(c - 'A' + 10);
      else return error("invalid hex digit in \\u escape");
    }
    return true;
  }

  bool parse_string(std::string& out) {
    ++pos_;  // opening quote
    while (true) {
      if (at_end()) return error("unterminated string");
      char c = text_[pos_++];
      if (c == '"') return true;
      if (static_cast<unsigned char>(c) < 0x20) {
        --pos_;
        return error(c == '\n' ? "line break inside a string (use \\n)" : "control character inside a string");
      }
      if (c != '\\') {
        out += c;
        continue;
      }
      if (at_end()) return error("unterminated string");
      char e = text_[pos_++];
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          unsigned cp = 0;
          if (!parse_hex4(cp)) return false;
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            unsigned low = 0;
            if (text_.substr(pos_, 2) != "\\u") return error("unpaired UTF-16 surrogate in \\u escape");
            pos_ += 2;
            if (!parse_hex4(low)) return false;
            if (low < 0xDC00 || low > 0xDFFF) return error("unpaired UTF-16 surrogate in \\u escape");
            cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          } else if (cp >= 0xDC00 && cp <= 0xDFFF) {
            return error("unpaired UTF-16 surrogate in \\u escape");
          }
          append_utf8(out, cp);
          break;
        }
        default:
          --pos_;
          return error(std::string("invalid escape '\\") + e + "'");
      }
    }
  }

  bool parse_number(Value& out) {
    size_t start = pos_;
    auto digits = [&] {
      size_t n = 0;
      while (!at_end() && text_[pos_] >= '0' && text_[pos_] <= '9') {
        ++pos_;
        ++n;
      }
      return n;
    };
    if (peek() == '-') ++pos_;
    if (peek() == '0') {
      ++pos_;
    } else if (digits() == 0) {
      return error("invalid number");
    }
    if (peek() == '.') {
      ++pos_;
      if (digits() == 0) return error("invalid number: digits expected after '.'");
    }
    if (peek() == 'e' || peek() == 'E') {
      ++pos_;
      if (peek() == '+' || peek() == '-') ++pos_;
      if (digits() == 0) return error("invalid number: digits expected in exponent");
    }
    std::string number(text_.substr(start, pos_ - start));
    double value = std::strtod(number.c_str(), nullptr);
    if (!std::isfinite(value)) {
      // Infinity cannot be written back as JSON (it would become null), so refuse it here.
      pos_ = start;
      return error("number out of range (larger than a double can hold)", true);
    }
    out = Value(value);
    return true;
  }
};

}  // namespace

Result<Value> parse(std::string_view text, const ParseOptions& options) {
  // A UTF-8 byte order mark is harmless; some editors on Windows add one.
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  return Parser(text, options).run();
}

}  // namespace ketascreen::json
