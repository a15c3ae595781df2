#include "commands.hpp"

#include <array>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <random>
#include <optional>

#include "cli_io.hpp"
#include "network_commands.hpp"
#include "ketascreen/content_report.hpp"
#include "ketascreen/example_answers.hpp"
#include "ketascreen/referral.hpp"
#include "ketascreen/fhir.hpp"
#include "ketascreen/json_value.hpp"
#include "ketascreen/screening_engine.hpp"

namespace ketascreen::cli {
namespace {

const char* kHelp = R"(ketascreen - validate, bundle and evaluate KetaScreen content

usage:
  ketascreen validate <content-dir|bundle.json>
  ketascreen report   <content-dir|bundle.json>         every question, rule, outcome and article (Markdown)
  ketascreen bundle   <content-dir> -o <bundle.json> [--referral-endpoint <url>]
                                                         (the endpoint replaces clinic.json's, e.g. per environment)
  ketascreen evaluate <content-dir|bundle.json> --answers <answers.json> [--locale <code>]
  ketascreen export-fhir <content-dir|bundle.json> [--locale <code>]
  ketascreen evaluate-fhir <content-dir|bundle.json> --response <QuestionnaireResponse.json> [--locale <code>]
  ketascreen example-referral <content-dir|bundle.json> [--answers <answers.json> | --outcome <outcome>] [--locale <code>]
                             [--count N]
                                                         a referral payload as the widget sends it, for a fictional
                                                         visitor (to try a referral server by hand); --count N
                                                         prints N, one per line, each with its own id
  ketascreen providers near <content-dir|bundle.json> --zip <ZIP> [--offers <service>]
                                                         the network's providers for a ZIP, ranked as the server
                                                         routes (services: iv_ketamine or iv, esketamine or
                                                         spravato, kap, telehealth)
  ketascreen --help

answers.json: {"<question id>": true | false | "<option id>" | <number>, ...}
exit codes: 0 ok, 1 invalid input or unreadable files (errors are printed as file:line path: message),
            2 usage, 3 out of memory
)";

int usage(const std::string& message) {
  std::cerr << "ketascreen: " << message << "\n(run `ketascreen --help` for usage)\n";
  return kUsage;
}

void print_diagnostics(const Diagnostics& diags) {
  for (const auto& d : diags) std::cerr << d.to_string() << '\n';
}

struct Options {
  std::string command;
  std::string input;
  std::string output;
  std::string answers;
  std::string response;
  std::string outcome = "likely_candidate";
  std::string locale = "en";
  std::string referral_endpoint;
  long count = 1;  // example-referral --count
  std::string zip;       // providers near, example-referral
  std::string offers;    // providers near
  std::string provider;  // example-referral: a provider id or "nearest" (the default in a network)
};

std::optional<Options> parse_options(const std::vector<std::string>& args, std::string& problem) {
  Options o;
  o.command = args[0];
  for (size_t i = 1; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](std::string& into) {
      if (i + 1 >= args.size()) {
        problem = a + " needs a value";
        return false;
      }
      into = args[++i];
      return true;
    };
    if (a == "-o" || a == "--output") {
      if (!value(o.output)) return std::nullopt;
    } else if (a == "--answers") {
      if (!value(o.answers)) return std::nullopt;
    } else if (a == "--response") {
      if (!value(o.response)) return std::nullopt;
    } else if (a == "--outcome") {
      if (!value(o.outcome)) return std::nullopt;
    } else if (a == "--locale") {
      if (!value(o.locale)) return std::nullopt;
    } else if (a == "--count") {
      std::string n;
      if (!value(n)) return std::nullopt;
      char* end = nullptr;
      o.count = std::strtol(n.c_str(), &end, 10);
      if (n.empty() || *end != '\0' || o.count < 1 || o.count > 1000000) {
        problem = "--count takes a number from 1 to 1000000";
        return std::nullopt;
      }
    } else if (a == "--zip") {
      if (!value(o.zip)) return std::nullopt;
    } else if (a == "--offers") {
      if (!value(o.offers)) return std::nullopt;
    } else if (a == "--provider") {
      if (!value(o.provider)) return std::nullopt;
    } else if (a == "--referral-endpoint") {
      if (!value(o.referral_endpoint)) return std::nullopt;
    } else if (!a.empty() && a[0] == '-') {
      problem = "unknown option " + a;
      return std::nullopt;
    } else if (o.input.empty()) {
      o.input = a;
    } else {
      problem = "unexpected argument " + a;
      return std::nullopt;
    }
  }
  if (o.input.empty()) {
    problem = o.command + " needs a content folder or bundle file";
    return std::nullopt;
  }
  return o;
}

std::optional<ContentBundle> load(const Options& o) {
  auto bundle = load_input(o.input);
  print_diagnostics(bundle.warnings());
  if (!bundle) {
    print_diagnostics(bundle.errors());
    return std::nullopt;
  }
  return std::move(bundle).value();
}

std::optional<json::Value> load_json(const std::string& path) {
  std::string error;
  auto text = read_file(path, error);
  if (!text) {
    std::cerr << error << '\n';
    return std::nullopt;
  }
  auto parsed = json::parse(*text, {path});
  if (!parsed) {
    print_diagnostics(parsed.errors());
    return std::nullopt;
  }
  return std::move(parsed).value();
}

int report(const Options& o) {
  auto bundle = load_input(o.input);
  if (!bundle) {
    print_diagnostics(bundle.errors());
    return kInvalidInput;
  }
  std::cout << content_report(bundle.value(), bundle.warnings()) << network_report(bundle.value());
  return kOk;
}

int providers_near(const Options& o) {
  if (o.zip.empty()) return usage("providers near needs --zip <ZIP>");
  std::optional<Service> service;
  if (!o.offers.empty() && !(service = service_from_option(o.offers)))
    return usage("unknown service '" + o.offers + "' (iv_ketamine, esketamine, kap, telehealth)");
  auto bundle = load(o);
  if (!bundle) return kInvalidInput;
  return print_providers_near(*bundle, o.zip, service);
}

int validate(const Options& o) {
  auto bundle = load(o);
  if (!bundle) return kInvalidInput;
  std::cout << o.input << ": ok (" << bundle->screening.questions.size() << " questions, " << bundle->screening.rules.size()
            << " rules, " << bundle->articles.size() << " article files, locales";
  for (const auto& l : bundle->clinic.locales) std::cout << ' ' << l;
  std::cout << ")\n";
  return kOk;
}

int bundle_command(const Options& o) {
  if (o.output.empty()) return usage("bundle needs -o <bundle.json>");
  if (!o.referral_endpoint.empty() && !is_allowed_referral_endpoint(o.referral_endpoint))
    return usage("--referral-endpoint must be an https:// address (http:// only for localhost), not " + o.referral_endpoint);
  auto bundle = load(o);
  if (!bundle) return kInvalidInput;
  if (!o.referral_endpoint.empty()) bundle->clinic.referral.endpoint = o.referral_endpoint;
  std::string text = serialize_bundle(*bundle) + "\n";
  std::string error;
  if (!write_file(o.output, text, error)) {
    std::cerr << error << '\n';
    return kInvalidInput;
  }
  std::cerr << "wrote " << o.output << " (" << text.size() << " bytes, " << bundle->content_hash << ")\n";
  return kOk;
}

int print_evaluation(const ContentBundle& bundle, const Answers& answers, const std::string& locale) {
  Evaluation e = evaluate(bundle.screening, answers);
  std::cout << json::serialize(to_json(e, locale), 2) << '\n';
  return kOk;
}

int evaluate_command(const Options& o) {
  if (o.answers.empty()) return usage("evaluate needs --answers <answers.json>");
  auto bundle = load(o);
  if (!bundle) return kInvalidInput;
  auto root = load_json(o.answers);
  if (!root) return kInvalidInput;
  auto answers = answers_from_json(bundle->screening, *root, o.answers);
  if (!answers) {
    print_diagnostics(answers.errors());
    return kInvalidInput;
  }
  return print_evaluation(*bundle, answers.value(), o.locale);
}

int export_fhir(const Options& o) {
  auto bundle = load(o);
  if (!bundle) return kInvalidInput;
  std::cout << json::serialize(fhir::export_questionnaire(*bundle, o.locale), 2) << '\n';
  return kOk;
}

int evaluate_fhir(const Options& o) {
  if (o.response.empty()) return usage("evaluate-fhir needs --response <QuestionnaireResponse.json>");
  auto bundle = load(o);
  if (!bundle) return kInvalidInput;
  auto root = load_json(o.response);
  if (!root) return kInvalidInput;
  auto answers = fhir::answers_from_response(*bundle, *root, o.response);
  if (!answers) {
    print_diagnostics(answers.errors());
    return kInvalidInput;
  }
  return print_evaluation(*bundle, answers.value(), o.locale);
}

// A fictional visitor (555 number, example domain), a fresh id and the current time.
bool print_example_referral(const ContentBundle& bundle, const Answers& answers, const std::string& id,
                            const Options& o);

int example_referral(const Options& o) {
  auto bundle = load(o);
  if (!bundle) return kInvalidInput;
  Answers answers;
  if (!o.answers.empty()) {
    auto root = load_json(o.answers);
    if (!root) return kInvalidInput;
    auto read = answers_from_json(bundle->screening, *root, o.answers);
    if (!read) {
      print_diagnostics(read.errors());
      return kInvalidInput;
    }
    answers = read.value();
  } else {
    auto outcome = outcome_from_string(o.outcome);
    auto example = outcome ? example_answers(bundle->screening, *outcome) : std::nullopt;
    if (!example) return usage("no example answers lead to outcome '" + o.outcome + "'");
    answers = *example;
  }
  std::random_device random;
  for (long i = 0; i < o.count; ++i) {
    std::array<uint8_t, 16> bytes{};
    for (auto& b : bytes) b = static_cast<uint8_t>(random());
    if (!print_example_referral(*bundle, answers, uuid_v4(bytes), o)) return kInvalidInput;
  }
  return kOk;
}

// One payload for a fictional visitor, on one line.
bool print_example_referral(const ContentBundle& bundle, const Answers& answers, const std::string& id,
                            const Options& o) {
  const std::string& locale = o.locale;
  auto now = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch());
  ReferralContext context{id, format_rfc3339(now.count()), locale};
  ReferralDraft draft;
  draft.name = "Test Visitor";
  draft.phone = "(555) 201-0142";
  draft.email = "test.visitor@example.com";
  draft.zip = o.zip.empty() ? "97477" : o.zip;
  if (!bundle.network.empty()) draft.provider = o.provider.empty() ? std::string(kNearestProvider) : o.provider;
  if (!bundle.clinic.referral.contact_times.empty()) draft.preferred_time = bundle.clinic.referral.contact_times[0].id;
  draft.consent = true;
  draft.consent_given_at = context.created_at;
  auto payload = build_referral_payload(bundle, answers, draft, context);
  if (!payload) {
    print_diagnostics(payload.errors());
    return false;
  }
  std::cout << json::serialize(payload.value()) << '\n';
  return true;
}

}  // namespace

void print_help() { std::cout << kHelp; }

int run(const std::vector<std::string>& args) {
  if (args.empty()) return usage("missing command");
  if (args[0] == "--help" || args[0] == "-h" || args[0] == "help") {
    print_help();
    return kOk;
  }
  for (const auto& a : args)
    if (a == "--help" || a == "-h") {
      print_help();
      return kOk;
    }
  std::string problem;
  // "providers near" is one command of two words.
  if (args[0] == "providers") {
    if (args.size() < 2 || args[1] != "near") return usage("unknown command 'providers" + (args.size() > 1 ? " " + args[1] : std::string()) + "' (did you mean 'providers near'?)");
    std::vector<std::string> rest(args.begin() + 1, args.end());
    auto options = parse_options(rest, problem);
    if (!options) return usage(problem);
    return providers_near(*options);
  }
  auto options = parse_options(args, problem);
  static const char* known[] = {"validate", "report", "bundle", "evaluate", "export-fhir", "evaluate-fhir", "example-referral"};
  bool is_known = false;
  for (const char* k : known) is_known |= args[0] == k;
  if (!is_known) return usage("unknown command '" + args[0] + "'");
  if (!options) return usage(problem);
  const Options& o = *options;
  if (o.command == "validate") return validate(o);
  if (o.command == "report") return report(o);
  if (o.command == "bundle") return bundle_command(o);
  if (o.command == "evaluate") return evaluate_command(o);
  if (o.command == "export-fhir") return export_fhir(o);
  if (o.command == "example-referral") return example_referral(o);
  return evaluate_fhir(o);
}

}  // namespace ketascreen::cli
