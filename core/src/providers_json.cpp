// providers.json and the bundle's "network": the provider directory, read strictly.

#include <algorithm>
#include <cmath>
#include <set>

#include "ketascreen/content_json.hpp"
#include "ketascreen/json_reader.hpp"
#include "ketascreen/referral.hpp"

namespace ketascreen {

using detail::index_path;
using detail::join_path;
using json::Type;
using json::Value;

namespace {

bool is_two_letters(std::string_view s, bool upper) {
  char lo = upper ? 'A' : 'a', hi = upper ? 'Z' : 'z';
  return s.size() == 2 && s[0] >= lo && s[0] <= hi && s[1] >= lo && s[1] <= hi;
}

// A list of unique strings, each checked by `valid` (which reports its own message).
std::vector<std::string> string_list(detail::JsonReader& r, const Value& object, const std::string& path,
                                     std::string_view key, bool required, const std::string& what,
                                     bool (*valid)(std::string_view)) {
  std::vector<std::string> out;
  const Value* list = r.member(object, path, key, Type::Array, required);
  if (!list) return out;
  const std::string here = join_path(path, key);
  for (size_t i = 0; i < list->as_array().size(); ++i) {
    const Value& item = list->as_array()[i];
    if (!r.expect(item, index_path(here, i), Type::String)) continue;
    const std::string& s = item.as_string();
    if (!valid(s)) {
      r.error(item, index_path(here, i), "'" + s + "' is not " + what);
    } else if (std::find(out.begin(), out.end(), s) != out.end()) {
      r.error(item, index_path(here, i), "'" + s + "' is listed twice");
    } else {
      out.push_back(s);
    }
  }
  return out;
}

std::optional<GeoPoint> read_point(detail::JsonReader& r, const Value& v, const std::string& path) {
  if (!r.expect(v, path, Type::Array)) return std::nullopt;
  const auto& a = v.as_array();
  if (a.size() != 2 || !a[0].is_number() || !a[1].is_number() || std::abs(a[0].as_number()) > 90 ||
      std::abs(a[1].as_number()) > 180) {
    r.error(v, path, "expected [latitude, longitude] in degrees");
    return std::nullopt;
  }
  return GeoPoint{a[0].as_number(), a[1].as_number()};
}

// Degrees to 4 decimals (about 11 m): more would only add bytes to the bundle.
double rounded(double degrees) { return std::round(degrees * 1e4) / 1e4; }

Value point_json(GeoPoint p) {
  Value v = Value::array();
  v.push_back(rounded(p.lat));
  v.push_back(rounded(p.lon));
  return v;
}

std::optional<Provider> read_provider(detail::JsonReader& r, const Value& item, const std::string& path, bool bundled) {
  if (!r.expect(item, path, Type::Object)) return std::nullopt;
  if (bundled) {
    r.check_keys(item, path, {"id", "name", "address", "city", "state", "zip", "phone", "website", "offers",
                              "telehealth_states", "telehealth_only", "languages", "takes_insurance",
                              "accessibility", "intake", "location"});
  } else {
    r.check_keys(item, path, {"id", "name", "address", "city", "state", "zip", "phone", "website", "offers",
                              "telehealth_states", "telehealth_only", "languages", "takes_insurance",
                              "accessibility", "intake"});
  }
  Provider p;
  p.id = r.id(item, path);
  if (p.id == kNearestProvider)
    r.error(*item.find("id"), join_path(path, "id"), "'nearest' is reserved (it means whichever provider is nearest)");
  p.name = r.string(item, path, "name");
  p.telehealth_only = r.boolean(item, path, "telehealth_only", false).value_or(false);
  // A telehealth-only provider has no site to visit, but a ZIP (its office) still places it.
  p.address = r.string(item, path, "address", !p.telehealth_only);
  p.city = r.string(item, path, "city");
  p.state = r.string(item, path, "state");
  if (!p.state.empty() && !is_two_letters(p.state, true))
    r.error(*item.find("state"), join_path(path, "state"), "expected a two-letter state code such as \"KS\"");
  p.zip = r.string(item, path, "zip");
  if (!p.zip.empty()) {
    if (!normalize_zip(p.zip) || p.zip.size() != 5) {
      r.error(*item.find("zip"), join_path(path, "zip"), "expected a 5-digit ZIP code, found \"" + p.zip + "\"");
    } else if (auto state = state_of_zip(p.zip); !state) {
      r.error(*item.find("zip"), join_path(path, "zip"), "ZIP " + p.zip + " is in no US state's ZIP range");
    } else if (is_two_letters(p.state, true) && *state != p.state) {
      r.error(*item.find("zip"), join_path(path, "zip"),
              "ZIP " + p.zip + " is in " + *state + ", but \"state\" says " + p.state);
    }
  }
  p.phone = r.string(item, path, "phone");
  if (!p.phone.empty() && !normalize_us_phone(p.phone))
    r.error(*item.find("phone"), join_path(path, "phone"), "\"" + p.phone + "\" is not a US phone number");
  p.website = r.string(item, path, "website", false);
  if (!p.website.empty() && p.website.rfind("https://", 0) != 0)
    r.error(*item.find("website"), join_path(path, "website"), "expected an https:// address");

  auto offers = string_list(r, item, path, "offers", true, "a service (iv_ketamine, esketamine, kap, telehealth)",
                            [](std::string_view s) { return parse_service(s).has_value(); });
  for (const auto& s : offers) p.offers.push_back(*parse_service(s));
  if (const Value* list = item.find("offers"); list && list->is_array() && list->as_array().empty())
    r.error(*list, join_path(path, "offers"), "a provider must offer at least one service");
  p.telehealth_states = string_list(r, item, path, "telehealth_states", false, "a two-letter state code such as \"KS\"",
                                    [](std::string_view s) { return is_two_letters(s, true); });
  bool telehealth = p.offers_service(Service::Telehealth);
  if (telehealth && p.telehealth_states.empty())
    r.error(item, path, "offers telehealth but lists no \"telehealth_states\" it is licensed in");
  if (!telehealth && item.find("telehealth_states"))
    r.error(*item.find("telehealth_states"), join_path(path, "telehealth_states"),
            "only a provider that offers \"telehealth\" has telehealth states");
  if (p.telehealth_only && !telehealth)
    r.error(*item.find("telehealth_only"), join_path(path, "telehealth_only"), "telehealth_only needs \"telehealth\" in \"offers\"");
  p.languages = string_list(r, item, path, "languages", true, "a two-letter language code such as \"en\"",
                            [](std::string_view s) { return is_two_letters(s, false); });
  p.takes_insurance = r.boolean(item, path, "takes_insurance").value_or(false);
  p.accessibility = r.text(item, path, "accessibility", false);
  if (const Value* intake = r.member(item, path, "intake", Type::Object)) {
    const std::string ip = join_path(path, "intake");
    r.check_keys(*intake, ip, {"email", "phone"});
    p.intake.email = r.string(*intake, ip, "email");
    if (!p.intake.email.empty() && !is_valid_email(p.intake.email))
      r.error(*intake->find("email"), join_path(ip, "email"), "\"" + p.intake.email + "\" is not an email address");
    p.intake.phone = r.string(*intake, ip, "phone", false);
    if (!p.intake.phone.empty() && !normalize_us_phone(p.intake.phone))
      r.error(*intake->find("phone"), join_path(ip, "phone"), "\"" + p.intake.phone + "\" is not a US phone number");
  }
  if (bundled) {
    if (const Value* loc = r.member(item, path, "location", Type::Array))
      if (auto point = read_point(r, *loc, join_path(path, "location"))) p.location = *point;
  }
  return p;
}

}  // namespace

std::optional<ProviderNetwork> read_network(const Value& root, const JsonOrigin& origin,
                                            const std::vector<std::string>& locales, bool bundled, Diagnostics& out) {
  const size_t before = out.size();
  detail::JsonReader r(origin.file, out, locales);
  const std::string& p = origin.path;
  if (!r.expect(root, p, Type::Object)) return std::nullopt;
  if (bundled) r.check_keys(root, p, {"radius_miles", "providers", "prefixes"});
  else r.check_keys(root, p, {"radius_miles", "providers"});

  ProviderNetwork network;
  if (auto radius = r.number(root, p, "radius_miles", false)) {
    if (*radius < 1 || *radius > 500) r.error(*root.find("radius_miles"), join_path(p, "radius_miles"), "expected 1 to 500 miles");
    else network.radius_miles = *radius;
  }
  if (const Value* list = r.member(root, p, "providers", Type::Array)) {
    const std::string lp = join_path(p, "providers");
    if (list->as_array().empty()) r.error(*list, lp, "the network lists no providers; remove providers.json for a single clinic");
    std::set<std::string, std::less<>> ids;
    for (size_t i = 0; i < list->as_array().size(); ++i) {
      auto provider = read_provider(r, list->as_array()[i], index_path(lp, i), bundled);
      if (!provider) continue;
      if (!provider->id.empty() && !ids.insert(provider->id).second)
        r.error(list->as_array()[i], index_path(lp, i), "duplicate provider id '" + provider->id + "'");
      network.providers.push_back(std::move(*provider));
    }
  }
  if (bundled) {
    if (const Value* list = r.member(root, p, "prefixes", Type::Array, false)) {
      const std::string pp = join_path(p, "prefixes");
      for (size_t i = 0; i < list->as_array().size(); ++i) {
        const Value& item = list->as_array()[i];
        const auto* a = item.is_array() ? &item.as_array() : nullptr;
        bool ok = a && a->size() == 3 && (*a)[0].is_string() && (*a)[0].as_string().size() == 3 &&
                  std::all_of((*a)[0].as_string().begin(), (*a)[0].as_string().end(), [](char c) { return c >= '0' && c <= '9'; }) &&
                  (*a)[1].is_number() && (*a)[2].is_number();
        if (!ok) {
          r.error(item, index_path(pp, i), "expected [\"<3-digit ZIP prefix>\", latitude, longitude]");
          continue;
        }
        ZipPrefixCentroid c{(*a)[0].as_string(), {(*a)[1].as_number(), (*a)[2].as_number()}};
        if (!network.prefixes.empty() && network.prefixes.back().prefix >= c.prefix) {
          r.error(item, index_path(pp, i), "prefixes must be in ascending order, each once");
          continue;
        }
        network.prefixes.push_back(std::move(c));
      }
    }
  }
  if (detail::has_errors_since(out, before)) return std::nullopt;
  return network;
}

Value to_json(const ProviderNetwork& network) {
  Value root = Value::object();
  root.set("radius_miles", network.radius_miles);
  Value list = Value::array();
  for (const auto& p : network.providers) {
    Value v = Value::object();
    v.set("id", p.id);
    v.set("name", p.name);
    if (!p.address.empty()) v.set("address", p.address);
    v.set("city", p.city);
    v.set("state", p.state);
    v.set("zip", p.zip);
    v.set("phone", p.phone);
    if (!p.website.empty()) v.set("website", p.website);
    Value offers = Value::array();
    for (Service s : p.offers) offers.push_back(to_string(s));
    v.set("offers", std::move(offers));
    if (!p.telehealth_states.empty()) {
      Value states = Value::array();
      for (const auto& s : p.telehealth_states) states.push_back(s);
      v.set("telehealth_states", std::move(states));
    }
    if (p.telehealth_only) v.set("telehealth_only", true);
    Value languages = Value::array();
    for (const auto& l : p.languages) languages.push_back(l);
    v.set("languages", std::move(languages));
    v.set("takes_insurance", p.takes_insurance);
    if (!p.accessibility.empty()) v.set("accessibility", to_json(p.accessibility));
    Value intake = Value::object();
    intake.set("email", p.intake.email);
    if (!p.intake.phone.empty()) intake.set("phone", p.intake.phone);
    v.set("intake", std::move(intake));
    v.set("location", point_json(p.location));
    list.push_back(std::move(v));
  }
  root.set("providers", std::move(list));
  Value prefixes = Value::array();
  for (const auto& c : network.prefixes) {
    Value item = Value::array();
    item.push_back(c.prefix);
    item.push_back(rounded(c.centre.lat));
    item.push_back(rounded(c.centre.lon));
    prefixes.push_back(std::move(item));
  }
  root.set("prefixes", std::move(prefixes));
  return root;
}

}  // namespace ketascreen
