#include "browser_platform.hpp"

#include <GLES3/gl3.h>
#include <emscripten.h>
#include <emscripten/html5.h>
#include <imgui.h>

#include <algorithm>
#include <cfloat>

#include "webgl_renderer.hpp"

namespace ketascreen::web {

namespace {
// The html5 API addresses canvases by selector; this name is the module's own canvas
// (Module.canvas), whatever the page calls its elements and wherever the module runs.
constexpr const char* kCanvas = "#canvas";
EM_JS(void, bind_canvas, (), { specialHTMLTargets["#canvas"] = Module["canvas"]; });

// Without a context the font atlas is built in memory only (the layout needs its glyph metrics).
void build_atlas_in_memory() {
  unsigned char* pixels = nullptr;
  int w = 0, h = 0;
  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->GetTexDataAsAlpha8(&pixels, &w, &h);
  io.Fonts->SetTexID(reinterpret_cast<ImTextureID>(static_cast<intptr_t>(1)));
}
}  // namespace

BrowserPlatform::BrowserPlatform() {
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;  // no filesystem
  frames_wanted_ = kFramesAfterChange;
}

BrowserPlatform::~BrowserPlatform() {
  detach_canvas();
  ImGui::DestroyContext();
}

bool BrowserPlatform::attach_canvas() {
  if (gl_) return true;
  bind_canvas();  // the canvas may have come after the start (a worker gets it handed over later)
  EmscriptenWebGLContextAttributes attrs;
  emscripten_webgl_init_context_attributes(&attrs);
  // What the widget needs and no more: no alpha, depth, stencil or antialiasing (ImGui's
  // triangles carry their own antialiasing), WebGL2.
  attrs.alpha = attrs.depth = attrs.stencil = attrs.antialias = EM_FALSE;
  attrs.majorVersion = 2;
  attrs.minorVersion = 0;
  // Sized before the context exists (a resize of a WebGL canvas waits for the GPU process).
  write_canvas_size();
  const EMSCRIPTEN_WEBGL_CONTEXT_HANDLE context = emscripten_webgl_create_context(kCanvas, &attrs);
  if (context <= 0) return false;
  gl_ = static_cast<int>(context);
  emscripten_webgl_make_context_current(context);
  webgl::init();
  font_scale_ = 0;  // rasterised again for the device's pixels, and uploaded
  request_frames(kFramesAfterChange);
  return true;
}

void BrowserPlatform::detach_canvas() {
  if (!gl_) return;
  webgl::shutdown();  // on a lost context these calls do nothing
  emscripten_webgl_destroy_context(gl_);
  gl_ = 0;
  max_framebuffer_ = 0;
  font_scale_ = 0;
  request_frames(kFramesAfterChange);
}

EM_JS(void, ks_set_canvas_size, (int width, int height), {
  var canvas = Module["canvas"];
  if (canvas.width != width) canvas.width = width;
  if (canvas.height != height) canvas.height = height;
});

void BrowserPlatform::write_canvas_size() {
  ks_set_canvas_size(device_pixels(css_width_), device_pixels(css_height_));
}

bool BrowserPlatform::set_size(int css_width, int css_height, float pixel_ratio) {
  if (css_width <= 0 || css_height <= 0 || !(pixel_ratio > 0)) return false;
  if (css_width == css_width_ && css_height == css_height_ && pixel_ratio == ratio_) return false;
  css_width_ = css_width;
  css_height_ = css_height;
  ratio_ = pixel_ratio;
  if (gl_) write_canvas_size();
  request_frames(kFramesAfterChange);
  return true;
}

bool BrowserPlatform::set_view(float top, float layout_height) {
  top = std::max(0.0f, top);
  if (top == view_top_ && layout_height == layout_height_) return false;
  view_top_ = top;
  layout_height_ = layout_height;
  request_frames(kFramesAfterChange);
  return true;
}

void BrowserPlatform::set_pointer(float x, float y) {
  if (x == pointer_x_ && y == pointer_y_) return;
  pointer_x_ = x;
  pointer_y_ = y;
  request_frames(kFramesAfterChange);
}

void BrowserPlatform::set_pixel_scale_listener(std::function<void(float)> listener) {
  scale_listener_ = std::move(listener);
  font_scale_ = 0;
}

void BrowserPlatform::reload_fonts() {
  font_scale_ = 0;
  request_frames(kFramesAfterChange);
}

void BrowserPlatform::request_frames(int n) {
  frames_wanted_ = std::max(frames_wanted_, n);
  if (frames_wanted_ > 0 && wake_) wake_();
}

void BrowserPlatform::follow_pixel_scale() {
  const float scale = gl_ ? ratio_ : 1.0f;  // without pixels, the atlas only gives metrics
  if (scale == font_scale_) return;
  font_scale_ = scale;
  if (scale_listener_) scale_listener_(scale);
  if (gl_) {
    webgl::destroy_fonts_texture();
    webgl::create_fonts_texture();
  } else {
    build_atlas_in_memory();
  }
}

void BrowserPlatform::step(const std::function<void()>& draw, float min_height) {
  follow_pixel_scale();
  ImGuiIO& io = ImGui::GetIO();
  const double now = emscripten_get_now();
  io.DeltaTime = last_frame_ms_ > 0 && now > last_frame_ms_ ? static_cast<float>((now - last_frame_ms_) / 1000) : 1.0f / 60;
  last_frame_ms_ = now;
  const float window_height = static_cast<float>(css_height_);
  const bool sliced = layout_height_ > window_height;
  io.DisplaySize = ImVec2(static_cast<float>(css_width_), sliced ? layout_height_ : window_height);
  if (!gl_) io.DisplaySize.y = std::max({io.DisplaySize.y, min_height, 100.0f});
  io.DisplayFramebufferScale = ImVec2(gl_ ? ratio_ : 1.0f, gl_ ? ratio_ : 1.0f);
  io.MousePos = pointer_x_ < 0 ? ImVec2(-FLT_MAX, -FLT_MAX) : ImVec2(pointer_x_, pointer_y_ + (sliced ? view_top_ : 0));
  ImGui::NewFrame();
  draw();
  ImGui::Render();
  if (gl_) {
    ImDrawData* data = ImGui::GetDrawData();
    if (sliced) {  // the renderer projects and clips to the slice
      data->DisplayPos.y = view_top_;
      data->DisplaySize.y = window_height;
    }
    glViewport(0, 0, static_cast<int>(data->DisplaySize.x * ratio_), static_cast<int>(data->DisplaySize.y * ratio_));
    glClearColor(1.0f, 1.0f, 1.0f, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    webgl::render(data);
  }
  if (frames_wanted_ > 0) --frames_wanted_;
}

int BrowserPlatform::max_framebuffer_pixels() {
  // The context's limits never change: asked once.
  if (gl_ && max_framebuffer_ == 0) {
    GLint renderbuffer = 0, viewport[2] = {0, 0};
    glGetIntegerv(GL_MAX_RENDERBUFFER_SIZE, &renderbuffer);
    glGetIntegerv(GL_MAX_VIEWPORT_DIMS, viewport);
    max_framebuffer_ = std::min({renderbuffer, viewport[0], viewport[1]});
  }
  return max_framebuffer_;
}

bool BrowserPlatform::renderer_works() const { return gl_ && webgl::linked(); }

}  // namespace ketascreen::web
