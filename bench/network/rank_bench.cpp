// Provider ranking per lookup, for the demo pack's network and a generated directory of 10,000
// providers. One source for both sides: compiled natively (with the 5-digit ZIP table, as the server
// routes) and with Emscripten (the widget's 3-digit prefix lookup, run under node's V8, the engine
// of Chromium). Timed with a steady clock over many lookups; no Google Benchmark, which has no
// WebAssembly build.
//
//   rank_bench <bundle.json>       prints one line of JSON per measurement
#include <chrono>
#include <cstdio>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "ketascreen/bundle.hpp"
#include "ketascreen/providers.hpp"
#ifdef KETASCREEN_BENCH_ZIPDATA
#include "ketascreen/zip_centroids.hpp"
#endif

using namespace ketascreen;

namespace {

// 10,000 providers at places spread over the contiguous US with a fixed seed, so native and wasm
// rank the same directory. A third offer telehealth, licensed in their own state and two more.
ProviderNetwork generated_network(size_t count) {
  std::mt19937 random(20261206);
  std::uniform_real_distribution<double> lat(25.0, 49.0), lon(-124.0, -67.0);
  const char* states[] = {"KS", "MO", "TX", "CA", "NY", "FL", "IL", "OR", "WA", "CO"};
  ProviderNetwork n;
  n.radius_miles = 60;
  for (size_t i = 0; i < count; ++i) {
    Provider p;
    p.id = "gen-" + std::to_string(i);
    p.location = {lat(random), lon(random)};
    p.offers = {Service::IvKetamine};
    if (i % 3 == 0) {
      p.offers.push_back(Service::Telehealth);
      for (int k = 0; k < 3; ++k) p.telehealth_states.push_back(states[(i + static_cast<size_t>(k)) % 10]);
    }
    if (i % 5 == 0) p.offers.push_back(Service::Esketamine);
    n.providers.push_back(std::move(p));
  }
  return n;
}

// Query points: the bundle's prefix centroids (the widget's case) or random US points.
std::vector<std::pair<GeoPoint, std::string>> queries(const ProviderNetwork& demo, size_t count) {
  std::vector<std::pair<GeoPoint, std::string>> out;
  std::mt19937 random(7);
  std::uniform_real_distribution<double> lat(25.0, 49.0), lon(-124.0, -67.0);
  for (size_t i = 0; out.size() < count; ++i) {
    if (i < demo.prefixes.size()) out.push_back({demo.prefixes[i].centre, state_of_zip(demo.prefixes[i].prefix + "00").value_or("")});
    else out.push_back({{lat(random), lon(random)}, "KS"});
  }
  return out;
}

template <class F>
double micros_per_call(size_t calls, F&& f) {
  auto start = std::chrono::steady_clock::now();
  size_t sink = 0;
  for (size_t i = 0; i < calls; ++i) sink += f(i);
  auto end = std::chrono::steady_clock::now();
  if (sink == static_cast<size_t>(-1)) std::puts("");  // keeps the work from being optimised away
  return std::chrono::duration<double, std::micro>(end - start).count() / static_cast<double>(calls);
}

void report(const char* side, const char* what, size_t providers, double us) {
  std::printf("{\"side\":\"%s\",\"what\":\"%s\",\"providers\":%zu,\"us_per_lookup\":%.3f}\n", side, what, providers, us);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: rank_bench <bundle.json>\n");
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  auto bundle = parse_bundle(text.str(), argv[1]);
  if (!bundle || bundle.value().network.empty()) {
    std::fprintf(stderr, "rank_bench: %s is not a bundle with a provider network\n", argv[1]);
    return 1;
  }
  const ProviderNetwork& demo = bundle.value().network;
  const ProviderNetwork big = generated_network(10000);
  const auto points = queries(demo, 1000);
#ifdef __EMSCRIPTEN__
  const char* side = "wasm";
#else
  const char* side = "native";
#endif
  auto rank_all = [&](const ProviderNetwork& n, size_t calls) {
    return micros_per_call(calls, [&](size_t i) {
      const auto& q = points[i % points.size()];
      return rank_providers(n, {q.first, q.second, std::nullopt, {}, 5}).size();
    });
  };
  // The widget's whole lookup: the typed ZIP's prefix in the bundle's table, then the ranking.
  report(side, "prefix lookup + rank (demo network)", demo.providers.size(), micros_per_call(200000, [&](size_t i) {
           const auto& c = demo.prefixes[i % demo.prefixes.size()];
           const ZipPrefixCentroid* at = demo.find_prefix(c.prefix);
           return rank_providers(demo, {at->centre, "KS", std::nullopt, {}, 5}).size();
         }));
  report(side, "rank (demo network)", demo.providers.size(), rank_all(demo, 200000));
  report(side, "rank (generated directory)", big.providers.size(), rank_all(big, 300));
#ifdef KETASCREEN_BENCH_ZIPDATA
  // The server's routing lookup: the 5-digit ZIP's centroid, its state, then the ranking.
  const auto& prefixes = all_zip_prefix_centroids();
  auto route = [&](const ProviderNetwork& n, size_t calls) {
    return micros_per_call(calls, [&](size_t i) {
      std::string zip = prefixes[i % prefixes.size()].prefix + "01";
      auto where = locate_zip(zip);
      if (!where) return size_t{0};
      return rank_providers(n, {where->centre, state_of_zip(zip).value_or(""), std::nullopt, {}, 1}).size();
    });
  };
  report(side, "5-digit ZIP lookup + route (demo network)", demo.providers.size(), route(demo, 200000));
  report(side, "5-digit ZIP lookup + route (generated directory)", big.providers.size(), route(big, 300));
#endif
  return 0;
}
