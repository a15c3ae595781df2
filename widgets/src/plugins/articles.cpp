// The articles: a list of titles with their summaries, and a reader that draws an article's block
// model (headings, paragraphs, lists with bold and links). Links to other articles open them here;
// other links open outside the widget (a new tab on the web, the browser on the desktop).

#include <algorithm>

#include "../plugin.hpp"
#include "../ui.hpp"
#include "ketascreen/ui_text.hpp"

namespace ketascreen::widgets {
namespace {

class Articles : public Plugin {
 public:
  explicit Articles(std::vector<std::string> ids) : ids_(std::move(ids)) {}

  void open(std::string_view id) override { open_ = std::string(id); }
  std::string target() const override { return open_; }
  void reset() override { open_.clear(); }

  void draw(Ui& ui, Flow& flow) override {
    const Article* article = open_.empty() ? nullptr : flow.bundle().find_article(open_, flow.locale());
    if (article) {
      draw_article(ui, flow, *article);
    } else {
      open_.clear();
      draw_list(ui, flow);
    }
  }

 private:
  void draw_list(Ui& ui, Flow& flow) {
    ui.heading("articles/title", flow.text("articles.title"), 1);
    for (const auto& id : ids_.empty() ? flow.bundle().article_ids() : ids_) {
      const Article* a = flow.bundle().find_article(id, flow.locale());
      if (!a) continue;
      // The title leads (bold link), the summary follows quieter (small, muted), as in a table of contents.
      ImGui::PushStyleVar(ImGuiStyleVar_ItemSpacing, ImVec2(ImGui::GetStyle().ItemSpacing.x, 4));  // summary under title
      if (ui.link("articles/open/" + id, a->title, TextStyle::Strong)) open_ = id;
      ImGui::PopStyleVar();
      ui.text("articles/summary/" + id, a->summary, TextStyle::Small);
      ui.spacing(4);
    }
    if (ui.button("articles/back", flow.text("nav.back_to_check"), ButtonKind::Secondary)) flow.back();
  }

  void draw_article(Ui& ui, Flow& flow, const Article& a) {
    if (ui.link("articles/back-to-list", flow.text("articles.all"))) {
      open_.clear();
      return;
    }
    ui.heading("article/title", a.title, 1);
    ui.text("article/reviewed", fill(flow.text("articles.reviewed"), {{"who", a.reviewed_by}, {"date", format_date(a.last_reviewed, flow.locale())}}),
            TextStyle::Small);
    int counter = 0;
    for (size_t i = 0; i < a.blocks.size(); ++i) {
      // Articles often open with their title as a heading; it is already shown above.
      const Block& block = a.blocks[i];
      if (i == 0 && block.kind == Block::Kind::Heading && plain_text(block.runs) == a.title) continue;
      draw_block(ui, flow, block, counter, 0);
    }

    if (!a.sources.empty()) {
      ui.heading("article/sources", flow.text("articles.sources"), 3);
      for (size_t i = 0; i < a.sources.size(); ++i) {
        if (ui.link("article/source/" + std::to_string(i), a.sources[i].title)) flow.open_url(a.sources[i].url);
      }
    }
    ui.spacing(6);
    if (ui.button("articles/back", flow.text("nav.back"), ButtonKind::Secondary)) {
      open_.clear();
      flow.back();
    }
  }

  void follow(Flow& flow, const std::string& href) {
    if (href.rfind("article:", 0) == 0) {
      open_ = href.substr(8);
    } else {
      flow.open_url(href);
    }
  }

  void draw_block(Ui& ui, Flow& flow, const Block& block, int& counter, int depth) {
    const std::string id = "article/block/" + std::to_string(counter++);
    switch (block.kind) {
      case Block::Kind::Heading:
        ui.heading(id, plain_text(block.runs), std::max(2, block.level));
        break;
      case Block::Kind::Paragraph:
        if (auto href = ui.rich_text(id, block.runs)) follow(flow, *href);
        break;
      case Block::Kind::List: {
        int number = 1;
        for (const auto& item : block.children) {
          // The marker, then the item's blocks indented beside it.
          const std::string marker = block.ordered ? std::to_string(number++) + "." : "\xE2\x80\xA2";  // bullet
          ui.marker(marker);
          const float indent = 26.0f;
          ImGui::Indent(indent);
          const float saved = ui.width();
          ui.set_width(saved - indent);
          for (const auto& child : item.children) draw_block(ui, flow, child, counter, depth + 1);
          if (!item.runs.empty()) {
            if (auto href = ui.rich_text(id + "/item", item.runs)) follow(flow, *href);
          }
          ui.set_width(saved);
          ImGui::Unindent(indent);
        }
        break;
      }
      case Block::Kind::ListItem:
        for (const auto& child : block.children) draw_block(ui, flow, child, counter, depth + 1);
        break;
    }
  }

  static std::string plain_text(const std::vector<TextRun>& runs) {
    std::string out;
    for (const auto& r : runs) out += r.text;
    return out;
  }

  std::vector<std::string> ids_;  // the listed articles, in order; empty = all
  std::string open_;              // the article being read, empty on the list
};

}  // namespace

std::unique_ptr<Plugin> create_articles(PluginSettings& settings, const ContentBundle& bundle) {
  std::vector<std::string> ids = settings.string_list("ids");
  for (const auto& id : ids) {
    if (!bundle.find_article(id, "en")) settings.error("ids", "unknown article \"" + id + "\"");
  }
  settings.finish();
  return std::make_unique<Articles>(std::move(ids));
}

}  // namespace ketascreen::widgets
