// Core micro-benchmarks (Google Benchmark): what the widget does at start-up (read and validate
// the bundle), on every answer (evaluate), and when the visitor asks to be contacted (referral
// payload + FHIR QuestionnaireResponse), plus the authoring loader that makes the bundle.
//
// Content sizes: the shipped pack (content/, read once from disk before any timing) and packs
// generated from it with every question, rule and article replicated under renamed ids (so the
// copies are valid and cross-link only among themselves): 1x, 10x, 30x (the largest stays under the 4 MB a bundle may have: the pack of issue 15 is about 130 KB). Every generated pack is
// parsed and validated before anything is measured; a pack with errors stops the run.
//
//   ketascreen_bench [google-benchmark flags]     content folder: $KETASCREEN_CONTENT_DIR or the
//                                                 source tree's content/ (compiled in)
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "cli_io.hpp"
#include "ketascreen/authoring.hpp"
#include "ketascreen/bundle.hpp"
#include "ketascreen/content_json.hpp"
#include "ketascreen/example_answers.hpp"
#include "ketascreen/fhir.hpp"
#include "ketascreen/json_value.hpp"
#include "ketascreen/referral.hpp"
#include "ketascreen/screening_engine.hpp"

using namespace ketascreen;

namespace {

// ---- the shipped pack -------------------------------------------------------------------------

std::string content_dir() {
  if (const char* env = std::getenv("KETASCREEN_CONTENT_DIR"); env && *env) return env;
  return KETASCREEN_CONTENT_DIR;
}

[[noreturn]] void fail(const std::string& what, const Diagnostics& diags = {}) {
  std::fprintf(stderr, "ketascreen_bench: %s\n", what.c_str());
  for (const auto& d : diags) std::fprintf(stderr, "  %s\n", d.to_string().c_str());
  std::exit(1);
}

const ContentSource& shipped_source() {
  // The command line's folder walk (tools/cli_io), so the benchmark reads what `validate` reads.
  static const ContentSource source = [] {
    auto read = ketascreen::cli::read_content_folder(content_dir(), "content");
    if (!read) fail("cannot read the content folder", read.errors());
    return std::move(read).value();
  }();
  return source;
}

const ContentBundle& shipped_bundle() {
  static const ContentBundle bundle = [] {
    auto loaded = load_content(shipped_source());
    if (!loaded) fail("the shipped content does not load", loaded.errors());
    return std::move(loaded).value();
  }();
  return bundle;
}

// ---- generated packs: the shipped one replicated `factor` times -------------------------------

std::string renamed(const std::string& id, int copy, char sep) {
  return copy == 0 ? id : id + sep + "x" + std::to_string(copy);
}

void rename_terms(Condition& c, int copy) {
  for (auto& t : c.terms) t.question = renamed(t.question, copy, '_');
}

void rename_links(std::vector<Block>& blocks, int copy) {
  for (auto& b : blocks) {
    for (auto& run : b.runs)
      if (run.href.rfind("article:", 0) == 0) run.href = "article:" + renamed(run.href.substr(8), copy, '-');
    rename_links(b.children, copy);
  }
}

ContentBundle replicate(const ContentBundle& base, int factor) {
  ContentBundle out = base;
  out.screening.questions.clear();
  out.screening.rules.clear();
  out.articles.clear();
  for (int k = 0; k < factor; ++k) {
    for (Question q : base.screening.questions) {
      q.id = renamed(q.id, k, '_');
      if (q.show_if) rename_terms(*q.show_if, k);
      out.screening.questions.push_back(std::move(q));
    }
    for (Rule r : base.screening.rules) {
      r.id = renamed(r.id, k, '-');
      rename_terms(r.when, k);
      if (!r.article.empty()) r.article = renamed(r.article, k, '-');
      out.screening.rules.push_back(std::move(r));
    }
    for (Article a : base.articles) {
      a.id = renamed(a.id, k, '-');
      rename_links(a.blocks, k);
      out.articles.push_back(std::move(a));
    }
  }
  return out;
}

struct Pack {
  std::string json;      // the serialised bundle, as the widget fetches it
  ContentBundle bundle;  // parsed back from `json`
  size_t warnings = 0;
};

const Pack& pack(int factor) {
  static std::map<int, Pack> packs;
  auto it = packs.find(factor);
  if (it != packs.end()) return it->second;
  ContentBundle made = replicate(shipped_bundle(), factor);
  Pack p;
  p.json = serialize_bundle(made);
  auto parsed = parse_bundle(p.json, "generated-" + std::to_string(factor) + "x.json");
  if (!parsed || !parsed.errors().empty())
    fail("the " + std::to_string(factor) + "x pack does not validate", parsed.errors());
  p.warnings = parsed.warnings().size();
  p.bundle = std::move(parsed).value();
  return packs.emplace(factor, std::move(p)).first->second;
}

// Answers for the "likely candidate" path (every question answered, no flag), copied to every
// replica of a generated pack so evaluation walks all of it.
Answers answers_for(int factor) {
  auto base = example_answers(shipped_bundle().screening, Outcome::LikelyCandidate);
  if (!base) fail("no example answers for likely_candidate");
  Answers out;
  for (int k = 0; k < factor; ++k)
    for (const auto& [id, value] : *base) out.emplace(renamed(id, k, '_'), value);
  return out;
}

void size_counters(benchmark::State& state, const Pack& p) {
  const double q = static_cast<double>(p.bundle.screening.questions.size());
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(p.json.size()));
  state.counters["bytes"] = static_cast<double>(p.json.size());
  state.counters["questions"] = q;
  // Time per question and per KB of bundle: flat across 1x/10x/30x means linear growth.
  state.counters["per_question"] = benchmark::Counter(q, benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
  state.counters["per_KB"] = benchmark::Counter(static_cast<double>(p.json.size()) / 1024.0,
                                                benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}

// ---- benchmarks -------------------------------------------------------------------------------

// One pass of the measured work, out of line so that callgrind can count exactly it
// (run.sh: --toggle-collect='*measured<*'; setup and checks around the loop are not counted).
template <class Work>
[[gnu::noinline]] void measured(Work&& work) {
  work();
}

// Authoring: content folder (already in memory) -> validated bundle, Markdown included.
void BM_AuthoringLoad(benchmark::State& state) {
  const ContentSource& source = shipped_source();
  for (auto _ : state) {
    measured([&] {
      auto bundle = load_content(source);
      benchmark::DoNotOptimize(bundle);
    });
  }
  size_t bytes = 0;
  for (const auto& [path, text] : source.files) bytes += text.size();
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * static_cast<int64_t>(bytes));
}
BENCHMARK(BM_AuthoringLoad)->Unit(benchmark::kMicrosecond);

// JSON text -> json::Value only (the share of bundle loading that is plain parsing).
void BM_JsonParse(benchmark::State& state) {
  const Pack& p = pack(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    measured([&] {
      auto value = json::parse(p.json);
      benchmark::DoNotOptimize(value);
    });
  }
  size_counters(state, p);
}
BENCHMARK(BM_JsonParse)->Arg(1)->Arg(10)->Arg(30)->Unit(benchmark::kMicrosecond);

// The widget's start-up: bundle text -> validated ContentBundle (parse, check, content hash).
void BM_BundleLoadValidate(benchmark::State& state) {
  const Pack& p = pack(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    measured([&] {
      auto bundle = parse_bundle(p.json, "bench.json");
      if (!bundle) state.SkipWithError("bundle does not validate");
      benchmark::DoNotOptimize(bundle);
    });
  }
  size_counters(state, p);
}
BENCHMARK(BM_BundleLoadValidate)->Arg(1)->Arg(10)->Arg(30)->Unit(benchmark::kMicrosecond);

// ContentBundle -> bundle text with a fresh sha256 content hash (what `ketascreen bundle` writes).
void BM_BundleSerialize(benchmark::State& state) {
  const Pack& p = pack(static_cast<int>(state.range(0)));
  ContentBundle copy = p.bundle;
  for (auto _ : state) {
    measured([&] {
      std::string text = serialize_bundle(copy);
      benchmark::DoNotOptimize(text);
    });
  }
  size_counters(state, p);
}
BENCHMARK(BM_BundleSerialize)->Arg(1)->Arg(10)->Arg(30)->Unit(benchmark::kMicrosecond);

// One screening evaluation (answers -> flags -> outcome), every question answered.
void BM_Evaluate(benchmark::State& state) {
  const Pack& p = pack(static_cast<int>(state.range(0)));
  const Answers answers = answers_for(static_cast<int>(state.range(0)));
  for (auto _ : state) {
    measured([&] {
      Evaluation e = evaluate(p.bundle.screening, answers);
      benchmark::DoNotOptimize(e);
    });
  }
  if (evaluate(p.bundle.screening, answers).outcome != Outcome::LikelyCandidate) state.SkipWithError("unexpected outcome");
  state.counters["questions"] = static_cast<double>(p.bundle.screening.questions.size());
  state.counters["per_question"] = benchmark::Counter(static_cast<double>(p.bundle.screening.questions.size()),
                                                      benchmark::Counter::kIsIterationInvariantRate | benchmark::Counter::kInvert);
}
BENCHMARK(BM_Evaluate)->Arg(1)->Arg(10)->Arg(30)->Unit(benchmark::kMicrosecond);

// The answers file of `ketascreen evaluate` (JSON text) -> checked Answers.
void BM_AnswersFromJson(benchmark::State& state) {
  const ContentBundle& b = pack(1).bundle;
  json::Value root = json::Value::object();
  for (const auto& [id, value] : answers_for(1)) root.set(id, to_json(value));
  const std::string text = json::serialize(root);
  for (auto _ : state) {
    measured([&] {
      auto parsed = json::parse(text);
      auto answers = answers_from_json(b.screening, parsed.value(), "answers.json");
      benchmark::DoNotOptimize(answers);
    });
  }
}
BENCHMARK(BM_AnswersFromJson)->Unit(benchmark::kMicrosecond);

ReferralDraft bench_draft() {
  ReferralDraft d;
  d.name = "Alex Rivera";
  d.phone = "(555) 201-0142";
  d.email = "alex@example.com";
  d.zip = "97477-1234";
  d.preferred_time = shipped_bundle().clinic.referral.contact_times.at(0).id;
  d.consent = true;
  d.consent_given_at = "2026-11-23T14:10:00Z";
  return d;
}

// Contact-field validation alone (phone, email, ZIP normalisation; consent; contact time).
void BM_ValidateReferral(benchmark::State& state) {
  const ContentBundle& b = pack(1).bundle;
  const ReferralDraft draft = bench_draft();
  for (auto _ : state) {
    measured([&] {
      auto errors = validate_referral(draft, b.clinic, "en");
      benchmark::DoNotOptimize(errors);
    });
  }
}
BENCHMARK(BM_ValidateReferral)->Unit(benchmark::kMicrosecond);

// The referral payload (evaluation + validation + contact + FHIR QuestionnaireResponse) and its
// JSON text, i.e. everything between pressing Send and the POST.
void BM_ReferralPayload(benchmark::State& state) {
  const ContentBundle& b = pack(1).bundle;
  const Answers answers = answers_for(1);
  const ReferralDraft draft = bench_draft();
  const ReferralContext context{uuid_v4({1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}),
                                format_rfc3339(1795443131000), "en"};
  size_t bytes = 0;
  for (auto _ : state) {
    measured([&] {
      auto payload = build_referral_payload(b, answers, draft, context);
      if (!payload) state.SkipWithError("payload not built");
      std::string text = json::serialize(payload.value());
      bytes = text.size();
      benchmark::DoNotOptimize(text);
    });
  }
  state.counters["payload_bytes"] = static_cast<double>(bytes);
}
BENCHMARK(BM_ReferralPayload)->Unit(benchmark::kMicrosecond);

// `ketascreen evaluate-fhir`'s reader: QuestionnaireResponse JSON text -> checked Answers.
void BM_FhirResponseRead(benchmark::State& state) {
  const ContentBundle& b = pack(1).bundle;
  const std::string text = json::serialize(fhir::questionnaire_response(b, answers_for(1), "2026-11-23T14:12:11Z"));
  for (auto _ : state) {
    measured([&] {
      auto parsed = json::parse(text);
      auto answers = fhir::answers_from_response(b, parsed.value(), "response.json");
      if (!answers) state.SkipWithError("response not read");
      benchmark::DoNotOptimize(answers);
    });
  }
}
BENCHMARK(BM_FhirResponseRead)->Unit(benchmark::kMicrosecond);

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 2;
  // Build and validate every generated pack before any measurement (and say what they hold).
  // KETASCREEN_BENCH_LAZY=1 (run.sh under callgrind) builds only the packs the chosen benchmarks
  // use; they are validated all the same, when first used.
  const char* lazy = std::getenv("KETASCREEN_BENCH_LAZY");
  const bool eager = !(lazy && *lazy == '1');
  for (int factor : {1, 10, 30}) {
    if (!eager) break;
    const Pack& p = pack(factor);
    std::fprintf(stderr, "pack %3dx: %9zu bytes, %5zu questions, %5zu rules, %5zu article files: valid (0 errors, %zu warnings)\n",
                 factor, p.json.size(), p.bundle.screening.questions.size(), p.bundle.screening.rules.size(),
                 p.bundle.articles.size(), p.warnings);
  }
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  return 0;
}
