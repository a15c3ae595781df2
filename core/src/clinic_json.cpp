#include <algorithm>

#include "ketascreen/json_reader.hpp"
#include "ketascreen/content_json.hpp"
#include "ketascreen/referral.hpp"

namespace ketascreen {

using detail::index_path;
using detail::join_path;
using json::Type;
using json::Value;

namespace {


std::vector<std::string> read_locales(detail::JsonReader& r, const Value& root, const std::string& path) {
  std::vector<std::string> locales;
  const Value* list = r.member(root, path, "locales", Type::Array);
  if (!list) return {"en"};
  std::string here = join_path(path, "locales");
  for (size_t i = 0; i < list->as_array().size(); ++i) {
    const Value& item = list->as_array()[i];
    if (!r.expect(item, index_path(here, i), Type::String)) continue;
    const std::string& code = item.as_string();
    bool well_formed = code.size() == 2 && code[0] >= 'a' && code[0] <= 'z' && code[1] >= 'a' && code[1] <= 'z';
    if (!well_formed) {
      r.error(item, index_path(here, i), "invalid locale '" + code + "' (expected a two-letter code such as \"en\")");
    } else if (std::find(locales.begin(), locales.end(), code) != locales.end()) {
      r.error(item, index_path(here, i), "duplicate locale '" + code + "'");
    } else {
      locales.push_back(code);
    }
  }
  if (std::find(locales.begin(), locales.end(), "en") == locales.end()) {
    r.error(*list, here, "must include \"en\" (English is the fallback for every text)");
    locales.insert(locales.begin(), "en");
  }
  return locales;
}

}  // namespace

std::optional<Clinic> read_clinic(const Value& root, const JsonOrigin& origin, Diagnostics& out) {
  size_t errors_before = out.size();
  detail::JsonReader r(origin.file, out);
  const std::string& p = origin.path;
  if (!r.expect(root, p, Type::Object)) return std::nullopt;
  r.check_keys(root, p, {"id", "name", "phone", "email", "address", "hours", "website", "locales", "brand", "referral"});

  Clinic c;
  c.locales = read_locales(r, root, p);
  r.set_locales(c.locales);
  c.id = r.id(root, p);
  c.name = r.string(root, p, "name");
  c.phone = r.string(root, p, "phone");
  c.email = r.string(root, p, "email", false);
  c.address = r.string(root, p, "address", false);
  c.hours = r.text(root, p, "hours", false);
  c.website = r.string(root, p, "website", false);
  if (!c.website.empty() && c.website.rfind("https://", 0) != 0) {
    r.error(*root.find("website"), join_path(p, "website"), "expected an https:// address");
  }

  if (const Value* brand = r.member(root, p, "brand", Type::Object)) {
    std::string bp = join_path(p, "brand");
    r.check_keys(*brand, bp, {"primary", "primary_dark", "accent"});
    auto colour = [&](std::string_view key, std::string& into, bool required) {
      into = r.string(*brand, bp, key, required);
      if (!into.empty() && !detail::is_hex_colour(into))
        r.error(*brand->find(key), join_path(bp, key), "expected a colour as \"#rrggbb\", found \"" + into + "\"");
    };
    colour("primary", c.brand.primary, true);
    colour("primary_dark", c.brand.primary_dark, true);
    colour("accent", c.brand.accent, false);
  }

  if (const Value* ref = r.member(root, p, "referral", Type::Object)) {
    std::string rp = join_path(p, "referral");
    r.check_keys(*ref, rp, {"endpoint", "consent_version", "consent_text", "contact_times"});
    c.referral.endpoint = r.string(*ref, rp, "endpoint");
    if (!c.referral.endpoint.empty() && !is_allowed_referral_endpoint(c.referral.endpoint)) {
      r.error(*ref->find("endpoint"), join_path(rp, "endpoint"),
              "expected an https:// address (http:// only for localhost), found \"" + c.referral.endpoint + "\"");
    }
    c.referral.consent_version = r.string(*ref, rp, "consent_version");
    c.referral.consent_text = r.text(*ref, rp, "consent_text");
    if (const Value* times = r.member(*ref, rp, "contact_times", Type::Array)) {
      std::string tp = join_path(rp, "contact_times");
      for (size_t i = 0; i < times->as_array().size(); ++i) {
        const Value& t = times->as_array()[i];
        std::string ip = index_path(tp, i);
        if (!r.expect(t, ip, Type::Object)) continue;
        r.check_keys(t, ip, {"id", "label"});
        ChoiceOption option{r.id(t, ip), r.text(t, ip, "label")};
        for (const auto& existing : c.referral.contact_times)
          if (existing.id == option.id) r.error(t, join_path(ip, "id"), "duplicate contact time id '" + option.id + "'");
        c.referral.contact_times.push_back(std::move(option));
      }
      if (times->as_array().empty()) r.error(*times, tp, "needs at least one contact time");
    }
  }
  if (detail::has_errors_since(out, errors_before)) return std::nullopt;
  return c;
}

json::Value to_json(const LocalizedText& text) {
  Value v = Value::object();
  for (const auto& [locale, s] : text.all()) v.set(locale, s);
  return v;
}

json::Value to_json(const Clinic& c) {
  Value v = Value::object();
  v.set("id", c.id);
  v.set("name", c.name);
  v.set("phone", c.phone);
  if (!c.email.empty()) v.set("email", c.email);
  if (!c.address.empty()) v.set("address", c.address);
  if (!c.hours.empty()) v.set("hours", to_json(c.hours));
  if (!c.website.empty()) v.set("website", c.website);
  Value locales = Value::array();
  for (const auto& l : c.locales) locales.push_back(l);
  v.set("locales", std::move(locales));
  Value brand = Value::object();
  brand.set("primary", c.brand.primary);
  brand.set("primary_dark", c.brand.primary_dark);
  if (!c.brand.accent.empty()) brand.set("accent", c.brand.accent);
  v.set("brand", std::move(brand));
  Value ref = Value::object();
  ref.set("endpoint", c.referral.endpoint);
  ref.set("consent_version", c.referral.consent_version);
  ref.set("consent_text", to_json(c.referral.consent_text));
  Value times = Value::array();
  for (const auto& t : c.referral.contact_times) {
    Value item = Value::object();
    item.set("id", t.id);
    item.set("label", to_json(t.label));
    times.push_back(std::move(item));
  }
  ref.set("contact_times", std::move(times));
  v.set("referral", std::move(ref));
  return v;
}

}  // namespace ketascreen
