#pragma once
// The content bundle: everything the widget needs at run time, in one JSON file that a clinic can
// replace without rebuilding the WebAssembly.

#include <string>
#include <string_view>
#include <vector>

#include "ketascreen/content.hpp"
#include "ketascreen/diagnostic.hpp"
#include "ketascreen/layout.hpp"
#include "ketascreen/providers.hpp"

namespace ketascreen {

inline constexpr int kBundleSchemaVersion = 1;

struct ContentBundle {
  int schema_version = kBundleSchemaVersion;
  std::string content_hash;  // "sha256:<hex>" of the bundle without this field
  Clinic clinic;
  Screening screening;
  std::vector<Article> articles;  // one entry per (id, locale)
  Layout layout = default_layout();
  ProviderNetwork network;  // empty for a single clinic (no providers.json)

  // The article in `locale`, else in English; nullptr if there is no such article.
  const Article* find_article(std::string_view id, std::string_view locale) const;
  // Article ids in the order they appear, each once.
  std::vector<std::string> article_ids() const;
};

// Parses and validates a bundle. `file` names it in diagnostics.
Result<ContentBundle> parse_bundle(std::string_view json, const std::string& file = "content.json");

// Serialises with a fresh content hash (also stored into `bundle.content_hash`).
std::string serialize_bundle(ContentBundle& bundle, int indent = -1);

// The hash the bundle would carry: "sha256:" + hex digest of its canonical form.
std::string compute_content_hash(const ContentBundle& bundle);

// Checks that hold for any bundle however it was made: article links point at existing articles,
// every article has English, sources are https. Shared by the bundle reader and the authoring loader.
void check_article_links(const std::vector<Article>& articles, Diagnostics& out,
                         const std::string& file_for_unknown_links);

// Every "article:<id>" link target in the blocks, in order.
std::vector<std::string> article_links(const std::vector<Block>& blocks);

}  // namespace ketascreen
