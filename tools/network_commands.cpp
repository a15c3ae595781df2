#include "network_commands.hpp"

#include <cstdio>
#include <iostream>
#include <map>
#include <sstream>

#include "commands.hpp"
#include "ketascreen/referral.hpp"
#include "ketascreen/zip_centroids.hpp"

namespace ketascreen::cli {
namespace {

std::string offers_text(const Provider& p) {
  std::string out;
  for (Service s : p.offers) out += (out.empty() ? "" : ", ") + std::string(to_string(s));
  return out;
}

std::string miles_text(double miles) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f mi", miles);
  return buf;
}

}  // namespace

std::optional<Service> service_from_option(const std::string& text) {
  if (auto s = parse_service(text)) return s;
  if (text == "iv") return Service::IvKetamine;
  if (text == "spravato") return Service::Esketamine;
  if (text == "psychotherapy") return Service::Kap;
  return std::nullopt;
}

int print_providers_near(const ContentBundle& bundle, const std::string& zip_text, std::optional<Service> service) {
  if (bundle.network.empty()) {
    std::cerr << "ketascreen: this content has no providers.json (a single clinic: every request goes to "
              << bundle.clinic.id << ")\n";
    return kInvalidInput;
  }
  auto zip = normalize_zip(zip_text);
  auto where = zip ? locate_zip(*zip) : std::nullopt;
  if (!where) {
    std::cerr << "ketascreen: '" << zip_text << "' is not a US ZIP code with a known location\n";
    return kInvalidInput;
  }
  std::string state = state_of_zip(*zip).value_or("");
  ProviderQuery query{where->centre, state, service, {}, bundle.network.providers.size()};
  auto ranked = rank_providers(bundle.network, query);
  std::cout << "ZIP " << *zip << " (" << (state.empty() ? "no state" : state) << ")"
            << (where->exact ? "" : ", no ZIP area of its own: placed at " + where->zcta) << "; radius "
            << json::format_number(bundle.network.radius_miles) << " mi"
            << (service ? ", offering " + std::string(to_string(*service)) : "") << "\n";
  if (ranked.empty()) {
    std::cout << "no provider near and no telehealth provider licensed in " << (state.empty() ? "this area" : state)
              << ": the widget offers the network's phone, " << bundle.clinic.phone << "\n";
    return kOk;
  }
  int rank = 0;
  for (const auto& r : ranked) {
    std::cout << ++rank << ". " << r.provider->id << "  " << r.provider->name << "  (" << r.provider->city << ", "
              << r.provider->state << ")  "
              << (r.by_telehealth ? "telehealth, licensed in " + state : miles_text(r.miles)) << "  ["
              << offers_text(*r.provider) << "]\n";
  }
  return kOk;
}

std::string network_report(const ContentBundle& bundle) {
  const ProviderNetwork& network = bundle.network;
  if (network.empty()) return "";
  std::ostringstream out;
  out << "\n## Provider network\n\n" << network.providers.size() << " providers; \"near\" is within "
      << json::format_number(network.radius_miles) << " miles.\n\n";
  out << "| id | name | where | offers | telehealth states | languages | insurance |\n|---|---|---|---|---|---|---|\n";
  for (const auto& p : network.providers) {
    std::string states;
    for (const auto& s : p.telehealth_states) states += (states.empty() ? "" : " ") + s;
    std::string languages;
    for (const auto& l : p.languages) languages += (languages.empty() ? "" : " ") + l;
    out << "| " << p.id << " | " << p.name << " | " << p.city << ", " << p.state << " " << p.zip
        << (p.telehealth_only ? " (telehealth only)" : "") << " | " << offers_text(p) << " | " << states << " | "
        << languages << " | " << (p.takes_insurance ? "yes" : "no") << " |\n";
  }
  // Prefixes nobody serves in person, by state, and whether telehealth covers the state.
  std::map<std::string, std::vector<std::string>> uncovered;  // state -> prefixes
  size_t total = 0;
  // The bundle carries exactly the prefixes an in-person provider serves (placed when bundling):
  // every other one is uncovered.
  for (const auto& prefix : all_zip_prefix_centroids()) {
    if (network.find_prefix(prefix.prefix)) continue;
    uncovered[state_of_zip(prefix.prefix).value_or("military/other")].push_back(prefix.prefix);
    ++total;
  }
  out << "\n### ZIP prefixes with no provider within " << json::format_number(network.radius_miles) << " miles\n\n"
      << total << " of " << all_zip_prefix_centroids().size()
      << " prefixes. Visitors there are offered the telehealth providers licensed in their state, else the "
         "network's phone ("
      << bundle.clinic.phone << ").\n\n| state | telehealth | prefixes |\n|---|---|---|\n";
  for (const auto& [state, prefixes] : uncovered) {
    std::string telehealth;
    for (const auto& p : network.providers)
      if (p.licensed_in(state)) telehealth += (telehealth.empty() ? "" : ", ") + p.id;
    std::string list;
    for (const auto& p : prefixes) list += (list.empty() ? "" : " ") + p;
    out << "| " << state << " | " << (telehealth.empty() ? "none: phone only" : telehealth) << " | " << list << " |\n";
  }
  return out.str();
}

}  // namespace ketascreen::cli
