// The browser host: entry points that web/ketascreen.js calls on its module instance.
//   ketascreen_start(bundle bytes, size, locale) parses the content bundle and starts drawing;
//   ketascreen_stop() tears everything down on unmount.
// Events go back to the loader through Module.onKetascreenEvent(type, message), which turns them
// into DOM CustomEvents on the mount element.

#include <emscripten.h>
#include <emscripten/html5.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <imgui.h>

#include "ketascreen/bundle.hpp"
#include "ketascreen/widgets/platform.hpp"
#include "ketascreen/widgets/question_frame.hpp"

namespace {

using ketascreen::ContentBundle;
namespace widgets = ketascreen::widgets;

struct App {
  std::unique_ptr<widgets::Platform> platform;
  std::optional<ContentBundle> bundle;
  std::optional<widgets::QuestionFrame> frame;  // empty when the bundle was bad
  std::string locale;
  bool ready_sent = false;
  long frame_request = 0;  // id of the pending requestAnimationFrame, 0 when none (idle)
  unsigned frames_drawn = 0;
};

std::unique_ptr<App> g_app;  // one widget per module instance; the loader makes one instance per mount

EM_JS(void, emit_to_loader, (const char* type, const char* message), {
  var f = Module["onKetascreenEvent"];
  if (f) f(UTF8ToString(type), UTF8ToString(message));
});

void emit(const char* type, const std::string& message) { emit_to_loader(type, message.c_str()); }

// Frames drawn so far, as data-ketascreen-frames on the canvas: tests and curious pages can see
// that an idle widget draws nothing (DESIGN.md "Budgets").
EM_JS(void, publish_frame_count, (unsigned count), {
  if (Module["canvas"]) Module["canvas"].dataset["ketascreenFrames"] = String(count >>> 0);
});

void schedule_frame();

void tick() {
  App& app = *g_app;
  app.platform->step([&app] {
    if (app.frame) {
      app.frame->draw();
    } else {
      widgets::draw_fallback_frame("", app.locale);
    }
  });
  // "ready" means the first frame is on the canvas, so the page (and tests) can rely on it.
  if (!app.ready_sent) {
    app.ready_sent = true;
    emit("ready", "");
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

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE int ketascreen_start(const char* bundle_json, int size, const char* locale) {
  if (g_app) return 1;
  auto app = std::make_unique<App>();
  app->locale = locale;
  std::string error;
  app->platform = widgets::Platform::create({}, error);
  if (!app->platform) {
    emit("error", error);
    return 1;
  }
  ImGui::StyleColorsLight();  // clinic pages are light; the real theme comes from the bundle's brand later
  auto parsed = ketascreen::parse_bundle(std::string_view(bundle_json, static_cast<size_t>(size)));
  if (parsed.ok()) {
    app->bundle = std::move(parsed).value();
    app->frame.emplace(*app->bundle, locale);
  } else {
    // A bad bundle never takes the page down: draw the fallback and tell the page why.
    std::string why;
    for (const auto& d : parsed.errors()) why += (why.empty() ? "" : "\n") + d.to_string();
    emit("error", why);
  }
  g_app = std::move(app);
  g_app->platform->set_wake(schedule_frame);
  g_app->platform->request_frames(3);  // the first question, and a couple more while ImGui lays out
  return 0;
}

EMSCRIPTEN_KEEPALIVE void ketascreen_stop() {
  if (g_app && g_app->frame_request != 0) emscripten_cancel_animation_frame(g_app->frame_request);
  g_app.reset();  // closes ImGui, GL and SDL, which unregisters SDL's DOM listeners
}

}  // extern "C"
