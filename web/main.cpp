// The browser host: the entry points web/ketascreen.js calls on its module instance (one instance
// per mounted widget, so the state below is per widget).
//
//   ketascreen_start(bundle, size, locale, flags, name) -> 0 drawing | 1 no WebGL2 / SDL | 2 bad bundle or layout
//       name: the bundle's file name, for the error messages
//       flags: bit 0 = detailed events (data-events="detailed"), bit 1 = dark theme
//       (prefers-color-scheme: dark, or data-theme="dark"). On 1 and 2 an "error" event has
//       already been sent and nothing is left running; the loader shows its HTML fallback.
//   ketascreen_stop()                          tears everything down (unmount)
//   ketascreen_reset()                         back to the first question (handle.reset())
//   ketascreen_set_locale(locale)              handle.setLocale()
//   ketascreen_set_dark(dark)                  prefers-color-scheme changed
//   ketascreen_referral_status(status, http_status, retry_in_seconds)
//       progress of the referral the loader is posting; status is widgets::ReferralStatus
//       (0 Editing, 1 Sending, 2 Retrying, 3 Sent, 4 Failed)
//   ketascreen_resize(css_width, css_height, device_pixel_ratio)
//       the canvas's new CSS size; SDL resizes the canvas's backing store to size x ratio
//
// Calls back into the loader through the module object (Module.<name>):
//   onKetascreenEvent(type, json)            "ready" {}, "error" {"message"}, and what the widget
//                                            emits: "step", "outcome", "height", "semantics"
//   onKetascreenReferral(endpoint, json)     Send was pressed: post this payload
//   onKetascreenOpenUrl(url)                 a link was activated
// Strings cross as UTF-8; JSON is written by core's serializer (no embind, no eval).

#include <SDL.h>
#include <emscripten.h>
#include <emscripten/html5.h>

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "ketascreen/bundle.hpp"
#include "ketascreen/json_value.hpp"
#include "ketascreen/widgets/platform.hpp"
#include "ketascreen/widgets/widget_app.hpp"

namespace {

using ketascreen::ContentBundle;
namespace json = ketascreen::json;
namespace widgets = ketascreen::widgets;

constexpr int kFlagDetailedEvents = 1, kFlagDark = 2;
constexpr int kStartOk = 0, kStartNoPlatform = 1, kStartBadBundle = 2;
// Frames to draw after a change that does not come through SDL (reset, locale, referral status).
constexpr int kFramesAfterChange = 3;

// Declared in destruction order's reverse: the widget goes first, the platform (ImGui, GL, SDL) last.
struct App {
  std::unique_ptr<widgets::Platform> platform;
  std::optional<ContentBundle> bundle;  // the widget draws from it, so it outlives the widget
  std::unique_ptr<widgets::WidgetApp> widget;
  bool ready_sent = false;
  bool in_frame = false;
  long frame_request = 0;  // id of the pending requestAnimationFrame, 0 when none (idle)
  unsigned frames_drawn = 0;
  double pixel_ratio = 0;
};

std::unique_ptr<App> g_app;  // one widget per module instance; the loader makes one instance per mount

EM_JS(void, emit_to_loader, (const char* type, const char* detail_json), {
  var f = Module["onKetascreenEvent"];
  if (f) f(UTF8ToString(type), UTF8ToString(detail_json));
});

EM_JS(void, referral_to_loader, (const char* endpoint, const char* payload_json), {
  var f = Module["onKetascreenReferral"];
  if (f) f(UTF8ToString(endpoint), UTF8ToString(payload_json));
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

widgets::HostServices host_services() {
  widgets::HostServices services;
  services.emit = emit;
  services.submit_referral = [](const std::string& endpoint, const json::Value& payload) {
    referral_to_loader(endpoint.c_str(), json::serialize(payload).c_str());
  };
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

void tick() {
  App& app = *g_app;
  app.in_frame = true;
  app.platform->step([&app] { app.widget->draw(); });
  app.in_frame = false;
  // "ready" means the first frame is on the canvas, so the page (and tests) can rely on it.
  if (!app.ready_sent) {
    app.ready_sent = true;
    emit("ready", json::Value::object());
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
  if (g_app && g_app->platform->wants_frame()) schedule_frame();
  return EM_FALSE;  // one-shot: the next frame is requested explicitly
}

void schedule_frame() {
  if (g_app && g_app->frame_request == 0) {
    g_app->frame_request = emscripten_request_animation_frame(on_animation_frame, nullptr);
  }
}

void changed() {
  if (g_app) g_app->platform->request_frames(kFramesAfterChange);
}

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE int ketascreen_start(const char* bundle_json, int size, const char* locale, int flags,
                                          const char* name) {
  if (g_app) return kStartOk;  // already running: the loader never does this, but it is harmless
  auto app = std::make_unique<App>();
  std::string error;
  app->platform = widgets::Platform::create({}, error);
  if (!app->platform) {
    emit_error(error);
    return kStartNoPlatform;
  }
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
  options.dark = (flags & kFlagDark) != 0;
  auto widget = widgets::WidgetApp::create(*app->bundle, options, host_services());
  if (!widget.ok()) {
    emit_error(describe(widget.errors()));
    return kStartBadBundle;
  }
  app->widget = std::move(widget).value();
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
  if (g_app && g_app->frame_request != 0) emscripten_cancel_animation_frame(g_app->frame_request);
  g_app.reset();  // closes ImGui, GL and SDL, which unregisters SDL's DOM listeners
}

EMSCRIPTEN_KEEPALIVE void ketascreen_reset() {
  if (!g_app) return;
  g_app->widget->reset();
  changed();
}

EMSCRIPTEN_KEEPALIVE void ketascreen_set_locale(const char* locale) {
  if (!g_app) return;
  g_app->widget->set_locale(locale);
  changed();
}

EMSCRIPTEN_KEEPALIVE void ketascreen_set_dark(int dark) {
  if (!g_app) return;
  g_app->widget->set_dark(dark != 0);
  changed();
}

EMSCRIPTEN_KEEPALIVE void ketascreen_referral_status(int status, int http_status, int retry_in_seconds) {
  if (!g_app || status < 0 || status > static_cast<int>(widgets::ReferralStatus::Failed)) return;
  g_app->widget->set_referral_status(static_cast<widgets::ReferralStatus>(status), http_status, retry_in_seconds);
  changed();
}

// SDL sizes the canvas's backing store to the window size times window.devicePixelRatio (which it
// reads itself; the loader passes the same value so a change of ratio alone still redraws).
EMSCRIPTEN_KEEPALIVE void ketascreen_resize(double css_width, double css_height, double device_pixel_ratio) {
  if (!g_app) return;
  SDL_Window* window = SDL_GL_GetCurrentWindow();
  const int w = static_cast<int>(css_width), h = static_cast<int>(css_height);
  if (!window || w <= 0 || h <= 0) return;
  int old_w = 0, old_h = 0;
  SDL_GetWindowSize(window, &old_w, &old_h);
  if (w == old_w && h == old_h && device_pixel_ratio == g_app->pixel_ratio) return;
  g_app->pixel_ratio = device_pixel_ratio;
  SDL_SetWindowSize(window, w, h);  // also sets the canvas's backing store, which blanks it
  changed();
  // Redraw at once, in this task, so the page never paints the blanked canvas. The loader calls
  // this from its ResizeObserver or right after a frame, never from inside one.
  if (!g_app->in_frame) {
    if (g_app->frame_request != 0) emscripten_cancel_animation_frame(g_app->frame_request);
    g_app->frame_request = 0;
    tick();
    if (g_app && g_app->platform->wants_frame()) schedule_frame();
  }
}

}  // extern "C"
