#pragma once
// The widget's platform in the browser: a narrow interface in the manner of Dear ImGui's backends
// (no SDL, no DOM). It owns the ImGui context from the start and, once the host attaches one, a
// WebGL2 context on the module's canvas (Module.canvas: the page's <canvas> on the main thread,
// or the OffscreenCanvas a worker was given). Without one (before it is attached, when the
// browser has no WebGL2, or after the context was lost) frames still run and still produce the
// semantics tree, which the loader shows as HTML: the same widget, laid out the same, with or
// without pixels. Everything the platform hears comes from the host as plain values: the
// canvas's CSS size and devicePixelRatio, the slice of a long screen it shows, and where a mouse
// hovers (clicks, keys and typing reach the widget through the accessibility overlay's elements).
//
// The desktop preview keeps widgets/.../platform.hpp (SDL2 + OpenGL 3).

#include <functional>

namespace ketascreen::web {

class BrowserPlatform {
 public:
  BrowserPlatform();
  ~BrowserPlatform();
  BrowserPlatform(const BrowserPlatform&) = delete;
  BrowserPlatform& operator=(const BrowserPlatform&) = delete;

  // Makes a WebGL2 context on the canvas and the renderer in it; false when the browser gives
  // none (the widget then goes on without pixels).
  bool attach_canvas();
  // The context was lost (or its shaders failed): forget it and go on without pixels.
  void detach_canvas();
  bool drawing() const { return gl_ != 0; }
  // The canvas's backing store in device pixels (what was last written; 0 x 0 without a context).
  int pixel_width() const { return gl_ ? device_pixels(css_width_) : 0; }
  int pixel_height() const { return gl_ ? device_pixels(css_height_) : 0; }

  // Frames to draw after a change (input, size, content): hover and active state settle a frame
  // or two later.
  static constexpr int kFramesAfterChange = 3;

  // The canvas's CSS size and device pixel ratio; with a context, its backing store follows
  // (written only when it changes: every write of a WebGL canvas's size blanks it and waits for
  // the GPU process). True when anything changed (a frame is then wanted).
  bool set_size(int css_width, int css_height, float pixel_ratio);
  // A screen taller than the largest canvas the GPU takes is laid out whole (`layout_height`) and
  // the canvas shows the slice from `top` down; (0, 0): the canvas is the whole screen.
  bool set_view(float top, float layout_height);
  // Where a mouse hovers, in CSS pixels from the canvas's top-left; (-1, -1): nowhere.
  void set_pointer(float x, float y);

  // The fonts must be rasterised for `scale` device pixels per CSS pixel (1 without a context):
  // called before the next frame after a change of ratio, attach/detach or reload_fonts().
  void set_pixel_scale_listener(std::function<void(float scale)> listener);
  void reload_fonts();

  // On-demand drawing: the frames still wanted; `wake` is called when frames become wanted.
  void request_frames(int n);
  bool wants_frame() const { return frames_wanted_ > 0; }
  void set_wake(std::function<void()> wake) { wake_ = std::move(wake); }

  // One frame: `draw` makes the ImGui calls; with a context, the frame is drawn on the canvas.
  // `min_height`: without a context, the display is at least this tall (the content's height),
  // so every node of a long screen is laid out.
  void step(const std::function<void()>& draw, float min_height);

  // The tallest (and widest) backing store GL draws into, device pixels; 0 without a context.
  int max_framebuffer_pixels();
  // False when WebGL could not build the renderer's shaders. Asking waits for the GPU process.
  bool renderer_works() const;

 private:
  int device_pixels(int css) const { return static_cast<int>(static_cast<float>(css) * ratio_); }
  void follow_pixel_scale();
  void write_canvas_size();

  int gl_ = 0;  // the html5 WebGL context handle; 0 = none
  int css_width_ = 480, css_height_ = 640;
  float ratio_ = 1;
  float view_top_ = 0, layout_height_ = 0;
  float pointer_x_ = -1, pointer_y_ = -1;
  float font_scale_ = 0;  // what the fonts were last rasterised for; 0 = again before the next frame
  int max_framebuffer_ = 0;
  int frames_wanted_ = 0;
  double last_frame_ms_ = 0;
  std::function<void()> wake_;
  std::function<void(float)> scale_listener_;
};

}  // namespace ketascreen::web
