// The browser host: the wasm exports behind the bridge's calls (bridge.hpp lists each, with its
// arguments), one module instance per mounted widget, so the state below is per widget. The
// host script (web/host.js) calls them from the loader's messages, on the main thread or in a
// worker; everything the widget says goes back as one of the bridge's events (emit_event).
//
// Start-up, in the order the loader drives it: `start` parses the bundle and makes the widget
// without pixels, `draw_now` draws its first frame (the tree: the loader shows the first question
// as HTML at once), then `use_canvas` makes the WebGL2 context and draws on the canvas (the
// canvas takes over under the HTML when "rendering" {"how": "canvas"} arrives). Without WebGL2,
// with data-render="html", when the shaders fail or the context is lost, the widget goes on
// without pixels and the HTML stays: same widget, same session.
// Strings cross as UTF-8; JSON is written by core's serializer (no embind, no eval).

#include <emscripten.h>
#include <emscripten/eventloop.h>
#include <emscripten/html5.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bridge.hpp"
#include "browser_platform.hpp"
#include "ketascreen/bundle.hpp"
#include "ketascreen/json_value.hpp"
#include "ketascreen/widgets/widget_app.hpp"

namespace {

using ketascreen::ContentBundle;
using ketascreen::web::BrowserPlatform;
using ketascreen::web::Event;
namespace json = ketascreen::json;
namespace widgets = ketascreen::widgets;


struct App {
  BrowserPlatform platform;             // first: the ImGui context outlives the widget
  std::optional<ContentBundle> bundle;  // the widget draws from it, so it outlives the widget
  std::unique_ptr<widgets::WidgetApp> widget;
  bool ready_sent = false;
  bool canvas_announced = false;  // "rendering" {"how": "canvas"} sent after the first canvas frame
  bool in_frame = false;
  long frame_request = 0;  // id of the pending requestAnimationFrame, 0 when none (idle)
  unsigned frames_drawn = 0;
  int max_pixels_sent = 0;
  // Values typed into the overlay's inputs since the last frame, the latest per field: WidgetApp
  // applies one value per field and frame, and a fast typist sends several between two frames.
  std::vector<std::pair<std::string, std::string>> typed;

  ~App() { widget.reset(); }
};

std::unique_ptr<App> g_app;  // one widget per module instance
float g_text_scale = 1.0f;   // browser text zoom (set_text_scale may come before start)

EM_JS(void, event_to_host, (const char* name, const char* detail_json), {
  Module["onKetascreenEvent"](UTF8ToString(name), UTF8ToString(detail_json));
});

EM_JS(double, js_now_ms, (), { return Date.now(); });

EM_JS(void, js_random_bytes, (uint8_t * out, int n), { crypto.getRandomValues(HEAPU8.subarray(out, out + n)); });

void emit_event(Event event, const json::Value& detail) {
  event_to_host(std::string(ketascreen::web::name_of(event)).c_str(), json::serialize(detail).c_str());
}

// What WidgetApp emits, by its name; a name the bridge does not declare is a bug caught by the
// bridge test, and is not sent.
void emit(std::string_view type, const json::Value& detail) {
  for (const auto& e : ketascreen::web::kBridgeEvents)
    if (e.name == type) return event_to_host(std::string(type).c_str(), json::serialize(detail).c_str());
}

json::Value object_with(const char* key, json::Value value) {
  json::Value detail = json::Value::object();
  detail.set(key, std::move(value));
  return detail;
}

void emit_error(const std::string& message, bool fatal) {
  json::Value detail = object_with("message", message);
  detail.set("fatal", fatal);
  emit_event(Event::error, detail);
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
    json::Value detail = object_with("endpoint", endpoint);
    detail.set("payload", json::serialize(payload));  // sent exactly as built (the Idempotency-Key is its id)
    detail.set("generation", static_cast<double>(attempt.generation));
    detail.set("number", static_cast<double>(attempt.number));
    emit_event(Event::referral, detail);
  };
  services.wake_in = [](int64_t ms) { emscripten_set_timeout(referral_timer, static_cast<double>(ms), nullptr); };
  services.open_url = [](const std::string& url) { emit_event(Event::open_url, object_with("url", url)); };
  services.now_ms = [] { return static_cast<int64_t>(js_now_ms()); };
  services.random_bytes = [] {
    std::array<uint8_t, 16> bytes{};
    js_random_bytes(bytes.data(), static_cast<int>(bytes.size()));
    return bytes;
  };
  return services;
}

void schedule_frame();
void go_on_as_html();

void announce_rendering(const char* how) { emit_event(Event::rendering, object_with("how", how)); }

// Whether WebGL built the renderer's shaders is asked once, a while after the first canvas
// frame: the question waits for the GPU process, which is busiest while the page first loads.
constexpr int kRendererCheckDelayMs = 1500;
void check_renderer(void* /*user*/) {
  if (!g_app || !g_app->platform.drawing() || g_app->platform.renderer_works()) return;
  emit_error("WebGL could not build the widget's shaders: showing it as HTML", false);
  go_on_as_html();
}

void tick() {
  App& app = *g_app;
  app.in_frame = true;
  for (auto& [id, value] : app.typed) app.widget->set_value(id, value);
  app.typed.clear();
  app.platform.step([&app] { app.widget->draw(); }, app.widget->content_height());
  app.in_frame = false;
  if (!app.ready_sent) {  // the first frame: its tree and height went out during it
    app.ready_sent = true;
    emit_event(Event::ready, json::Value::object());
  }
  if (app.platform.drawing() && !app.canvas_announced) {
    app.canvas_announced = true;
    announce_rendering("canvas");
    emscripten_set_timeout(check_renderer, kRendererCheckDelayMs, nullptr);
  }
  // Frames drawn so far and the backing store's size, which the loader shows on the canvas
  // (data-ketascreen-frames, data-ketascreen-pixels): tests and curious pages can see that an idle
  // widget draws nothing and that the canvas matches devicePixelRatio, wherever it draws.
  json::Value frames = object_with("count", static_cast<double>(++app.frames_drawn));
  frames.set("pixels", std::to_string(app.platform.pixel_width()) + "x" + std::to_string(app.platform.pixel_height()));
  emit_event(Event::frames, frames);
}

// Drawing is on demand: one animation frame is requested only while the platform wants frames,
// so an untouched widget schedules nothing and leaves its thread idle.
EM_BOOL on_animation_frame(double /*time*/, void* /*user*/) {
  if (!g_app) return EM_FALSE;
  g_app->frame_request = 0;
  tick();
  if (g_app->platform.wants_frame()) schedule_frame();
  return EM_FALSE;  // one-shot: the next frame is requested explicitly
}

void schedule_frame() {
  if (g_app && g_app->frame_request == 0) {
    g_app->frame_request = emscripten_request_animation_frame(on_animation_frame, nullptr);
  }
}

void changed() {
  if (g_app) g_app->platform.request_frames(BrowserPlatform::kFramesAfterChange);
}

void cancel_frame() {
  if (g_app->frame_request != 0) emscripten_cancel_animation_frame(g_app->frame_request);
  g_app->frame_request = 0;
}

// Draws a frame now (not from an animation frame), then goes on on demand as usual.
void draw_now() {
  if (!g_app || g_app->in_frame) return;
  cancel_frame();
  tick();
  if (g_app->platform.wants_frame()) schedule_frame();
}

void go_on_as_html() {
  if (!g_app) return;
  g_app->platform.detach_canvas();
  g_app->canvas_announced = false;
  announce_rendering("html");
  changed();
}

void send_max_pixels() {
  const int pixels = g_app->platform.max_framebuffer_pixels();
  if (pixels == g_app->max_pixels_sent) return;
  g_app->max_pixels_sent = pixels;
  emit_event(Event::max_pixels, object_with("pixels", static_cast<double>(pixels)));
}

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE void ketascreen_start(const char* bundle_json, int size, const char* locale, const char* name,
                                           int detailed, int dark) {
  if (g_app) return;  // already running: the loader never does this, but it is harmless
  auto app = std::make_unique<App>();
  // A bad bundle never takes the page down: the loader shows its fallback, the page hears why.
  auto parsed = ketascreen::parse_bundle(std::string_view(bundle_json, static_cast<size_t>(size)), name);
  if (!parsed.ok()) return emit_error(describe(parsed.errors()), true);
  app->bundle = std::move(parsed).value();
  widgets::WidgetOptions options;
  options.locale = locale;
  options.detailed_events = detailed != 0;
  options.dark = dark != 0;
  auto widget = widgets::WidgetApp::create(*app->bundle, options, host_services());
  if (!widget.ok()) return emit_error(describe(widget.errors()), true);
  app->widget = std::move(widget).value();
  if (g_text_scale != 1.0f) app->widget->set_text_scale(g_text_scale);
  g_app = std::move(app);
  g_app->platform.set_wake(schedule_frame);
  // Fonts are rasterised for the canvas's device pixels (again when devicePixelRatio changes:
  // zoom, another monitor), so text stays crisp at 1x, 2x and 3x; without pixels, at 1.
  g_app->platform.set_pixel_scale_listener([](float scale) { g_app->widget->set_pixel_scale(scale); });
  changed();
}

EMSCRIPTEN_KEEPALIVE void ketascreen_use_canvas() {
  if (!g_app || g_app->platform.drawing()) return;
  if (!g_app->platform.attach_canvas()) return go_on_as_html();  // no WebGL2 (blocked, or no GPU)
  send_max_pixels();
  draw_now();  // the canvas's first frame in this task ("rendering" {"how": "canvas"} follows it)
}

// The WebGL context was lost (the GPU process died, too many contexts, a driver reset): the
// widget keeps its session and goes on as HTML.
EMSCRIPTEN_KEEPALIVE void ketascreen_context_lost() { go_on_as_html(); }

EMSCRIPTEN_KEEPALIVE void ketascreen_stop() {
  if (g_app) cancel_frame();
  g_app.reset();
}

EMSCRIPTEN_KEEPALIVE void ketascreen_reset() {
  if (!g_app) return;
  g_app->widget->reset();
  changed();
}

EMSCRIPTEN_KEEPALIVE void ketascreen_history(int index) {
  if (!g_app || index < 0) return;
  const size_t at = g_app->widget->go_to_stop(static_cast<size_t>(index));
  emit_event(Event::at, object_with("index", static_cast<double>(at)));
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

// A new size or slice is drawn at once, in this task, so the page never shows a blanked canvas
// or a slice that moved without its pixels (the loader calls this from its ResizeObserver, a
// scroll or right after a frame, never from inside one).
EMSCRIPTEN_KEEPALIVE void ketascreen_resize(double css_width, double css_height, double device_pixel_ratio,
                                            double view_top, double layout_height) {
  if (!g_app) return;
  BrowserPlatform& platform = g_app->platform;
  const bool resized = platform.set_size(static_cast<int>(css_width), static_cast<int>(css_height),
                                         static_cast<float>(device_pixel_ratio));
  const bool moved = platform.set_view(static_cast<float>(view_top), static_cast<float>(layout_height));
  if ((resized || moved) && g_app->ready_sent) draw_now();
}

EMSCRIPTEN_KEEPALIVE void ketascreen_pointer(double x, double y) {
  if (g_app) g_app->platform.set_pointer(static_cast<float>(x), static_cast<float>(y));
}

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

EMSCRIPTEN_KEEPALIVE void ketascreen_set_text_scale(double scale) {
  const float s = std::clamp(static_cast<float>(scale), 1.0f, 3.0f);
  if (!(s == s) || s == g_text_scale) return;  // NaN, or no change
  g_text_scale = s;
  if (!g_app) return;
  g_app->widget->set_text_scale(s);
  g_app->platform.reload_fonts();  // the font atlas, before the next frame (which it requests)
}

}  // extern "C"
