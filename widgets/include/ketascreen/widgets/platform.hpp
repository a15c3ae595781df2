#pragma once
// The desktop preview's SDL2 + OpenGL 3 platform loop: it owns the window, the GL context and the
// ImGui context with its SDL2/OpenGL3 backends. The host drives it one step at a time and draws
// with ImGui inside the callback it passes; nothing else of SDL or GL leaks out of here. (The
// browser has its own, narrower platform without SDL: web/src/browser_platform.hpp.)

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace ketascreen::widgets {

struct WindowOptions {
  const char* title = "KetaScreen";
  int width = 480;   // logical pixels
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
  // Returns false once the user closed the window.
  bool step(const std::function<void()>& draw);

  // On-demand drawing (DESIGN.md "Budgets": idle = no frames). The platform counts the frames still
  // wanted: every SDL event (input, focus, resize) asks for a few so ImGui settles hover and active
  // state, and a held key or mouse button keeps asking. Hosts draw with step() while wants_frame()
  // and stop otherwise; request_frames() is for changes that come from outside (content, start).
  void request_frames(int n);
  bool wants_frame() const;
  // Called before the first frame and whenever the framebuffer's pixels per logical pixel change
  // (a move to another monitor, an emulated device), so the host can
  // re-rasterise its fonts (WidgetApp::set_pixel_scale); the platform then rebuilds the GL font
  // texture.
  void set_pixel_scale_listener(std::function<void(float scale)> listener);
  // Shows the window as a device whose pixels are `ratio` times denser than the
  // monitor's (a 2x phone on a 1x screen), magnified so each device pixel is one screen pixel.
  // ImGui's logical size shrinks by `ratio`, the mouse is mapped back, the fonts are re-rasterised
  // for the denser pixels, and the window grows by the change of ratio so the same CSS width
  // stays in view. 1 is the monitor's own ratio.
  void set_emulated_pixel_ratio(float ratio);

  // Idling: blocks until an event arrives or `timeout_ms` passes (the event stays queued for the
  // next step).
  void wait_for_event(int timeout_ms);

  // Screenshots: the next step() keeps its frame's pixels, RGBA, top row first,
  // for take_capture(); empty if no frame was captured.
  void capture_next_frame();
  std::vector<unsigned char> take_capture(int& width, int& height);

 private:
  struct Impl;
  explicit Platform(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace ketascreen::widgets
