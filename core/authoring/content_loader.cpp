#include <algorithm>
#include <set>

#include "front_matter.hpp"
#include "ketascreen/authoring.hpp"
#include "ketascreen/content_json.hpp"
#include "ketascreen/json.hpp"
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

}  // namespace

Result<Article> parse_article_file(std::string_view text, const std::string& file) {
  Diagnostics diags;
  if (auto nul = text.find('\0'); nul != std::string_view::npos) {
    int line = 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(nul), '\n'));
    diags.push_back({DiagnosticLevel::Error, file, line, "", "the file contains a NUL byte; is it a text file saved as UTF-8?"});
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
  if (auto root = parse_json_file(source, "clinic.json", diags)) clinic = read_clinic(*root, {display_path(source, "clinic.json")}, diags);
  std::vector<std::string> locales = clinic ? clinic->locales : std::vector<std::string>{"en"};

  // Articles first: rules in screening.json link to them.
  std::map<std::pair<std::string, std::string>, std::string> article_files;  // (id, locale) -> relative path
  for (const auto& [relative, text] : source.files) {
    if (relative == "clinic.json" || relative == "screening.json") continue;
    std::string file = display_path(source, relative);
    auto name = split_article_name(relative);
    if (!name) {
      diags.push_back({DiagnosticLevel::Warning, file, 0, "", "ignored: not clinic.json, screening.json or articles/<id>.<locale>.md"});
      continue;
    }
    const auto& [id, locale] = *name;
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
      diags.push_back({DiagnosticLevel::Error, file, 2, "",
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

  std::set<std::string, std::less<>> ids, english;
  for (const auto& a : bundle.articles) {
    ids.insert(a.id);
    if (a.locale == kFallbackLocale) english.insert(a.id);
  }
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
      if (!article_files.count({a.id, locale}) && a.locale == kFallbackLocale)
        diags.push_back({DiagnosticLevel::Warning, display_path(source, relative), 0, "",
                         "no '" + locale + "' version (articles/" + a.id + "." + locale + ".md); English is shown instead"});
    }
  }

  std::optional<Screening> screening;
  if (auto root = parse_json_file(source, "screening.json", diags))
    screening = read_screening(*root, {display_path(source, "screening.json")}, locales, ids, diags);

  if (has_errors(diags) || !clinic || !screening) return Result<ContentBundle>::failure(std::move(diags));
  bundle.clinic = std::move(*clinic);
  bundle.screening = std::move(*screening);
  bundle.content_hash = compute_content_hash(bundle);
  return Result<ContentBundle>(std::move(bundle), std::move(diags));
}

}  // namespace ketascreen
