#pragma once
// The SDL2 + OpenGL (ES) 3 platform loop shared by the web and desktop hosts: it owns the window,
// the GL context and the ImGui context with its SDL2/OpenGL3 backends. Hosts drive it one step
// at a time (a native while-loop, or the browser's animation frames) and draw with ImGui inside
// the callback they pass; nothing else of SDL or GL leaks out of here.

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace ketascreen::widgets {

struct WindowOptions {
  const char* title = "KetaScreen";
  int width = 480;   // logical pixels (CSS pixels on the web, where the canvas's CSS size wins)
  int height = 640;
};

class Platform {
 public:
  // nullptr, and the reason in `error`, when SDL, the window or the GL context cannot start.
  static std::unique_ptr<Platform> create(const WindowOptions& options, std::string& error);
  ~Platform();
  Platform(const Platform&) = delete;
  Platform& operator=(const Platform&) = delete;

  // Feeds pending input to ImGui, then draws and presents one frame; `draw` makes the ImGui calls.
  // Returns false once the user closed the window (never happens in the browser).
  bool step(const std::function<void()>& draw);

  // On-demand drawing (DESIGN.md "Budgets": idle = no frames). The platform counts the frames still
  // wanted: every SDL event (input, focus, resize) asks for a few so ImGui settles hover and active
  // state, and a held key or mouse button keeps asking. Hosts draw with step() while wants_frame()
  // and stop otherwise; request_frames() is for changes that come from outside (content, start).
  void request_frames(int n);
  bool wants_frame() const;
  // Called when frames become wanted, possibly from inside an event callback between frames; the
  // host schedules its next frame there (it must tolerate being called when one is already due).
  void set_wake(std::function<void()> wake);

  // Called before the first frame and whenever the framebuffer's pixels per logical pixel change
  // (devicePixelRatio on the web, a move to another monitor on the desktop), so the host can
  // re-rasterise its fonts (WidgetApp::set_pixel_scale); the platform then rebuilds the GL font
  // texture.
  void set_pixel_scale_listener(std::function<void(float scale)> listener);
  // Calls the listener again before the next frame and rebuilds the font texture, for font
  // changes that come from the host (WidgetApp::set_text_scale).
  void reload_fonts();

#ifndef __EMSCRIPTEN__
  // Desktop preview: shows the window as a device whose pixels are `ratio` times denser than the
  // monitor's (a 2x phone on a 1x screen), magnified so each device pixel is one screen pixel.
  // ImGui's logical size shrinks by `ratio`, the mouse is mapped back, the fonts are re-rasterised
  // for the denser pixels, and the window grows by the change of ratio so the same CSS width
  // stays in view. 1 is the monitor's own ratio.
  void set_emulated_pixel_ratio(float ratio);
#endif

  // A screen taller than the largest canvas the GPU takes is laid out whole (`layout_height`, CSS
  // pixels) and drawn in a slice: the window (the canvas) shows the part from `top` down, and
  // the mouse is mapped to the whole screen. (0, 0): the window is the whole screen. True when
  // the view changed (a frame is then wanted).
  bool set_view(float top, float layout_height);
  // The tallest (and widest) framebuffer GL draws into, in device pixels; 0 before GL exists.
  int max_framebuffer_pixels() const;

  // False when GL could not build the renderer's shaders (nothing is drawn). Asking waits for the
  // GPU process, so the browser host asks once, after start-up, and then renders as HTML.
  bool renderer_works() const;

  // Desktop idling: blocks until an event arrives or `timeout_ms` passes (the event stays queued
  // for the next step). The browser never blocks; it simply schedules no frame.
  void wait_for_event(int timeout_ms);

  // Screenshots (desktop preview): the next step() keeps its frame's pixels, RGBA, top row first,
  // for take_capture(); empty if no frame was captured.
  void capture_next_frame();
  std::vector<unsigned char> take_capture(int& width, int& height);

 private:
  struct Impl;
  explicit Platform(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace ketascreen::widgets
