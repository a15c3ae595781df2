#include "ketascreen/json_reader.hpp"
#include "ketascreen/content_json.hpp"
#include "ketascreen/content_rules.hpp"

namespace ketascreen {

using detail::index_path;
using detail::join_path;
using json::Type;
using json::Value;

namespace {

using rules::kMaxBlockDepth;

std::vector<TextRun> read_runs(detail::JsonReader& r, const Value& block, const std::string& p) {
  std::vector<TextRun> runs;
  const Value* list = r.member(block, p, "runs", Type::Array);
  if (!list) return runs;
  std::string lp = join_path(p, "runs");
  for (size_t i = 0; i < list->as_array().size(); ++i) {
    const Value& v = list->as_array()[i];
    std::string ip = index_path(lp, i);
    if (!r.expect(v, ip, Type::Object)) continue;
    r.check_keys(v, ip, {"text", "b", "i", "href"});
    TextRun run;
    if (const Value* t = r.member(v, ip, "text", Type::String)) run.text = t->as_string();
    run.bold = r.boolean(v, ip, "b", false).value_or(false);
    run.italic = r.boolean(v, ip, "i", false).value_or(false);
    run.href = r.string(v, ip, "href", false);
    if (!run.href.empty()) {
      // The same rule as the Markdown reader's: a bundle written by hand or by another tool must
      // not get javascript:, data:, http: or //host links past the widget.
      if (std::string problem = rules::link_target_problem(run.href); !problem.empty())
        r.error(*v.find("href"), join_path(ip, "href"), problem);
    }
    runs.push_back(std::move(run));
  }
  return runs;
}

std::vector<Block> read_blocks(detail::JsonReader& r, const Value& list, const std::string& p, int depth);

std::optional<Block> read_block(detail::JsonReader& r, const Value& v, const std::string& p, int depth) {
  if (!r.expect(v, p, Type::Object)) return std::nullopt;
  if (depth > kMaxBlockDepth) {
    r.error(v, p, "blocks nest deeper than " + std::to_string(kMaxBlockDepth));
    return std::nullopt;
  }
  std::string type = r.string(v, p, "type");
  Block b;
  if (type == "heading") {
    r.check_keys(v, p, {"type", "level", "runs"});
    b.kind = Block::Kind::Heading;
    double level = r.number(v, p, "level").value_or(2);
    // Checked before the conversion: static_cast<int>(1e300) is undefined behaviour.
    if (rules::is_heading_level(level)) b.level = static_cast<int>(level);
    else r.error(v, join_path(p, "level"), "expected a whole number from 1 to 6");
    b.runs = read_runs(r, v, p);
  } else if (type == "paragraph") {
    r.check_keys(v, p, {"type", "runs"});
    b.runs = read_runs(r, v, p);
  } else if (type == "list") {
    r.check_keys(v, p, {"type", "ordered", "items"});
    b.kind = Block::Kind::List;
    b.ordered = r.boolean(v, p, "ordered", false).value_or(false);
    if (const Value* items = r.member(v, p, "items", Type::Array)) {
      std::string ip = join_path(p, "items");
      for (size_t i = 0; i < items->as_array().size(); ++i) {
        Block item;
        item.kind = Block::Kind::ListItem;
        const Value& iv = items->as_array()[i];
        if (r.expect(iv, index_path(ip, i), Type::Array)) item.children = read_blocks(r, iv, index_path(ip, i), depth + 1);
        b.children.push_back(std::move(item));
      }
    }
  } else {
    if (!type.empty()) r.error(*v.find("type"), join_path(p, "type"), "unknown block type '" + type + "' (expected heading, paragraph or list)");
    return std::nullopt;
  }
  return b;
}

std::vector<Block> read_blocks(detail::JsonReader& r, const Value& list, const std::string& p, int depth) {
  std::vector<Block> blocks;
  for (size_t i = 0; i < list.as_array().size(); ++i) {
    if (auto b = read_block(r, list.as_array()[i], index_path(p, i), depth)) blocks.push_back(std::move(*b));
  }
  return blocks;
}

Value runs_json(const std::vector<TextRun>& runs) {
  Value list = Value::array();
  for (const auto& run : runs) {
    Value v = Value::object();
    v.set("text", run.text);
    if (run.bold) v.set("b", true);
    if (run.italic) v.set("i", true);
    if (!run.href.empty()) v.set("href", run.href);
    list.push_back(std::move(v));
  }
  return list;
}

Value blocks_json(const std::vector<Block>& blocks) {
  Value list = Value::array();
  for (const auto& b : blocks) {
    Value v = Value::object();
    switch (b.kind) {
      case Block::Kind::Heading:
        v.set("type", "heading");
        v.set("level", b.level);
        v.set("runs", runs_json(b.runs));
        break;
      case Block::Kind::Paragraph:
        v.set("type", "paragraph");
        v.set("runs", runs_json(b.runs));
        break;
      case Block::Kind::List: {
        v.set("type", "list");
        v.set("ordered", b.ordered);
        Value items = Value::array();
        for (const auto& item : b.children) items.push_back(blocks_json(item.children));
        v.set("items", std::move(items));
        break;
      }
      case Block::Kind::ListItem:  // only inside lists
        continue;
    }
    list.push_back(std::move(v));
  }
  return list;
}

}  // namespace

std::optional<Article> read_article(const Value& root, const JsonOrigin& origin, Diagnostics& out) {
  size_t before = out.size();
  detail::JsonReader r(origin.file, out);
  const std::string& p = origin.path;
  if (!r.expect(root, p, Type::Object)) return std::nullopt;
  r.check_keys(root, p, {"id", "locale", "title", "summary", "reviewed_by", "last_reviewed", "sources", "blocks"});
  Article a;
  a.id = r.id(root, p);
  a.locale = r.string(root, p, "locale");
  a.title = r.string(root, p, "title");
  a.summary = r.string(root, p, "summary");
  a.reviewed_by = r.string(root, p, "reviewed_by");
  a.last_reviewed = r.string(root, p, "last_reviewed");
  if (const Value* sources = r.member(root, p, "sources", Type::Array)) {
    std::string sp = join_path(p, "sources");
    for (size_t i = 0; i < sources->as_array().size(); ++i) {
      const Value& s = sources->as_array()[i];
      std::string ip = index_path(sp, i);
      if (!r.expect(s, ip, Type::Object)) continue;
      r.check_keys(s, ip, {"title", "url"});
      a.sources.push_back({r.string(s, ip, "title"), r.string(s, ip, "url")});
    }
  }
  if (const Value* blocks = r.member(root, p, "blocks", Type::Array)) a.blocks = read_blocks(r, *blocks, join_path(p, "blocks"), 0);
  if (detail::has_errors_since(out, before)) return std::nullopt;
  return a;
}

Value to_json(const Article& a) {
  Value v = Value::object();
  v.set("id", a.id);
  v.set("locale", a.locale);
  v.set("title", a.title);
  v.set("summary", a.summary);
  v.set("reviewed_by", a.reviewed_by);
  v.set("last_reviewed", a.last_reviewed);
  Value sources = Value::array();
  for (const auto& s : a.sources) {
    Value sv = Value::object();
    sv.set("title", s.title);
    sv.set("url", s.url);
    sources.push_back(std::move(sv));
  }
  v.set("sources", std::move(sources));
  v.set("blocks", blocks_json(a.blocks));
  return v;
}

}  // namespace ketascreen
