// ketascreen-preview: the desktop preview for content editors. It shows the widget as visitors
// will see it, from a content folder or bundle, and reloads when a file changes; a broken edit
// keeps the last good content on screen and prints the errors (file:line path: message).
//
//   ketascreen-preview <content-dir|bundle.json> [--width 390] [--height 844] [--locale es] [--dark]
//                      [--text-scale 1.5] [--dpr 2]
//                      [--answers answers.json] [--persona "<name>"]
//                      [--show outcome:<outcome>|referral|articles] [--article <id>]
//                      [--screenshot out.png]   (draws a few frames, saves them, exits)
//                      [--snapshot-on-change out.png]  (live: saves the window after each reload)

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <string>

#include "cli_io.hpp"
#include <imgui.h>

#include "ketascreen/widgets/platform.hpp"
#include "ketascreen/widgets/widget_app.hpp"
#include "error_panel.hpp"
#include "ketascreen/content_report.hpp"
#include "toolbar.hpp"
#include "ketascreen/example_answers.hpp"
#include "png_writer.hpp"

namespace fs = std::filesystem;
using namespace ketascreen;

namespace {

struct Options {
  std::string input;
  int width = 390, height = 844;
  std::string locale = "en";
  bool dark = false;
  float text_scale = 1.0f;  // preview the browser's text zoom
  int pixel_ratio = 1;       // preview a denser screen (2 = a retina phone), magnified
  std::string screenshot;
  std::string snapshot;  // live mode: a PNG of the window after every reload or failed edit
  std::string answers;  // a file of answers (as for `ketascreen evaluate`) to preview the result
  std::string persona;  // one of example_personas(), by name
  std::string screen;   // a plugin to show, e.g. "referral" or "articles"
  std::string article;  // an article to open
};

std::optional<Options> parse_args(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "--width") o.width = std::atoi(value().c_str());
    else if (a == "--height") o.height = std::atoi(value().c_str());
    else if (a == "--locale") o.locale = value();
    else if (a == "--dark") o.dark = true;
    else if (a == "--text-scale") o.text_scale = static_cast<float>(std::atof(value().c_str()));
    else if (a == "--screenshot") o.screenshot = value();
    else if (a == "--snapshot-on-change") o.snapshot = value();
    else if (a == "--dpr") o.pixel_ratio = std::atoi(value().c_str());
    else if (a == "--answers") o.answers = value();
    else if (a == "--persona") o.persona = value();
    else if (a == "--show" || a == "--screen") o.screen = value();
    else if (a == "--article") o.article = value();
    else if (!a.empty() && a[0] != '-' && o.input.empty()) o.input = a;
    else return std::nullopt;
  }
  if (o.input.empty() || o.width < 200 || o.height < 200 || o.pixel_ratio < 1 || o.pixel_ratio > 3) return std::nullopt;
  return o;
}

// The newest modification time under the content folder (or of the bundle file).
fs::file_time_type newest_change(const std::string& path) {
  std::error_code ec;
  fs::file_time_type newest = fs::last_write_time(path, ec);
  if (fs::is_directory(path, ec))
    for (auto it = fs::recursive_directory_iterator(path, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
      newest = std::max(newest, it->last_write_time(ec));
  return newest;
}

void print_diagnostics(const Diagnostics& diags) {
  for (const auto& d : diags) std::fprintf(stderr, "%s\n", d.to_string().c_str());
}

// One machine-readable line per state change on stdout ("status: ready", "status: reloaded",
// "status: errors 3 (last good content kept)"), for scripts and the preview's own test.
void status(const std::string& line) {
  std::printf("status: %s\n", line.c_str());
  std::fflush(stdout);
}

// Distinct colours in an RGBA image: a blank screenshot has one or two.
size_t distinct_colours(const std::vector<unsigned char>& rgba) {
  std::set<uint32_t> colours;
  for (size_t i = 0; i + 3 < rgba.size(); i += 4)
    colours.insert((uint32_t{rgba[i]} << 16) | (uint32_t{rgba[i + 1]} << 8) | rgba[i + 2]);
  return colours.size();
}

widgets::HostServices desktop_services() {
  widgets::HostServices s;
  s.open_url = [](const std::string& url) { std::printf("open: %s\n", url.c_str()); };
  s.submit_referral = [](const std::string& endpoint, const json::Value& payload, widgets::ReferralAttempt) {
    // The preview never sends: editors see the payload the clinic would receive.
    std::printf("referral for %s:\n%s\n", endpoint.c_str(), json::serialize(payload, 2).c_str());
  };
  s.now_ms = [] { return static_cast<int64_t>(std::time(nullptr)) * 1000; };
  s.random_bytes = [] {
    static std::random_device device;
    std::array<uint8_t, 16> bytes{};
    for (auto& b : bytes) b = static_cast<uint8_t>(device());
    return bytes;
  };
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  const auto options = parse_args(argc, argv);
  if (!options) {
    std::fprintf(stderr,
                 "usage: ketascreen-preview <content-dir|bundle.json> [--width N] [--height N] [--dpr 1|2|3] [--locale xx] "
                 "[--dark] [--text-scale S] [--answers a.json | --persona name] [--show screen] [--article id] "
                 "[--screenshot out.png | --snapshot-on-change out.png]\n");
    return 2;
  }
  auto loaded = cli::load_input(options->input);
  if (!loaded.ok()) {
    print_diagnostics(loaded.errors());
    return 1;
  }
  Diagnostics warnings = loaded.warnings();
  auto bundle = std::make_unique<ContentBundle>(std::move(loaded).value());

  // The live preview's window leaves room for the widest device preset beside the toolbar; a
  // screenshot is exactly the size asked for.
  const bool live = options->screenshot.empty();
  const int window_width = live ? std::max(options->width, 1180) : options->width;
  const int window_height = live ? options->height + static_cast<int>(desktop::kToolbarHeight) : options->height;
  std::string error;
  auto platform = widgets::Platform::create({"KetaScreen preview", window_width, window_height}, error);
  if (!platform) {
    std::fprintf(stderr, "ketascreen-preview: %s\n", error.c_str());
    return 1;
  }
  const widgets::WidgetOptions widget_options{options->locale, false, options->dark};
  auto made = widgets::WidgetApp::create(*bundle, widget_options, desktop_services());
  if (!made.ok()) {
    print_diagnostics(made.errors());
    return 1;
  }
  auto app = std::move(made).value();
  app->set_text_scale(options->text_scale);
  if (!options->answers.empty()) {
    auto text = cli::read_file(options->answers, error);
    auto parsed = text ? json::parse(*text, {options->answers}) : Result<json::Value>::failure({});
    auto answers = parsed.ok() ? answers_from_json(bundle->screening, parsed.value(), options->answers)
                               : Result<Answers>::failure(parsed.errors());
    if (!answers.ok()) {
      if (!text) std::fprintf(stderr, "ketascreen-preview: %s\n", error.c_str());
      print_diagnostics(answers.errors());
      return 1;
    }
    app->preview_answers(answers.value());
    app->show_screen("outcome");
  }
  if (!options->persona.empty()) {
    const auto personas = example_personas(bundle->screening);
    const auto it = std::find_if(personas.begin(), personas.end(), [&](const Persona& p) { return p.name == options->persona; });
    if (it == personas.end()) {
      std::fprintf(stderr, "ketascreen-preview: no persona \"%s\"; this screening has:\n", options->persona.c_str());
      for (const auto& p : personas) std::fprintf(stderr, "  %s\n", p.name.c_str());
      return 2;
    }
    app->preview_answers(it->answers);
    app->show_screen("outcome");
  }
  // "--show outcome:<name>" answers the questions the way that leads to that outcome.
  if (options->screen.rfind("outcome:", 0) == 0) {
    const auto outcome = outcome_from_string(options->screen.substr(8));
    const auto answers = outcome ? example_answers(bundle->screening, *outcome) : std::nullopt;
    if (!answers) {
      std::fprintf(stderr, "ketascreen-preview: no answers lead to \"%s\" in this screening\n", options->screen.c_str() + 8);
      return 2;
    }
    app->preview_answers(*answers);
    app->show_screen("outcome");
  } else if (!options->screen.empty() && !app->show_screen(options->screen, options->article)) {
    std::fprintf(stderr, "ketascreen-preview: the layout has no \"%s\" screen\n", options->screen.c_str());
    return 2;
  }
  platform->set_pixel_scale_listener([&app](float scale) { app->set_pixel_scale(scale); });
  platform->set_emulated_pixel_ratio(static_cast<float>(options->pixel_ratio));

  if (!options->screenshot.empty()) {
    for (int i = 0; i < 4; ++i) platform->step([&] { app->draw(); });
    platform->capture_next_frame();
    platform->step([&] { app->draw(); });
    int w = 0, h = 0;
    const auto pixels = platform->take_capture(w, h);
    if (!desktop::write_png(options->screenshot, pixels, w, h, error)) {
      std::fprintf(stderr, "ketascreen-preview: %s\n", error.c_str());
      return 1;
    }
    status("screenshot " + options->screenshot + " " + std::to_string(w) + "x" + std::to_string(h) +
           " colours=" + std::to_string(distinct_colours(pixels)));
    return 0;
  }

  auto seen = newest_change(options->input);
  Diagnostics problems;  // of the last edit; shown in the error panel until an edit fixes them
  desktop::PreviewState state{options->width, options->pixel_ratio, app->locale(), options->dark, false};
  std::string report = content_report(*bundle, warnings);
  auto personas = example_personas(bundle->screening);
  status("ready");
  int snapshot_in = -1;  // frames until the next snapshot, -1 for none
  for (bool open = true; open;) {
    if (!platform->wants_frame()) platform->wait_for_event(500);
    if (const auto now = newest_change(options->input); now != seen) {
      seen = now;
      auto reloaded = cli::load_input(options->input);
      if (reloaded.ok()) {
        auto next_bundle = std::make_unique<ContentBundle>(std::move(reloaded).value());
        auto next_app = widgets::WidgetApp::create(*next_bundle, widget_options, desktop_services());
        if (next_app.ok()) {
          const auto place = app->place();  // the editor stays on the page they are editing
          app = std::move(next_app).value();
          app->go_to(place);
          bundle = std::move(next_bundle);
          app->set_text_scale(options->text_scale);
          app->set_locale(state.locale);
          app->set_dark(state.dark);
          report = content_report(*bundle, reloaded.warnings());
          personas = example_personas(bundle->screening);
          platform->set_pixel_scale_listener([&app](float scale) { app->set_pixel_scale(scale); });
          problems.clear();
          status("reloaded on " + place.screen);
        } else {
          problems = next_app.errors();
        }
      } else {
        problems = reloaded.errors();  // the last good content stays on screen
      }
      if (!problems.empty()) {
        print_diagnostics(problems);
        status("errors " + std::to_string(problems.size()) + " (last good content kept)");
      }
      platform->request_frames(3);
      if (!options->snapshot.empty()) snapshot_in = 3;  // after the new content has settled
    }
    if (snapshot_in == 0) platform->capture_next_frame();
    open = platform->step([&] {
      const auto choice = desktop::draw_toolbar(state, bundle->clinic.locales, personas);
      if (choice.changed) {
        app->set_locale(state.locale);
        app->set_dark(state.dark);
      }
      if (choice.pixel_ratio_changed) {
        platform->set_emulated_pixel_ratio(static_cast<float>(state.pixel_ratio));
        status("pixel ratio " + std::to_string(state.pixel_ratio));
      }
      if (choice.start_over) app->reset();
      const auto show_result_for = [&](const Answers& answers) {
        app->reset();
        app->preview_answers(answers);
        app->show_screen("outcome");
      };
      if (choice.show_outcome) {
        const std::string name(to_string(*choice.show_outcome));
        if (const auto answers = example_answers(bundle->screening, *choice.show_outcome)) {
          show_result_for(*answers);
          status("outcome " + name);
        } else {
          status("no answers lead to " + name);
        }
      }
      if (choice.persona) {
        const Persona& persona = personas[*choice.persona];
        show_result_for(persona.answers);
        status("persona " + persona.name + " -> " + std::string(to_string(persona.outcome)));
      }
      const ImVec2 display = ImGui::GetIO().DisplaySize;
      const float width = std::min(static_cast<float>(state.width), display.x);
      app->draw_in((display.x - width) / 2, desktop::kToolbarHeight, width, display.y - desktop::kToolbarHeight);
      desktop::draw_report(report, state.report_open);
      desktop::draw_error_panel(problems);
    });
    if (snapshot_in == 0) {
      int w = 0, h = 0;
      const auto pixels = platform->take_capture(w, h);
      if (desktop::write_png(options->snapshot, pixels, w, h, error))
        status("snapshot " + options->snapshot + " " + std::to_string(w) + "x" + std::to_string(h) +
               " colours=" + std::to_string(distinct_colours(pixels)));
    }
    if (snapshot_in >= 0) {
      --snapshot_in;
      platform->request_frames(1);
    }
  }
  return 0;
}
