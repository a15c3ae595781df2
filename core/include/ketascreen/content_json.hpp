#pragma once
// Reading and writing the content model as JSON (the shapes of docs/content-format.md).
// Readers are strict and report every problem they find, not just the first.

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "ketascreen/content.hpp"
#include "ketascreen/diagnostic.hpp"
#include "ketascreen/json_value.hpp"
#include "ketascreen/providers.hpp"

namespace ketascreen {

// Where a JSON document came from, for diagnostics: file name and the JSON path of its root
// ("$" for a file of its own, "$.clinic" inside a bundle).
struct JsonOrigin {
  std::string file;
  std::string path = "$";
};

std::optional<Clinic> read_clinic(const json::Value& root, const JsonOrigin& origin, Diagnostics& out);

// `locales` come from the clinic; `article_ids` are the articles rules may link to.
std::optional<Screening> read_screening(const json::Value& root, const JsonOrigin& origin,
                                        const std::vector<std::string>& locales,
                                        const std::set<std::string, std::less<>>& article_ids, Diagnostics& out);

// An article in the bundle's form (front matter fields + block model).
std::optional<Article> read_article(const json::Value& root, const JsonOrigin& origin, Diagnostics& out);

// providers.json (`bundled` false) or a bundle's "network" (`bundled` true: each provider also has
// its "location" [lat, lon] and the network its "prefixes"). Locations are not checked here: the
// bundler fills them in from the ZIP data set, which the core does not carry.
std::optional<ProviderNetwork> read_network(const json::Value& root, const JsonOrigin& origin,
                                            const std::vector<std::string>& locales, bool bundled, Diagnostics& out);

json::Value to_json(const LocalizedText& text);
json::Value to_json(const ProviderNetwork& network);  // the bundle's form
json::Value to_json(const Clinic& clinic);
json::Value to_json(const Screening& screening);
json::Value to_json(const Article& article);
json::Value to_json(const AnswerValue& answer);

// The question ids every screening must define (shared/DESIGN.md).
const std::vector<std::string>& required_question_ids();

}  // namespace ketascreen
