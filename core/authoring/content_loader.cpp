#include <algorithm>
#include <cmath>
#include <set>

#include "front_matter.hpp"
#include "ketascreen/authoring.hpp"
#include "ketascreen/content_json.hpp"
#include "ketascreen/content_rules.hpp"
#include "ketascreen/json_value.hpp"
#include "ketascreen/utf8.hpp"
#include "ketascreen/zip_centroids.hpp"
#include "markdown.hpp"

namespace ketascreen {
namespace {

std::string display_path(const ContentSource& source, const std::string& relative) {
  return source.root.empty() ? relative : source.root + "/" + relative;
}

// "articles/<id>.<locale>.md" -> {id, locale}
std::optional<std::pair<std::string, std::string>> split_article_name(const std::string& relative) {
  const std::string prefix = "articles/", suffix = ".md";
  if (relative.rfind(prefix, 0) != 0 || relative.size() <= prefix.size() + suffix.size()) return std::nullopt;
  if (relative.compare(relative.size() - suffix.size(), suffix.size(), suffix) != 0) return std::nullopt;
  std::string stem = relative.substr(prefix.size(), relative.size() - prefix.size() - suffix.size());
  auto dot = stem.rfind('.');
  if (dot == std::string::npos || stem.find('/') != std::string::npos) return std::nullopt;
  return std::make_pair(stem.substr(0, dot), stem.substr(dot + 1));
}

// The line of the first "(article:<target>" in an article's text, for a precise link error.
int line_of_link(const std::string& text, const std::string& target) {
  auto at = text.find("(article:" + target + ")");
  if (at == std::string::npos) at = text.find("article:" + target);
  if (at == std::string::npos) return 0;
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(at), '\n'));
}

// The line of the front matter key `key` ("id: ..."), for errors about its value; 1 if not found.
int front_matter_line(const std::string& text, const std::string& key) {
  int line = 1;
  for (size_t pos = 0; pos < text.size(); ++line) {
    size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::string_view l(text.data() + pos, end - pos);
    if (line > 1 && l.substr(0, 3) == "---") break;
    if (l.rfind(key + ":", 0) == 0) return line;
    pos = end + 1;
  }
  return 1;
}

bool is_locale_code(const std::string& l) { return l.size() == 2 && l[0] >= 'a' && l[0] <= 'z' && l[1] >= 'a' && l[1] <= 'z'; }

// The locales to check the other files against when clinic.json itself has errors: the ones it lists
// if it has a list, else those of the article file names. So one mistake in clinic.json does not turn
// every translation elsewhere into an error of its own.
std::vector<std::string> locales_hint(const std::optional<json::Value>& clinic_root, const ContentSource& source) {
  std::vector<std::string> locales{std::string(kFallbackLocale)};
  auto add = [&](const std::string& l) {
    if (is_locale_code(l) && std::find(locales.begin(), locales.end(), l) == locales.end()) locales.push_back(l);
  };
  const json::Value* listed = clinic_root ? clinic_root->find("locales") : nullptr;
  if (listed && listed->is_array()) {
    for (const auto& v : listed->as_array())
      if (v.is_string()) add(v.as_string());
  } else {
    for (const auto& entry : source.files)
      if (auto name = split_article_name(entry.first)) add(name->second);
  }
  return locales;
}

std::optional<json::Value> parse_json_file(const ContentSource& source, const std::string& relative, Diagnostics& out) {
  auto it = source.files.find(relative);
  if (it == source.files.end()) {
    out.push_back({DiagnosticLevel::Error, display_path(source, relative), 0, "", "file is missing"});
    return std::nullopt;
  }
  auto parsed = json::parse(it->second, {display_path(source, relative)});
  if (!parsed) {
    out.insert(out.end(), parsed.errors().begin(), parsed.errors().end());
    return std::nullopt;
  }
  return std::move(parsed).value();
}

// Degrees to 4 decimals (about 11 m), as the bundle stores them, so the bundler ranks exactly as
// the widget will.
GeoPoint rounded(GeoPoint p) { return {std::round(p.lat * 1e4) / 1e4, std::round(p.lon * 1e4) / 1e4}; }

// Gives each provider the centroid of its ZIP, and the network the 3-digit prefixes whose centroid
// lies within its radius of an in-person provider: all the widget needs to rank before Send.
void place_network(ProviderNetwork& network, const json::Value& root, const std::string& file, Diagnostics& out) {
  const json::Value* list = root.find("providers");
  for (size_t i = 0; i < network.providers.size(); ++i) {
    Provider& p = network.providers[i];
    auto where = locate_zip(p.zip);
    const json::Value* zip = list ? list->as_array()[i].find("zip") : nullptr;
    std::string path = "$.providers[" + std::to_string(i) + "].zip";
    if (!where) {
      out.push_back({DiagnosticLevel::Error, file, zip ? zip->line() : 0, path,
                     "ZIP " + p.zip + " is not in the US Census ZIP areas (2021), so the provider cannot be placed"});
      continue;
    }
    if (!where->exact)
      out.push_back({DiagnosticLevel::Warning, file, zip ? zip->line() : 0, path,
                     "ZIP " + p.zip + " has no ZIP area of its own (a PO box?); placed at " + where->zcta + "'s centre"});
    p.location = rounded(where->centre);
  }
  for (const auto& prefix : all_zip_prefix_centroids()) {
    GeoPoint centre = rounded(prefix.centre);
    bool near = std::any_of(network.providers.begin(), network.providers.end(), [&](const Provider& p) {
      return !p.telehealth_only && distance_miles(centre, p.location) <= network.radius_miles;
    });
    if (near) network.prefixes.push_back({prefix.prefix, centre});
  }
}

}  // namespace

Result<Article> parse_article_file(std::string_view text, const std::string& file) {
  Diagnostics diags;
  if (auto nul = text.find('\0'); nul != std::string_view::npos) {
    int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(nul), '\n'));
    diags.push_back({DiagnosticLevel::Error, file, line, "", "the file contains a NUL byte; is it a text file saved as UTF-8?"});
    return Result<Article>::failure(diags);
  }
  if (size_t bad = first_invalid_utf8(text); bad != std::string_view::npos) {
    int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(bad), '\n'));
    diags.push_back({DiagnosticLevel::Error, file, line, "", "the text is not valid UTF-8 (byte " + std::to_string(bad + 1) + "); save the file as UTF-8"});
    return Result<Article>::failure(diags);
  }
  auto fm = authoring::parse_front_matter(text, file, diags);
  if (!fm) return Result<Article>::failure(diags);
  Article article = std::move(fm->article);
  article.blocks = authoring::parse_markdown(fm->body, file, fm->body_first_line, diags);
  if (article.blocks.empty()) diags.push_back({DiagnosticLevel::Error, file, fm->body_first_line, "", "the article has no text after its front matter"});
  if (has_errors(diags)) return Result<Article>::failure(diags);
  return Result<Article>(std::move(article), std::move(diags));
}

Result<ContentBundle> load_content(const ContentSource& source) {
  Diagnostics diags;
  ContentBundle bundle;

  std::optional<Clinic> clinic;
  auto clinic_root = parse_json_file(source, "clinic.json", diags);
  if (clinic_root) clinic = read_clinic(*clinic_root, {display_path(source, "clinic.json")}, diags);
  std::vector<std::string> locales = clinic ? clinic->locales : locales_hint(clinic_root, source);

  // Article ids and English versions by file name, so that an article file with errors of its own
  // still counts as existing (its errors are reported; links to it and "no English" are not).
  std::set<std::string, std::less<>> ids, english;
  std::set<std::pair<std::string, std::string>> named;  // (id, locale) of every article file name

  // Articles first: rules in screening.json link to them.
  std::map<std::pair<std::string, std::string>, std::string> article_files;  // (id, locale) -> relative path
  for (const auto& [relative, text] : source.files) {
    if (relative == "clinic.json" || relative == "screening.json" || relative == "layout.json" ||
        relative == "providers.json")
      continue;
    std::string file = display_path(source, relative);
    auto name = split_article_name(relative);
    if (!name) {
      diags.push_back({DiagnosticLevel::Warning, file, 0, "", "ignored: not clinic.json, screening.json, layout.json, providers.json or articles/<id>.<locale>.md"});
      continue;
    }
    const auto& [id, locale] = *name;
    ids.insert(id);
    named.insert({id, locale});
    if (locale == kFallbackLocale) english.insert(id);
    if (std::find(locales.begin(), locales.end(), locale) == locales.end()) {
      diags.push_back({DiagnosticLevel::Error, file, 0, "",
                       "locale '" + locale + "' in the file name is not listed in clinic.json \"locales\""});
      continue;
    }
    auto article = parse_article_file(text, file);
    diags.insert(diags.end(), article.errors().begin(), article.errors().end());
    diags.insert(diags.end(), article.warnings().begin(), article.warnings().end());
    if (!article) continue;
    Article a = std::move(article).value();
    if (a.id != id) {
      diags.push_back({DiagnosticLevel::Error, file, front_matter_line(text, "id"), "",
                       "front matter id '" + a.id + "' does not match the file name (expected '" + id + "')"});
      continue;
    }
    a.locale = locale;
    article_files[{a.id, a.locale}] = relative;
    bundle.articles.push_back(std::move(a));
  }

  // Stable order: by id, then in the clinic's locale order.
  auto locale_rank = [&](const std::string& l) { return std::find(locales.begin(), locales.end(), l) - locales.begin(); };
  std::sort(bundle.articles.begin(), bundle.articles.end(), [&](const Article& a, const Article& b) {
    return a.id != b.id ? a.id < b.id : locale_rank(a.locale) < locale_rank(b.locale);
  });

  for (const auto& id : ids) {
    if (!english.count(id))
      diags.push_back({DiagnosticLevel::Error, display_path(source, "articles/" + id + ".en.md"), 0, "",
                       "article '" + id + "' has no English version (every article needs one)"});
  }
  for (const auto& a : bundle.articles) {
    const std::string& relative = article_files[{a.id, a.locale}];
    for (const auto& target : article_links(a.blocks)) {
      if (!ids.count(target))
        diags.push_back({DiagnosticLevel::Error, display_path(source, relative), line_of_link(source.files.at(relative), target), "",
                         "link to unknown article '" + target + "' (no articles/" + target + ".en.md)"});
    }
    for (const auto& locale : locales) {
      if (!named.count({a.id, locale}) && a.locale == kFallbackLocale)
        diags.push_back({DiagnosticLevel::Warning, display_path(source, relative), 0, "",
                         "no '" + locale + "' version (articles/" + a.id + "." + locale + ".md); English is shown instead"});
    }
  }

  std::optional<Screening> screening;
  if (auto root = parse_json_file(source, "screening.json", diags))
    screening = read_screening(*root, {display_path(source, "screening.json")}, locales, ids, diags);

  // layout.json is optional: without it the widget shows every plugin in the default order.
  std::optional<Layout> layout = default_layout();
  if (source.files.count("layout.json")) {
    layout.reset();
    if (auto root = parse_json_file(source, "layout.json", diags))
      layout = read_layout(*root, {display_path(source, "layout.json")}, diags);
  }
  // By file name, so an article with errors of its own is not also "unknown" here.
  if (layout) rules::check_layout(*layout, std::vector<std::string>(ids.begin(), ids.end()), diags);

  // providers.json is optional: without it the bundle is a single clinic (a network of one).
  std::optional<ProviderNetwork> network = ProviderNetwork{};
  if (source.files.count("providers.json")) {
    network.reset();
    const std::string file = display_path(source, "providers.json");
    if (auto root = parse_json_file(source, "providers.json", diags))
      if ((network = read_network(*root, {file}, locales, false, diags))) place_network(*network, *root, file, diags);
  }

  if (has_errors(diags) || !clinic || !screening || !layout || !network) return Result<ContentBundle>::failure(std::move(diags));
  bundle.layout = std::move(*layout);
  bundle.network = std::move(*network);
  bundle.clinic = std::move(*clinic);
  bundle.screening = std::move(*screening);
  bundle.content_hash = compute_content_hash(bundle);
  return Result<ContentBundle>(std::move(bundle), std::move(diags));
}

}  // namespace ketascreen
