// The plugin host: makes the plugins the bundle's layout lists, keeps the session and the screen
// history, draws the current screen in a centred column (with the crisis panel above it when an
// answer needs it), and reports to the host: page events, the semantics tree, the content height.

#include "ketascreen/widgets/widget_app.hpp"

#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "crisis_panel.hpp"
#include "ketascreen/widgets/fonts.hpp"
#include "ketascreen/page_events.hpp"
#include "ketascreen/ui_text.hpp"
#include "plugin.hpp"
#include "screen_stops.hpp"
#include "theme.hpp"
#include "ui.hpp"

namespace ketascreen::widgets {

struct WidgetApp::Impl : Flow {
  Impl(const ContentBundle& b, WidgetOptions o, HostServices s)
      : bundle_(b), options(std::move(o)), services(std::move(s)), session_(b), ui(theme, fonts) {}

  const ContentBundle& bundle_;
  WidgetOptions options;
  HostServices services;
  Session session_;
  std::string locale_;
  Theme theme;
  Fonts fonts;
  float pixel_scale = 1.0f;
  float text_scale = 1.0f;

  void rebuild_theme() {
    theme = make_theme(bundle_.clinic.brand, options.dark);
    // Larger text needs larger targets and a wider column to keep the same words per line.
    theme.tap_height *= text_scale;
    theme.max_content_width *= text_scale;
    apply_theme(theme);
  }
  Ui ui;

  struct Screen {
    std::string name;
    std::unique_ptr<Plugin> plugin;
  };
  std::vector<Screen> screens;
  size_t current = 0;
  std::vector<size_t> history;  // screens to go back to
  bool shown_current = false;   // on_show has run for the current screen
  // Where the browser's Back and Forward go (the loader mirrors them as history entries).
  ScreenStops stops;
  size_t reported_stop = 0;
  unsigned reported_generation = 0;

  // The referral being sent: its state machine (core), and what each attempt sends.
  ReferralSubmission submission;
  json::Value referral_payload;

  SemanticTree published_tree;
  float content_height_ = 0;
  float published_height = -1;

  // ---- Flow ----
  Session& session() override { return session_; }
  const ContentBundle& bundle() const override { return bundle_; }
  const std::string& locale() const override { return locale_; }
  std::string_view text(std::string_view key) const override { return ui_text(key, locale_); }

  int index_of(std::string_view name) const {
    for (size_t i = 0; i < screens.size(); ++i)
      if (screens[i].name == name) return static_cast<int>(i);
    return -1;
  }
  bool has(std::string_view name) const override { return index_of(name) >= 0; }
  void show(std::string_view name) override {
    const int i = index_of(name);
    if (i < 0 || static_cast<size_t>(i) == current) return;
    history.push_back(current);
    current = static_cast<size_t>(i);
    shown_current = false;
  }
  void back() override {
    if (history.empty()) return;
    current = history.back();
    history.pop_back();
    shown_current = false;
  }
  void start_over() override {
    session_.reset();
    for (auto& s : screens) s.plugin->reset();
    current = 0;
    history.clear();
    stops.clear();  // the next person's Back never reaches this person's screens
    shown_current = false;
    furthest_step_announced = 0;  // steps count from 1 again
    submission.reset();  // whatever is on its way or waiting is forgotten: its reports are stale
    referral_payload = json::Value();
  }
  void open_article(const std::string& id) override {
    const int i = index_of("articles");
    if (i < 0) return;
    screens[static_cast<size_t>(i)].plugin->open(id);
    show("articles");
  }
  void open_url(const std::string& url) override {
    if (services.open_url) services.open_url(url);
  }
  void keep_result(std::string_view how) override {
    json::Value detail = json::Value::object();
    detail.set("how", std::string(how));
    detail.set("done", std::string(text("outcome.copied")));  // what the host says once it is copied
    emit("keep", detail);
  }
  void emit(std::string_view type, const json::Value& detail) {
    if (services.emit) services.emit(type, detail);
  }
  // Page events never depend on answers (core/include/ketascreen/page_events.hpp): a step is
  // announced the first time the visitor reaches a question every visitor is asked, numbered among
  // those, so going back and forth, and questions that answers add (show_if), announce nothing.
  void step_changed(size_t /*step_number*/) override {
    const Question* q = session_.current_question();
    const size_t n = q ? announced_step(bundle_.screening, *q) : 0;
    if (n <= furthest_step_announced) return;
    furthest_step_announced = n;
    emit("step", step_event_detail(n));
  }
  void outcome_shown(Outcome /*outcome*/) override { emit("outcome", outcome_event_detail()); }
  size_t furthest_step_announced = 0;
  void submit_referral(const json::Value& payload) override {
    if (!submission.start()) return;  // one is on its way already
    referral_payload = payload;
    send_due_attempt();
  }
  ReferralStatus referral_status() const override { return submission.state(); }
  int referral_http_status() const override { return submission.http_status(); }
  int referral_retry_in_seconds() const override { return submission.retry_in_seconds(); }

  // The attempt the submission says should go now, if any, to the host. The endpoint is the one
  // rule's (is_allowed_referral_endpoint): reading the bundle refused any other, so it is allowed
  // or "" (none: only the page can take the request).
  void send_due_attempt() {
    if (!services.submit_referral || !submission.take_attempt()) return;
    services.submit_referral(bundle_.clinic.referral.endpoint, referral_payload,
                             {submission.generation(), submission.attempt()});
  }
  // What the host reports (WidgetApp::referral_*, tick), in one place: the submission takes it or
  // not (stale); then the page hears a final failure, a retry gets its timer, and an attempt that
  // is due goes.
  enum class Report { Answered, NetworkFailed, TakenByPage, Refused, Online, Tick };
  [[gnu::noinline]] void report(Report what, unsigned generation = 0, int value = 0) {
    const int64_t now = now_ms();
    bool taken = false;
    switch (what) {
      case Report::Answered: taken = submission.answered(generation, value, now); break;
      case Report::NetworkFailed: taken = submission.network_failed(generation, value != 0, now); break;
      case Report::TakenByPage: taken = submission.taken_by_page(generation); break;
      case Report::Refused: taken = submission.endpoint_refused(generation); break;
      case Report::Online: taken = submission.back_online(); break;
      // Not due yet (a timer a little early): it asks for the rest below.
      case Report::Tick: taken = submission.tick(now) || submission.state() == SubmissionState::Retrying; break;
    }
    if (!taken) return;
    if (submission.state() == SubmissionState::Failed) {
      // "%.0d" prints nothing for 0 (a redirect, or the network).
      const int http = submission.http_status();
      const SubmissionFailure why = submission.failure();
      char message[300];
      std::snprintf(message, sizeof message,
                    why == SubmissionFailure::Endpoint  ? "referral endpoint must be https: %s"
                    : why == SubmissionFailure::Refused ? "referral refused: %s%.0d"
                                                        : "referral not sent%s%.0d",
                    why == SubmissionFailure::Endpoint ? bundle_.clinic.referral.endpoint.c_str()
                    : why == SubmissionFailure::Refused ? (http ? "HTTP " : "redirect")
                                                        : (http ? ": HTTP " : ""),
                    http);
      json::Value detail = json::Value::object();
      detail.set("message", std::string(message));
      emit("error", detail);
    }
    if (submission.state() == SubmissionState::Retrying && services.wake_in) services.wake_in(submission.ms_until_due(now));
    send_due_attempt();
  }
  int64_t now_ms() const override { return services.now_ms ? services.now_ms() : 0; }
  std::array<uint8_t, 16> random_bytes() const override {
    return services.random_bytes ? services.random_bytes() : std::array<uint8_t, 16>{};
  }

  // ---- drawing ----
  void set_locale(std::string_view requested) {
    const auto& offered = bundle_.clinic.locales;
    locale_ = std::find(offered.begin(), offered.end(), requested) != offered.end() ? std::string(requested)
                                                                                    : offered.front();
  }

  void draw(ImVec2 origin, ImVec2 size) {
    ImGui::SetNextWindowPos(origin);
    ImGui::SetNextWindowSize(size);
    const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                   ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus;
    // A readable column, centred on wide displays; the padding shrinks on narrow phones.
    const float pad = size.x < 400 ? 14.0f : theme.padding;
    ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(pad, theme.padding));
    ImGui::Begin("##ketascreen", nullptr, flags);
    ImGui::PopStyleVar();
    const float column = std::min(size.x - 2 * pad, theme.max_content_width);
    const float indent = std::max(0.0f, (size.x - column) / 2 - pad);
    if (indent > 0) ImGui::Indent(indent);
    ui.begin_frame(std::max(120.0f, column));

    ui.text("header/clinic", bundle_.clinic.name, TextStyle::Small);
    if (session_.urgent() && (screens.empty() || !screens[current].plugin->places_crisis_panel())) draw_crisis_panel(ui, *this);
    if (!screens.empty()) {
      Screen& screen = screens[current];
      if (!shown_current) {
        shown_current = true;
        // Detailed events: what the visitor did (opened the provider list or the form), never a result.
        if (options.detailed_events && is_reported_screen(screen.name)) emit("screen", screen_event_detail(screen.name));
        screen.plugin->on_show(*this);
      }
      screen.plugin->draw(ui, *this);
    }
    draw_footer();

    if (indent > 0) ImGui::Unindent(indent);
    content_height_ = ImGui::GetCursorPosY() + ImGui::GetStyle().WindowPadding.y;
    ImGui::End();
    track_stop();
    publish();
  }

  // ---- the browser's Back and Forward (screen_stops.hpp) ----
  ScreenStop current_stop() const {
    if (screens.empty()) return {};
    const Screen& screen = screens[current];
    ScreenStop stop{screen.name, screen.plugin->target(), {}};
    if (screen.name == "checklist") {
      // The question that opened the stop: the current one, or for a show_if question the last
      // question before it that every visitor is asked.
      const auto steps = session_.steps();
      for (size_t i = std::min(session_.step() + 1, steps.size()); i-- > 0;) {
        if (!steps[i]->show_if) {
          stop.question = steps[i]->id;
          break;
        }
      }
    }
    return stop;
  }

  // After each frame: a move to another stop is reported as "history" {"index", "generation"}
  // (to the loader only; never a page event).
  void track_stop() {
    stops.arrive(current_stop());
    if (stops.cursor() == reported_stop && stops.generation() == reported_generation) return;
    reported_stop = stops.cursor();
    reported_generation = stops.generation();
    json::Value detail = json::Value::object();
    detail.set("index", static_cast<double>(reported_stop));
    detail.set("generation", static_cast<double>(reported_generation));
    emit("history", detail);
  }

  // The first step nobody answered yet (steps().size() when every visible question is answered).
  size_t first_open_step() const {
    const auto steps = session_.steps();
    size_t open = 0;
    while (open < steps.size() && session_.answer_to(steps[open]->id)) ++open;
    return open;
  }

  // The browser went to stop `index`. Answers are never restored from a stop (they never left the
  // widget): the checklist never goes past a question still unanswered, and a question that
  // answers have hidden since goes to the first open one.
  size_t go_to_stop(size_t index) {
    const ScreenStop* found = stops.go(index);
    int screen = found ? index_of(found->screen) : -1;
    if (screen < 0) return stops.cursor();
    const ScreenStop stop = *found;
    reported_stop = stops.cursor();  // the host is there already: nothing to report
    const auto steps = session_.steps();
    const size_t open = first_open_step();
    if (stop.screen == "checklist") {
      size_t i = 0;
      while (i < steps.size() && steps[i]->id != stop.question) ++i;
      session_.go_to_step(std::min(i, open));
    } else if (stop.screen != "articles") {
      // The result and what follows it stand on every answer: a question opened since comes first
      // (the stop then differs, and the next frame reports a new one).
      session_.go_to_step(open);
      if (open < steps.size()) screen = index_of("checklist");
      if (screen < 0) return stops.cursor();
    }
    if (static_cast<size_t>(screen) != current) {
      current = static_cast<size_t>(screen);
      shown_current = false;
    }
    if (!stop.target.empty() && screens[current].name == stop.screen) screens[current].plugin->open(stop.target);
    // The widget's own Back goes to the screens of the stops before this one.
    history.clear();
    for (size_t i = 0; i < index; ++i) {
      const int s = index_of(stops.stops()[i].screen);
      if (s >= 0 && (history.empty() || history.back() != static_cast<size_t>(s))) history.push_back(static_cast<size_t>(s));
    }
    while (!history.empty() && history.back() == current) history.pop_back();
    return stops.cursor();
  }

  void draw_footer() {
    ui.spacing(8);
    ui.set_chrome(true);
    const bool on_articles = has("articles") && screens[current].name == "articles";
    if (!on_articles && has("articles") && ui.link("nav/articles", text("nav.articles"))) show("articles");
    // The result screen carries the screening's full disclaimer; the short one would repeat it.
    if (screens.empty() || screens[current].name != "outcome") ui.text("footer/disclaimer", text("disclaimer.short"), TextStyle::Small);
    ui.set_chrome(false);
  }

  // The semantics tree and the height go out only when they change (usually never while idle).
  void publish() {
    if (ui.tree() != published_tree) {
      published_tree = ui.tree();
      json::Value detail = json::Value::object();
      detail.set("nodes", to_json(published_tree));
      emit("semantics", detail);
    }
    if (content_height_ != published_height) {
      published_height = content_height_;
      json::Value detail = json::Value::object();
      detail.set("height", static_cast<double>(static_cast<int>(content_height_ + 0.5f)));
      emit("height", detail);
    }
  }
};

Result<std::unique_ptr<WidgetApp>> WidgetApp::create(const ContentBundle& bundle, WidgetOptions options,
                                                     HostServices services) {
  auto impl = std::make_unique<Impl>(bundle, std::move(options), std::move(services));
  Diagnostics diags;
  const auto& registry = plugin_registry();
  for (const LayoutEntry& entry : bundle.layout) {
    auto reg = std::find_if(registry.begin(), registry.end(), [&](const auto& r) { return r.name == entry.plugin; });
    if (reg == registry.end()) {
      std::string known;
      for (const auto& r : registry) known += (known.empty() ? "" : ", ") + std::string(r.name);
      diags.push_back({DiagnosticLevel::Error, entry.file, 0, entry.path + ".plugin",
                       "unknown plugin \"" + entry.plugin + "\" (known: " + known + ")"});
      continue;
    }
    if (impl->has(entry.plugin)) {
      diags.push_back({DiagnosticLevel::Error, entry.file, 0, entry.path + ".plugin",
                       "plugin \"" + entry.plugin + "\" is listed twice"});
      continue;
    }
    PluginSettings settings(entry, diags);
    auto plugin = reg->create(settings, bundle);
    impl->screens.push_back({entry.plugin, std::move(plugin)});
  }
  if (impl->screens.empty() && diags.empty())
    diags.push_back({DiagnosticLevel::Error, "content.json", 0, "$.layout", "the layout lists no plugins"});
  if (has_errors(diags)) return Result<std::unique_ptr<WidgetApp>>::failure(std::move(diags));

  impl->set_locale(impl->options.locale);
  impl->fonts = load_fonts(impl->pixel_scale, impl->text_scale);
  impl->rebuild_theme();
  return Result<std::unique_ptr<WidgetApp>>(std::unique_ptr<WidgetApp>(new WidgetApp(std::move(impl))));
}

WidgetApp::WidgetApp(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
WidgetApp::~WidgetApp() = default;

void WidgetApp::draw() { impl_->draw(ImVec2(0, 0), ImGui::GetIO().DisplaySize); }
void WidgetApp::draw_in(float x, float y, float width, float height) {
  impl_->draw(ImVec2(x, y), ImVec2(width, height));
}

void WidgetApp::reset() { impl_->start_over(); }

void WidgetApp::set_dark(bool dark) {
  impl_->options.dark = dark;
  impl_->rebuild_theme();
}

void WidgetApp::set_pixel_scale(float scale) {
  impl_->pixel_scale = scale > 0 ? scale : 1.0f;
  impl_->fonts = load_fonts(impl_->pixel_scale, impl_->text_scale);
}

void WidgetApp::set_text_scale(float scale) {
  impl_->text_scale = scale >= 1.0f ? std::min(scale, 3.0f) : 1.0f;
  impl_->fonts = load_fonts(impl_->pixel_scale, impl_->text_scale);
  impl_->rebuild_theme();
}

void WidgetApp::set_locale(std::string_view locale) { impl_->set_locale(locale); }
const std::string& WidgetApp::locale() const { return impl_->locale_; }

void WidgetApp::referral_answered(unsigned generation, int http_status) {
  impl_->report(Impl::Report::Answered, generation, http_status);
}
void WidgetApp::referral_network_failed(unsigned generation, bool online) {
  impl_->report(Impl::Report::NetworkFailed, generation, online);
}
void WidgetApp::referral_taken_by_page(unsigned generation) { impl_->report(Impl::Report::TakenByPage, generation); }
void WidgetApp::referral_refused(unsigned generation) { impl_->report(Impl::Report::Refused, generation); }
void WidgetApp::referral_online() { impl_->report(Impl::Report::Online); }
void WidgetApp::tick() { impl_->report(Impl::Report::Tick); }

void WidgetApp::activate(std::string_view node_id) {
  impl_->ui.queue({NodeAction::Kind::Activate, std::string(node_id), {}});
}
void WidgetApp::set_value(std::string_view node_id, std::string_view value) {
  impl_->ui.queue({NodeAction::Kind::SetValue, std::string(node_id), std::string(value)});
}
void WidgetApp::focus(std::string_view node_id) { impl_->ui.set_focus(std::string(node_id)); }
void WidgetApp::select_text(std::string_view node_id, int anchor, int caret) {
  impl_->ui.set_selection(std::string(node_id), anchor, caret);
}

void WidgetApp::preview_answers(const Answers& answers) {
  Session& session = impl_->session_;
  for (const auto& [id, value] : answers) session.answer(id, value);
  session.go_to_step(session.step_count());
}

bool WidgetApp::show_screen(std::string_view plugin, std::string_view target) {
  const int i = impl_->index_of(plugin);
  if (i < 0) return false;
  if (!target.empty()) impl_->screens[static_cast<size_t>(i)].plugin->open(target);
  impl_->show(plugin);
  return true;
}

WidgetApp::Place WidgetApp::place() const {
  const auto& screen = impl_->screens[impl_->current];
  return {impl_->session_.answers(), impl_->session_.step(), screen.name, screen.plugin->target(),
          impl_->session_.referral()};
}

void WidgetApp::go_to(const Place& place) {
  Session& session = impl_->session_;
  for (const auto& [id, value] : place.answers) session.answer(id, value);  // ignores what no longer fits
  // Never past a question the new content asks and nobody answered yet (one added or replaced).
  session.go_to_step(std::min(place.step, impl_->first_open_step()));
  session.referral() = place.referral;
  if (place.screen != impl_->screens[impl_->current].name) show_screen(place.screen, place.target);
  else if (!place.target.empty()) impl_->screens[impl_->current].plugin->open(place.target);
}

size_t WidgetApp::go_to_stop(size_t index) { return impl_->go_to_stop(index); }

float WidgetApp::content_height() const { return impl_->content_height_; }

}  // namespace ketascreen::widgets
