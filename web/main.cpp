// The browser host: the entry points web/ketascreen.js calls on its module instance (one instance
// per mounted widget, so the state below is per widget).
//
//   ketascreen_start(bundle, size, locale, flags, name)
//       -> 0 drawing on the canvas | 3 running without it (HTML rendering: asked for, or no
//          WebGL2) | 2 bad bundle or layout
//       name: the bundle's file name, for the error messages
//       flags: bit 0 = detailed events (data-events="detailed"), bit 1 = dark theme
//       (prefers-color-scheme: dark, or data-theme="dark"), bit 2 = HTML rendering
//       (data-render="html"): the widget runs on a bare ImGui context (no SDL, no GL) and only
//       its semantics tree is used, which the loader's overlay module shows as plain DOM. On 2 an
//       "error" event has already been sent and nothing is left running; the loader shows its
//       HTML fallback.
//   ketascreen_stop()                          tears everything down (unmount)
//   ketascreen_reset()                         back to the first question (handle.reset())
//   ketascreen_set_locale(locale)              handle.setLocale()
//   ketascreen_history(index) -> index         the browser's Back/Forward reached the history entry
//                                              of stop `index` (WidgetApp::go_to_stop); returns
//                                              the stop the widget shows now
//   ketascreen_set_dark(dark)                  prefers-color-scheme changed
//   ketascreen_referral_answered(generation, http_status)
//   ketascreen_referral_failed(generation, online)
//   ketascreen_referral_taken(generation)
//   ketascreen_referral_refused(generation)
//       what happened to the referral attempt the loader was given (onKetascreenReferral),
//       `generation` being that attempt's: the server answered (http_status 0: a redirect, not
//       followed); no answer (network error, timeout), with navigator.onLine; the page took the
//       payload (ketascreen:referral prevented); the endpoint was "" (the clinic has none) and the
//       page did not take it. The widget (core's ReferralSubmission) keeps the retries, the offline
//       wait and the status; a report for another generation (before a reset) is ignored.
//   ketascreen_referral_online()               the browser's 'online' event: a referral waiting for
//                                              the network or its next retry goes now
//   ketascreen_resize(css_width, css_height, device_pixel_ratio, view_top, layout_height)
//       -> the tallest backing store GL draws into (device pixels; 0 in HTML mode)
//       the canvas's new CSS size; SDL resizes the canvas's backing store to size x ratio. A
//       screen taller than that is laid out whole (layout_height) and the canvas shows the slice
//       from view_top down (Platform::set_view); layout_height 0: the canvas is the whole screen
//   ketascreen_activate(id) / ketascreen_set_value(id, value) / ketascreen_focus(id)
//       the accessibility overlay's actions on semantics nodes (WidgetApp::activate, set_value,
//       focus; "" clears the focus): a DOM button was pressed, text typed into a DOM input, a DOM
//       element focused. Each draws the frames that apply it and publish the new tree.
//   ketascreen_select(id, anchor, caret)       the overlay's <input> for text field id has the keyboard
//                                              with this selection (UTF-8 bytes; "" id: none has it):
//                                              WidgetApp::select_text
//   ketascreen_render_html()                   the WebGL context was lost: go on without the canvas
//   ketascreen_set_text_scale(scale)           the page's root font size / 16 (browser text zoom):
//                                              WidgetApp::set_text_scale (text and targets grow)
//   ketascreen_draw_now()                      draw a frame in this task (the first one, right after
//                                              start and the overlay, without waiting for an
//                                              animation frame)
//
// Calls back into the loader through the module object (Module.<name>):
//   onKetascreenEvent(type, json)            "ready" {}, "error" {"message"}, and what the widget
//                                            emits: "step", "outcome", "screen" (detailed events
//                                            only), "height", "semantics", "history"
//   onKetascreenReferral(endpoint, json, generation, number)
//                                            an attempt of the referral is due: offer attempt 1 to
//                                            the page (ketascreen:referral), else POST the payload
//                                            to endpoint ("" when the clinic has none: report refused),
//                                            then report with ketascreen_referral_*(generation, ...).
//                                            Retries are timed here (emscripten_set_timeout).
//   onKetascreenOpenUrl(url)                 a link was activated
// Strings cross as UTF-8; JSON is written by core's serializer (no embind, no eval).

#include <SDL.h>
#include <emscripten.h>
#include <emscripten/eventloop.h>
#include <emscripten/html5.h>
#include <imgui.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ketascreen/bundle.hpp"
#include "ketascreen/json_value.hpp"
#include "ketascreen/widgets/platform.hpp"
#include "ketascreen/widgets/widget_app.hpp"

namespace {

using ketascreen::ContentBundle;
namespace json = ketascreen::json;
namespace widgets = ketascreen::widgets;

constexpr int kFlagDetailedEvents = 1, kFlagDark = 2, kFlagHtml = 4;
constexpr int kStartOk = 0, kStartBadBundle = 2, kStartHtml = 3;
// Frames to draw after a change that does not come through SDL (reset, locale, referral status).
constexpr int kFramesAfterChange = 3;

// Two ways to run: on the canvas (Platform: SDL, WebGL2 and ImGui's backends), or without it
// (HTML rendering: a bare ImGui context, as the headless widget tests use, whose frames only
// produce the semantics tree; the loader shows that tree as DOM).
struct App {
  std::unique_ptr<widgets::Platform> platform;  // canvas mode
  ImGuiContext* bare = nullptr;                 // HTML mode
  std::optional<ContentBundle> bundle;  // the widget draws from it, so it outlives the widget
  std::unique_ptr<widgets::WidgetApp> widget;
  bool ready_sent = false;
  bool in_frame = false;
  bool dark = false;
  long frame_request = 0;  // id of the pending requestAnimationFrame, 0 when none (idle)
  unsigned frames_drawn = 0;
  int bare_frames = 0;     // HTML mode: frames still wanted (Platform counts them in canvas mode)
  float bare_width = 480;  // HTML mode: the element's CSS width, for ImGui's display
  double pixel_ratio = 0;
  // Values typed into the overlay's inputs since the last frame, the latest per field: WidgetApp
  // applies one value per field and frame, and a fast typist sends several between two frames.
  std::vector<std::pair<std::string, std::string>> typed;

  // The widget goes first, then ImGui (with GL and SDL in canvas mode).
  ~App() {
    widget.reset();
    platform.reset();
    if (bare) ImGui::DestroyContext(bare);
  }
};

std::unique_ptr<App> g_app;  // one widget per module instance; the loader makes one instance per mount
float g_text_scale = 1.0f;   // browser text zoom (ketascreen_set_text_scale; it may come before start)

EM_JS(void, emit_to_loader, (const char* type, const char* detail_json), {
  var f = Module["onKetascreenEvent"];
  if (f) f(UTF8ToString(type), UTF8ToString(detail_json));
});

EM_JS(void, referral_to_loader, (const char* endpoint, const char* payload_json, unsigned generation, int number), {
  var f = Module["onKetascreenReferral"];
  if (f) f(UTF8ToString(endpoint), UTF8ToString(payload_json), generation, number);
});

EM_JS(void, open_url_in_loader, (const char* url), {
  var f = Module["onKetascreenOpenUrl"];
  if (f) f(UTF8ToString(url));
});

EM_JS(double, js_now_ms, (), { return Date.now(); });

EM_JS(void, js_random_bytes, (uint8_t * out, int n), { crypto.getRandomValues(HEAPU8.subarray(out, out + n)); });

// Frames drawn so far, as data-ketascreen-frames on the canvas: tests and curious pages can see
// that an idle widget draws nothing (DESIGN.md "Budgets").
EM_JS(void, publish_frame_count, (unsigned count), {
  if (Module["canvas"]) Module["canvas"].dataset["ketascreenFrames"] = String(count >>> 0);
});

void emit(std::string_view type, const json::Value& detail) {
  emit_to_loader(std::string(type).c_str(), json::serialize(detail).c_str());
}

void emit_error(const std::string& message) {
  json::Value detail = json::Value::object();
  detail.set("message", message);
  emit("error", detail);
}

std::string describe(const ketascreen::Diagnostics& errors) {
  std::string why;
  for (const auto& d : errors) why += (why.empty() ? "" : "\n") + d.to_string();
  return why;
}

void changed();

// A referral retry is due (HostServices::wake_in). A timer left from before a reset or an unmount
// finds nothing due, or no widget.
void referral_timer(void* /*user*/) {
  if (!g_app) return;
  g_app->widget->tick();
  changed();
}

widgets::HostServices host_services() {
  widgets::HostServices services;
  services.emit = emit;
  services.submit_referral = [](const std::string& endpoint, const json::Value& payload, widgets::ReferralAttempt attempt) {
    referral_to_loader(endpoint.c_str(), json::serialize(payload).c_str(), attempt.generation, attempt.number);
  };
  services.wake_in = [](int64_t ms) { emscripten_set_timeout(referral_timer, static_cast<double>(ms), nullptr); };
  services.open_url = [](const std::string& url) { open_url_in_loader(url.c_str()); };
  services.now_ms = [] { return static_cast<int64_t>(js_now_ms()); };
  services.random_bytes = [] {
    std::array<uint8_t, 16> bytes{};
    js_random_bytes(bytes.data(), static_cast<int>(bytes.size()));
    return bytes;
  };
  return services;
}

void schedule_frame();

// HTML mode: an ImGui context without a renderer. The font atlas is built in memory (ImGui needs
// its glyph metrics for the layout) and never uploaded anywhere.
void start_bare(App& app) {
  app.bare = ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;
}

void build_bare_font_atlas() {
  unsigned char* pixels = nullptr;
  int w = 0, h = 0;
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->GetTexDataAsAlpha8(&pixels, &w, &h);
  io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(1)));
}

void bare_step(App& app) {
  ImGuiIO& io = ImGui::GetIO();
  // As tall as the content, like the canvas, so every node is laid out on the display.
  io.DisplaySize = ImVec2(std::max(app.bare_width, 120.0f), std::max(app.widget->content_height(), 100.0f));
  io.DeltaTime = 1.0f / 60.0f;
  ImGui::NewFrame();
  app.widget->draw();
  ImGui::Render();
  if (app.bare_frames > 0) --app.bare_frames;
}

bool wants_frame() { return g_app && (g_app->platform ? g_app->platform->wants_frame() : g_app->bare_frames > 0); }

void request_frames(int n) {
  if (!g_app) return;
  if (g_app->platform) {
    g_app->platform->request_frames(n);  // wakes schedule_frame
  } else {
    g_app->bare_frames = std::max(g_app->bare_frames, n);
    schedule_frame();
  }
}

void go_on_as_html();

// Whether WebGL built the renderer's shaders is asked once, a while after the first frame: the
// question waits for the GPU process, which is busiest while the page first loads. A canvas that
// cannot draw goes on as HTML, with the visitor's answers.
constexpr int kRendererCheckDelayMs = 1500;
void check_renderer(void* /*user*/) {
  if (!g_app || !g_app->platform || g_app->platform->renderer_works()) return;
  emit_error("WebGL could not build the widget's shaders: showing it as HTML");
  go_on_as_html();
  emit("html", json::Value::object());  // the loader shows the overlay's DOM in place of the canvas
}

void tick() {
  App& app = *g_app;
  app.in_frame = true;
  for (auto& [id, value] : app.typed) app.widget->set_value(id, value);
  app.typed.clear();
  if (app.platform) {
    app.platform->step([&app] { app.widget->draw(); });
  } else {
    bare_step(app);
  }
  app.in_frame = false;
  // "ready" means the first frame is on the canvas, so the page (and tests) can rely on it.
  if (!app.ready_sent) {
    app.ready_sent = true;
    emit("ready", json::Value::object());
    if (app.platform) emscripten_set_timeout(check_renderer, kRendererCheckDelayMs, nullptr);
  }
  publish_frame_count(++app.frames_drawn);
}

// Drawing is on demand: one animation frame is requested only while the platform wants frames
// (after input, resize, focus or a content change, and while a key or button is held), so an
// untouched widget schedules nothing and leaves the main thread idle.
EM_BOOL on_animation_frame(double /*time*/, void* /*user*/) {
  if (!g_app) return EM_FALSE;
  g_app->frame_request = 0;
  tick();
  if (wants_frame()) schedule_frame();
  return EM_FALSE;  // one-shot: the next frame is requested explicitly
}

void schedule_frame() {
  if (g_app && g_app->frame_request == 0) {
    g_app->frame_request = emscripten_request_animation_frame(on_animation_frame, nullptr);
  }
}

void changed() { request_frames(kFramesAfterChange); }

// Drops the animation frame requested, if any (a frame is about to be drawn, or none can be).
void cancel_frame() {
  if (g_app->frame_request != 0) emscripten_cancel_animation_frame(g_app->frame_request);
  g_app->frame_request = 0;
}

// Draws a frame now (not from an animation frame), then goes on on demand as usual.
void draw_now() {
  if (!g_app || g_app->in_frame) return;
  cancel_frame();
  tick();
  if (wants_frame()) schedule_frame();
}

void go_on_as_html() {
  if (!g_app || !g_app->platform) return;
  cancel_frame();
  g_app->platform.reset();  // also ImGui's context, with the fonts the widget drew with
  start_bare(*g_app);
  g_app->widget->set_pixel_scale(1.0f);  // fonts into the new context's atlas
  g_app->widget->set_dark(g_app->dark);  // and the theme into its style
  build_bare_font_atlas();
  changed();
}

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE int ketascreen_start(const char* bundle_json, int size, const char* locale, int flags,
                                          const char* name) {
  if (g_app) return kStartOk;  // already running: the loader never does this, but it is harmless
  auto app = std::make_unique<App>();
  // Without WebGL2 (blocked, or no GPU) the widget still works: its tree becomes plain DOM.
  if (!(flags & kFlagHtml)) {
    std::string error;
    app->platform = widgets::Platform::create({}, error);
  }
  if (!app->platform) start_bare(*app);
  // A bad bundle never takes the page down: the loader shows its fallback, the page hears why.
  auto parsed = ketascreen::parse_bundle(std::string_view(bundle_json, static_cast<size_t>(size)), name);
  if (!parsed.ok()) {
    emit_error(describe(parsed.errors()));
    return kStartBadBundle;
  }
  app->bundle = std::move(parsed).value();
  widgets::WidgetOptions options;
  options.locale = locale;
  options.detailed_events = (flags & kFlagDetailedEvents) != 0;
  options.dark = app->dark = (flags & kFlagDark) != 0;
  auto widget = widgets::WidgetApp::create(*app->bundle, options, host_services());
  if (!widget.ok()) {
    emit_error(describe(widget.errors()));
    return kStartBadBundle;
  }
  app->widget = std::move(widget).value();
  if (g_text_scale != 1.0f) app->widget->set_text_scale(g_text_scale);
  if (!app->platform) {
    build_bare_font_atlas();
    g_app = std::move(app);
    changed();  // the first frames, which publish the tree
    return kStartHtml;
  }
  app->pixel_ratio = emscripten_get_device_pixel_ratio();
  // The canvas is as tall as the content, so the wheel and touch scrolling belong to the page:
  // with these events off, SDL stops calling preventDefault() on them (a tap still clicks: SDL
  // turns touches into mouse events).
  for (Uint32 type : {SDL_MOUSEWHEEL, SDL_FINGERDOWN, SDL_FINGERUP, SDL_FINGERMOTION}) SDL_EventState(type, SDL_DISABLE);
  g_app = std::move(app);
  g_app->platform->set_wake(schedule_frame);
  // Fonts are rasterised for the canvas's device pixels (before the first frame, and again when
  // devicePixelRatio changes: zoom, another monitor), so text stays crisp at 1x, 2x and 3x.
  g_app->platform->set_pixel_scale_listener([](float scale) { g_app->widget->set_pixel_scale(scale); });
  g_app->platform->request_frames(kFramesAfterChange);  // the first question, and a couple more while ImGui lays out
  return kStartOk;
}

EMSCRIPTEN_KEEPALIVE void ketascreen_stop() {
  if (g_app) cancel_frame();
  g_app.reset();  // closes ImGui, GL and SDL, which unregisters SDL's DOM listeners
}

EMSCRIPTEN_KEEPALIVE void ketascreen_reset() {
  if (!g_app) return;
  g_app->widget->reset();
  changed();
}

EMSCRIPTEN_KEEPALIVE int ketascreen_history(int index) {
  if (!g_app || index < 0) return 0;
  const size_t at = g_app->widget->go_to_stop(static_cast<size_t>(index));
  changed();
  return static_cast<int>(at);
}

EMSCRIPTEN_KEEPALIVE void ketascreen_set_locale(const char* locale) {
  if (!g_app) return;
  g_app->widget->set_locale(locale);
  changed();
}

EMSCRIPTEN_KEEPALIVE void ketascreen_set_dark(int dark) {
  if (!g_app) return;
  g_app->dark = dark != 0;
  g_app->widget->set_dark(dark != 0);
  changed();
}

EMSCRIPTEN_KEEPALIVE void ketascreen_referral_answered(unsigned generation, int http_status) {
  if (!g_app) return;
  g_app->widget->referral_answered(generation, http_status);
  changed();
}

EMSCRIPTEN_KEEPALIVE void ketascreen_referral_failed(unsigned generation, int online) {
  if (!g_app) return;
  g_app->widget->referral_network_failed(generation, online != 0);
  changed();
}

EMSCRIPTEN_KEEPALIVE void ketascreen_referral_taken(unsigned generation) {
  if (!g_app) return;
  g_app->widget->referral_taken_by_page(generation);
  changed();
}

EMSCRIPTEN_KEEPALIVE void ketascreen_referral_refused(unsigned generation) {
  if (!g_app) return;
  g_app->widget->referral_refused(generation);
  changed();
}

EMSCRIPTEN_KEEPALIVE void ketascreen_referral_online() {
  if (!g_app) return;
  g_app->widget->referral_online();
  changed();
}

// SDL sizes the canvas's backing store to the window size times window.devicePixelRatio (which it
// reads itself; the loader passes the same value so a change of ratio alone still redraws).
EMSCRIPTEN_KEEPALIVE int ketascreen_resize(double css_width, double css_height, double device_pixel_ratio,
                                           double view_top, double layout_height) {
  if (!g_app) return 0;
  if (!g_app->platform) {  // HTML mode: only the width matters (text wraps in the tree's rects)
    if (css_width > 0 && static_cast<float>(css_width) != g_app->bare_width) {
      g_app->bare_width = static_cast<float>(css_width);
      changed();
    }
    return 0;
  }
  widgets::Platform& platform = *g_app->platform;
  SDL_Window* window = SDL_GL_GetCurrentWindow();
  const int w = static_cast<int>(css_width), h = static_cast<int>(css_height);
  if (!window || w <= 0 || h <= 0) return platform.max_framebuffer_pixels();
  int old_w = 0, old_h = 0;
  SDL_GetWindowSize(window, &old_w, &old_h);
  const bool resized = w != old_w || h != old_h || device_pixel_ratio != g_app->pixel_ratio;
  const bool moved = platform.set_view(static_cast<float>(view_top), static_cast<float>(layout_height));
  if (resized) {
    g_app->pixel_ratio = device_pixel_ratio;
    SDL_SetWindowSize(window, w, h);  // also sets the canvas's backing store, which blanks it
  }
  if (resized || moved) {
    changed();
    // Redraw at once, in this task, so the page never paints a blanked canvas or a slice that
    // moved without its pixels. The loader calls this from its ResizeObserver, a scroll or right
    // after a frame, never from inside one.
    draw_now();
  }
  return platform.max_framebuffer_pixels();
}

// The first frame, drawn in the task that started the widget rather than in the next animation
// frame: while the page is loading, the next animation frame can be a long way off (it waits
// for the browser to composite the previous one, ~0.3 s with software compositing in
// bench/RESULTS.md), and this frame publishes the tree the overlay and the page need.
EMSCRIPTEN_KEEPALIVE void ketascreen_draw_now() { draw_now(); }

EMSCRIPTEN_KEEPALIVE void ketascreen_activate(const char* id) {
  if (!g_app) return;
  g_app->widget->activate(id);
  changed();
}

EMSCRIPTEN_KEEPALIVE void ketascreen_set_value(const char* id, const char* value) {
  if (!g_app) return;
  auto& typed = g_app->typed;
  auto it = std::find_if(typed.begin(), typed.end(), [id](const auto& t) { return t.first == id; });
  if (it != typed.end()) {
    it->second = value;
  } else {
    typed.emplace_back(id, value);
  }
  changed();
}

EMSCRIPTEN_KEEPALIVE void ketascreen_focus(const char* id) {
  if (!g_app) return;
  g_app->widget->focus(id);
  changed();
}

EMSCRIPTEN_KEEPALIVE void ketascreen_select(const char* id, int anchor, int caret) {
  if (!g_app) return;
  g_app->widget->select_text(id, anchor, caret);
  changed();
}

// The WebGL context was lost (the GPU process died, too many contexts, a driver reset): the
// widget keeps its session and goes on as HTML. The platform goes (its GL calls on a lost context
// do nothing), a bare ImGui context takes its place with the widget's fonts and theme.
EMSCRIPTEN_KEEPALIVE void ketascreen_render_html() { go_on_as_html(); }

EMSCRIPTEN_KEEPALIVE void ketascreen_set_text_scale(double scale) {
  const float s = std::clamp(static_cast<float>(scale), 1.0f, 3.0f);
  if (!(s == s) || s == g_text_scale) return;  // NaN, or no change
  g_text_scale = s;
  // HTML mode: the page's CSS sizes the text (and the DOM ignores the bare context's layout).
  if (!g_app || !g_app->platform) return;
  g_app->widget->set_text_scale(s);
  g_app->platform->reload_fonts();  // the font texture, before the next frame (which it requests)
}

}  // extern "C"
