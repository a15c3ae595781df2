#include "markdown.hpp"

#include <md4c.h>

#include <algorithm>
#include <cstdlib>

#include "ketascreen/content_rules.hpp"
#include "ketascreen/utf8.hpp"

namespace ketascreen::authoring {
namespace {

// Builds blocks while md4c walks the document. Unsupported constructs are reported with the line
// of the next text md4c hands us (md4c has no positions of its own, but its text pointers point
// into our buffer).
class BlockBuilder {
 public:
  BlockBuilder(std::string_view body, const std::string& file, int first_line, Diagnostics& out)
      : body_(body), file_(file), first_line_(first_line), out_(out) {}

  std::vector<Block> blocks;

  // Blocks that open something here (and are closed by leave_block), as opposed to the document,
  // rules and table parts.
  static bool nests(MD_BLOCKTYPE type) { return type != MD_BLOCK_DOC && type != MD_BLOCK_HR && type <= MD_BLOCK_TABLE; }

  int enter_block(MD_BLOCKTYPE type, void* detail) {
    // The depth limit, where blocks open: a line of 1,000,000 '>' or 300,000 '- ' would otherwise
    // build a block tree that deep, and every recursive walk over it (trimming, writing, freeing)
    // overflows the stack. Deeper blocks are not built; their text lands in the deepest one.
    if (nests(type)) {
      const bool container = type == MD_BLOCK_LI || type == MD_BLOCK_QUOTE;
      if (skipped_ > 0 || (container && containers_ >= rules::kMaxBlockDepth)) {
        if (skipped_++ == 0)
          pending_.push_back({"lists (or block quotes) nest deeper than " + std::to_string(rules::kMaxBlockDepth) +
                                  " levels",
                              0});
        return 0;
      }
      if (container) ++containers_;  // what opens inside it is one level deeper
    }
    switch (type) {
      case MD_BLOCK_DOC: break;
      case MD_BLOCK_H: open(Block::Kind::Heading).level = static_cast<int>(static_cast<MD_BLOCK_H_DETAIL*>(detail)->level); break;
      case MD_BLOCK_P:
        open(Block::Kind::Paragraph);
        break;
      case MD_BLOCK_UL: open(Block::Kind::List).ordered = false; break;
      case MD_BLOCK_OL: open(Block::Kind::List).ordered = true; break;
      case MD_BLOCK_LI: open(Block::Kind::ListItem); break;
      case MD_BLOCK_QUOTE: unsupported("block quotes"); open(Block::Kind::Paragraph); break;
      case MD_BLOCK_HR: unsupported("horizontal rules (---)"); break;
      case MD_BLOCK_CODE:
        // Its first text is on the line after the opening fence: report the fence.
        unsupported("code blocks", static_cast<MD_BLOCK_CODE_DETAIL*>(detail)->fence_char ? -1 : 0);
        open(Block::Kind::Paragraph);
        break;
      case MD_BLOCK_HTML:
        unsupported("raw HTML");
        in_html_block_ = true;
        open(Block::Kind::Paragraph);
        break;
      case MD_BLOCK_TABLE: unsupported("tables"); open(Block::Kind::Paragraph); break;
      default: break;  // table rows and cells: their text lands in the table's paragraph
    }
    return 0;
  }

  int leave_block(MD_BLOCKTYPE type) {
    if (nests(type) && skipped_ > 0) {
      --skipped_;
      return 0;
    }
    if (type == MD_BLOCK_LI || type == MD_BLOCK_QUOTE) --containers_;
    if (type == MD_BLOCK_HTML) in_html_block_ = false;
    if (type == MD_BLOCK_DOC || type == MD_BLOCK_HR) return 0;
    if (type > MD_BLOCK_TABLE) return 0;  // table parts opened nothing
    close();
    return 0;
  }

  int enter_span(MD_SPANTYPE type, void* detail) {
    switch (type) {
      case MD_SPAN_EM: ++italic_; break;
      case MD_SPAN_STRONG: ++bold_; break;
      case MD_SPAN_A: {
        auto* a = static_cast<MD_SPAN_A_DETAIL*>(detail);
        href_.assign(a->href.text, a->href.size);
        check_href();
        break;
      }
      case MD_SPAN_IMG: unsupported("images"); break;
      case MD_SPAN_CODE: unsupported("inline code (`...`)"); break;
      default: unsupported("this inline syntax"); break;
    }
    return 0;
  }

  int leave_span(MD_SPANTYPE type) {
    if (type == MD_SPAN_EM) --italic_;
    if (type == MD_SPAN_STRONG) --bold_;
    if (type == MD_SPAN_A) href_.clear();
    return 0;
  }

  int text(MD_TEXTTYPE type, const MD_CHAR* text, MD_SIZE size) {
    // Defensive: md4c 0.4.8 has been seen (by our fuzzer) to report absurd sizes on damaged tables.
    // Text always lies within our buffer, except entity/NUL replacements which are short.
    if (size > body_.size() + 16) {
      return 1;  // abort md_parse, which then reports "could not be parsed"
    }
    resolve_line(text);
    switch (type) {
      case MD_TEXT_NORMAL:
      case MD_TEXT_CODE: append(std::string_view(text, size)); break;
      case MD_TEXT_NULLCHAR: append("\xEF\xBF\xBD"); break;
      case MD_TEXT_BR:
      case MD_TEXT_SOFTBR: append(" "); break;
      case MD_TEXT_ENTITY: append(decode_entity(std::string_view(text, size))); break;
      case MD_TEXT_HTML:
        if (!in_html_block_) unsupported("raw HTML");  // inline HTML; a block was reported when it opened
        resolve_line(text);
        break;
      default: append(std::string_view(text, size)); break;
    }
    return 0;
  }

  void finish() {
    // A construct at the very end of the file has no following text; report it at the last line.
    if (!pending_.empty()) {
      for (auto& [what, offset] : pending_)
        report(what, first_line_ + static_cast<int>(std::count(body_.begin(), body_.end(), '\n')));
      pending_.clear();
    }
    for (auto& b : blocks) trim_runs(b);
  }

 private:
  std::string_view body_;
  const std::string& file_;
  int first_line_;
  Diagnostics& out_;
  std::vector<Block*> stack_;
  int bold_ = 0, italic_ = 0;
  std::string href_;
  std::vector<std::pair<std::string, int>> pending_;  // what, line offset from the next text
  bool in_html_block_ = false;
  int containers_ = 0;  // list items and quotes open around the next block
  int skipped_ = 0;     // blocks past the depth limit that are open (not built)
  int last_line_ = 0;
  std::string last_message_;

  Block& open(Block::Kind kind) {
    Block b;
    b.kind = kind;
    std::vector<Block>& siblings = stack_.empty() ? blocks : stack_.back()->children;
    siblings.push_back(std::move(b));
    stack_.push_back(&siblings.back());
    return *stack_.back();
  }

  void close() {
    if (!stack_.empty()) stack_.pop_back();
  }

  Block* text_target() {
    if (stack_.empty()) return nullptr;
    Block* top = stack_.back();
    if (top->kind == Block::Kind::Heading || top->kind == Block::Kind::Paragraph) return top;
    if (top->kind == Block::Kind::ListItem) {
      // Tight lists put text straight into the item: give it an implicit paragraph.
      if (top->children.empty() || top->children.back().kind != Block::Kind::Paragraph) {
        Block p;
        p.kind = Block::Kind::Paragraph;
        top->children.push_back(std::move(p));
      }
      return &top->children.back();
    }
    return nullptr;
  }

  void append(std::string_view text) {
    Block* target = text_target();
    if (!target) return;
    bool bold = bold_ > 0, italic = italic_ > 0;
    if (!target->runs.empty()) {
      TextRun& last = target->runs.back();
      if (last.bold == bold && last.italic == italic && last.href == href_) {
        last.text += text;
        return;
      }
    }
    target->runs.push_back({std::string(text), bold, italic, href_});
  }

  static std::string decode_entity(std::string_view e) {
    if (e == "&amp;") return "&";
    if (e == "&lt;") return "<";
    if (e == "&gt;") return ">";
    if (e == "&quot;") return "\"";
    if (e == "&apos;") return "'";
    if (e == "&nbsp;") return "\xC2\xA0";
    if (e.size() > 3 && e[1] == '#') {
      bool hex = e[2] == 'x' || e[2] == 'X';
      std::string digits(e.substr(hex ? 3 : 2, e.size() - (hex ? 4 : 3)));
      unsigned long cp = std::strtoul(digits.c_str(), nullptr, hex ? 16 : 10);
      if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return "\xEF\xBF\xBD";
      std::string s;
      append_utf8(s, cp);
      return s;
    }
    return std::string(e);  // unknown named entity: keep it visible rather than guess
  }

  void check_href() {
    if (std::string problem = rules::link_target_problem(href_); !problem.empty()) pending_.push_back({problem, 0});
  }

  void unsupported(const std::string& what, int line_offset = 0) {
    pending_.push_back({"not supported in articles: " + what + " (use headings, paragraphs, lists, bold, italic and links)", line_offset});
  }

  void resolve_line(const MD_CHAR* text) {
    if (pending_.empty()) return;
    // md4c hands some text (line breaks, "\n" inside blocks) from static strings: wait for text
    // that is in our buffer, whose line we can tell.
    if (text < body_.data() || text > body_.data() + body_.size()) return;
    int line = first_line_ + static_cast<int>(std::count(body_.data(), text, '\n'));
    for (auto& [what, offset] : pending_) report(what, line + offset);
    pending_.clear();
  }

  void report(const std::string& message, int line) {
    if (line == last_line_ && message == last_message_) return;  // e.g. "<b>" and "</b>" on one line
    last_line_ = line;
    last_message_ = message;
    out_.push_back({DiagnosticLevel::Error, file_, line, "", message});
  }

  static void trim_runs(Block& b) {
    if (!b.runs.empty()) {
      auto& first = b.runs.front().text;
      first.erase(0, first.find_first_not_of(' '));
      auto& last = b.runs.back().text;
      last.erase(last.find_last_not_of(' ') + 1);
    }
    for (auto& c : b.children) trim_runs(c);
  }
};

}  // namespace

std::vector<Block> parse_markdown(std::string_view body, const std::string& file, int first_line, Diagnostics& out) {
  BlockBuilder builder(body, file, first_line, out);
  MD_PARSER parser{};
  parser.flags = MD_FLAG_NOINDENTEDCODEBLOCKS | MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH;
  parser.enter_block = [](MD_BLOCKTYPE t, void* d, void* u) { return static_cast<BlockBuilder*>(u)->enter_block(t, d); };
  parser.leave_block = [](MD_BLOCKTYPE t, void*, void* u) { return static_cast<BlockBuilder*>(u)->leave_block(t); };
  parser.enter_span = [](MD_SPANTYPE t, void* d, void* u) { return static_cast<BlockBuilder*>(u)->enter_span(t, d); };
  parser.leave_span = [](MD_SPANTYPE t, void*, void* u) { return static_cast<BlockBuilder*>(u)->leave_span(t); };
  parser.text = [](MD_TEXTTYPE t, const MD_CHAR* s, MD_SIZE n, void* u) { return static_cast<BlockBuilder*>(u)->text(t, s, n); };
  if (md_parse(body.data(), static_cast<MD_SIZE>(body.size()), &parser, &builder) != 0) {
    out.push_back({DiagnosticLevel::Error, file, first_line, "", "the Markdown could not be parsed"});
  }
  builder.finish();
  return std::move(builder.blocks);
}

}  // namespace ketascreen::authoring
