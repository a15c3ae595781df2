#include "ketascreen/bundle.hpp"

#include <algorithm>
#include <set>

#include "ketascreen/json_reader.hpp"
#include "ketascreen/content_json.hpp"
#include "ketascreen/content_rules.hpp"
#include "ketascreen/json_value.hpp"
#include "ketascreen/sha256.hpp"

namespace ketascreen {

using json::Type;
using json::Value;

const Article* ContentBundle::find_article(std::string_view id, std::string_view locale) const {
  const Article* fallback = nullptr;
  for (const auto& a : articles) {
    if (a.id != id) continue;
    if (a.locale == locale) return &a;
    if (a.locale == kFallbackLocale) fallback = &a;
  }
  return fallback;
}

std::vector<std::string> ContentBundle::article_ids() const {
  std::vector<std::string> ids;
  for (const auto& a : articles)
    if (std::find(ids.begin(), ids.end(), a.id) == ids.end()) ids.push_back(a.id);
  return ids;
}

namespace {

void collect_links(const std::vector<Block>& blocks, std::vector<std::string>& out) {
  for (const auto& b : blocks) {
    for (const auto& run : b.runs)
      if (run.href.rfind("article:", 0) == 0) out.push_back(run.href.substr(8));
    collect_links(b.children, out);
  }
}

Value bundle_json_without_hash(const ContentBundle& b) {
  Value root = Value::object();
  root.set("schema_version", b.schema_version);
  root.set("clinic", to_json(b.clinic));
  root.set("screening", to_json(b.screening));
  Value articles = Value::array();
  for (const auto& a : b.articles) articles.push_back(to_json(a));
  root.set("articles", std::move(articles));
  root.set("layout", to_json(b.layout));
  // A single clinic's bundle has no "network", so its bytes and hash are what they were before
  // networks existed.
  if (!b.network.empty()) root.set("network", to_json(b.network));
  return root;
}

// The locales to check the screening against when the clinic has errors: the ones it lists if it
// has a list, else those of the articles. So one mistake in the clinic does not turn every
// translation into an error of its own.
std::vector<std::string> locales_hint(const Value& root, const std::vector<Article>& articles) {
  std::vector<std::string> locales{std::string(kFallbackLocale)};
  auto add = [&](const std::string& l) {
    bool code = l.size() == 2 && l[0] >= 'a' && l[0] <= 'z' && l[1] >= 'a' && l[1] <= 'z';
    if (code && std::find(locales.begin(), locales.end(), l) == locales.end()) locales.push_back(l);
  };
  const Value* clinic = root.find("clinic");
  const Value* listed = clinic ? clinic->find("locales") : nullptr;
  if (listed && listed->is_array()) {
    for (const auto& v : listed->as_array())
      if (v.is_string()) add(v.as_string());
  } else {
    for (const auto& a : articles) add(a.locale);
  }
  return locales;
}

}  // namespace

std::vector<std::string> article_links(const std::vector<Block>& blocks) {
  std::vector<std::string> out;
  collect_links(blocks, out);
  return out;
}

void check_article_links(const std::vector<Article>& articles, Diagnostics& out, const std::string& file) {
  std::set<std::string> ids, english;
  for (const auto& a : articles) {
    ids.insert(a.id);
    if (a.locale == kFallbackLocale) english.insert(a.id);
  }
  for (const auto& id : ids) {
    if (!english.count(id))
      out.push_back({DiagnosticLevel::Error, file, 0, "", "article '" + id + "' has no English version (" + id + ".en.md)"});
  }
  for (const auto& a : articles) {
    for (const auto& target : article_links(a.blocks)) {
      if (!ids.count(target))
        out.push_back({DiagnosticLevel::Error, file, 0, "",
                       "article '" + a.id + "' (" + a.locale + ") links to unknown article '" + target + "'"});
    }
  }
}

namespace {
std::string content_hash_of(const Value& body) { return "sha256:" + sha256_hex(json::serialize(body)); }
}  // namespace

std::string compute_content_hash(const ContentBundle& bundle) {
  return content_hash_of(bundle_json_without_hash(bundle));
}

std::string serialize_bundle(ContentBundle& bundle, int indent) {
  // Build the canonical body once: it is both hashed and written.
  Value body = bundle_json_without_hash(bundle);
  bundle.content_hash = content_hash_of(body);
  Value root = Value::object();
  root.set("schema_version", bundle.schema_version);
  root.set("content_hash", bundle.content_hash);
  for (auto& member : body.as_object())
    if (member.first != "schema_version") root.set(member.first, std::move(member.second));
  return json::serialize(root, indent);
}

Result<ContentBundle> parse_bundle(std::string_view text, const std::string& file) {
  if (text.size() > rules::kMaxBundleBytes) {
    return Result<ContentBundle>::failure(
        {{DiagnosticLevel::Error, file, 0, "",
          "the bundle is " + std::to_string(text.size()) + " bytes; the widget reads bundles of at most " +
              std::to_string(rules::kMaxBundleBytes) + " bytes (4 MB)"}});
  }
  auto parsed = json::parse(text, {file});
  if (!parsed) return Result<ContentBundle>::failure(parsed.errors());
  const Value& root = parsed.value();
  Diagnostics diags;
  detail::JsonReader r(file, diags);
  if (!r.expect(root, "$", Type::Object)) return Result<ContentBundle>::failure(diags);
  r.check_keys(root, "$", {"schema_version", "content_hash", "clinic", "screening", "articles", "layout", "network"});

  ContentBundle bundle;
  auto version = r.number(root, "$", "schema_version");
  if (version && *version != kBundleSchemaVersion) {
    // A newer bundle may use features this widget does not know; refuse rather than misread it.
    r.error(*root.find("schema_version"), "$.schema_version",
            "unsupported schema_version " + json::format_number(*version) + " (this widget reads version " +
                std::to_string(kBundleSchemaVersion) + ")");
    return Result<ContentBundle>::failure(diags);
  }
  bundle.content_hash = r.string(root, "$", "content_hash");

  std::optional<Clinic> clinic;
  if (const Value* c = r.member(root, "$", "clinic", Type::Object)) clinic = read_clinic(*c, {file, "$.clinic"}, diags);

  std::set<std::string, std::less<>> article_ids;
  if (const Value* list = r.member(root, "$", "articles", Type::Array)) {
    for (size_t i = 0; i < list->as_array().size(); ++i) {
      auto a = read_article(list->as_array()[i], {file, detail::index_path("$.articles", i)}, diags);
      if (!a) continue;
      for (const auto& existing : bundle.articles)
        if (existing.id == a->id && existing.locale == a->locale)
          r.error(list->as_array()[i], detail::index_path("$.articles", i), "duplicate article '" + a->id + "' (" + a->locale + ")");
      article_ids.insert(a->id);
      bundle.articles.push_back(std::move(*a));
    }
  }
  check_article_links(bundle.articles, diags, file);

  std::optional<Screening> screening;
  if (const Value* s = r.member(root, "$", "screening", Type::Object)) {
    screening = read_screening(*s, {file, "$.screening"}, clinic ? clinic->locales : locales_hint(root, bundle.articles),
                               article_ids, diags);
  }
  std::optional<Layout> layout = default_layout();
  if (const Value* l = root.find("layout")) layout = read_layout(*l, {file, "$.layout"}, diags);
  if (layout) rules::check_layout(*layout, bundle.article_ids(), diags);

  std::optional<ProviderNetwork> network = ProviderNetwork{};
  if (const Value* n = root.find("network"))
    network = read_network(*n, {file, "$.network"}, clinic ? clinic->locales : locales_hint(root, bundle.articles), true, diags);

  if (has_errors(diags) || !clinic || !screening || !layout || !network) return Result<ContentBundle>::failure(diags);
  bundle.layout = std::move(*layout);
  bundle.network = std::move(*network);
  bundle.clinic = std::move(*clinic);
  bundle.screening = std::move(*screening);

  std::string expected = compute_content_hash(bundle);
  if (bundle.content_hash != expected) {
    r.error(*root.find("content_hash"), "$.content_hash",
            "content_hash does not match the content (the bundle was changed after `ketascreen bundle`, or is "
            "damaged); rebuild it");
    return Result<ContentBundle>::failure(diags);
  }
  Diagnostics warnings;
  for (auto& d : diags)
    if (d.level == DiagnosticLevel::Warning) warnings.push_back(std::move(d));
  return Result<ContentBundle>(std::move(bundle), std::move(warnings));
}

}  // namespace ketascreen
