#include "ketascreen/widgets/platform.hpp"

#include <SDL.h>

#include <algorithm>
#include <cfloat>
#include <imgui.h>
#include <imgui_impl_opengl3.h>
#include <imgui_impl_sdl.h>
#include <SDL_opengl.h>

namespace ketascreen::widgets {

namespace {
// Frames to draw after any event: ImGui 1.86 reports a click that started and ended between two
// frames as "down" in one frame and "up" in the next, and hover/active state settles one later.
constexpr int kFramesAfterEvent = 3;

// GL 3.0, which Mesa's software renderer under Xvfb provides, and ImGui's stock OpenGL3 backend
// with its bundled loader (the browser has its own platform and renderer: web/src/).
void set_gl_attributes() {
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
  SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
}
namespace renderer {
bool init() { return ImGui_ImplOpenGL3_Init("#version 130"); }
void shutdown() { ImGui_ImplOpenGL3_Shutdown(); }
void new_frame() { ImGui_ImplOpenGL3_NewFrame(); }  // also makes the device objects, the first time
void render(ImDrawData* data) { ImGui_ImplOpenGL3_RenderDrawData(data); }
void reload_fonts_texture() {
  ImGui_ImplOpenGL3_DestroyFontsTexture();
  ImGui_ImplOpenGL3_CreateFontsTexture();
}
}  // namespace renderer
}  // namespace

struct Platform::Impl {
  // SDL calls this for every event it queues.
  // SDL_PollEvent itself queues a marker event (SDL_POLLSENTINEL) on every call; it is no news.
  static int SDLCALL on_event(void* self, SDL_Event* event) {
    if (event->type != SDL_POLLSENTINEL) static_cast<Impl*>(self)->request(kFramesAfterEvent);
    return 0;
  }

  SDL_Window* window = nullptr;
  SDL_GLContext gl = nullptr;
  bool imgui_sdl = false;
  bool imgui_gl = false;
  bool event_watch = false;
  int frames_wanted = 0;
  std::function<void(float)> scale_listener;
  float pixel_scale = 0;  // what the fonts were last rasterised for; 0 = not yet
  float emulated_ratio = 1;  // device pixels per monitor pixel (desktop preview); 1 on the web
  bool capture_wanted = false;
  std::vector<unsigned char> capture;
  int capture_width = 0, capture_height = 0;

  // Reads the frame just drawn (before the swap, while the back buffer holds it).
  void read_back_buffer() {
    SDL_GL_GetDrawableSize(window, &capture_width, &capture_height);
    const size_t row = static_cast<size_t>(capture_width) * 4;
    capture.assign(row * static_cast<size_t>(capture_height), 0);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, capture_width, capture_height, GL_RGBA, GL_UNSIGNED_BYTE, capture.data());
    for (int y = 0; y < capture_height / 2; ++y)  // GL's rows start at the bottom
      std::swap_ranges(capture.begin() + static_cast<long>(static_cast<size_t>(y) * row),
                       capture.begin() + static_cast<long>(static_cast<size_t>(y + 1) * row),
                       capture.begin() + static_cast<long>(static_cast<size_t>(capture_height - 1 - y) * row));
  }

  // Re-rasterises the fonts when the window's pixel density changed since the last frame.
  void follow_pixel_scale() {
    int w = 0, h = 0, fb_w = 0, fb_h = 0;
    SDL_GetWindowSize(window, &w, &h);
    SDL_GL_GetDrawableSize(window, &fb_w, &fb_h);
    const float scale = (w > 0 ? static_cast<float>(fb_w) / static_cast<float>(w) : 1.0f) * emulated_ratio;
    if (scale == pixel_scale || !scale_listener) return;
    pixel_scale = scale;
    scale_listener(scale);
    renderer::reload_fonts_texture();
  }

  void request(int n) {
    if (n > frames_wanted) frames_wanted = n;
  }

  ~Impl() {
    if (event_watch) SDL_DelEventWatch(on_event, this);
    if (imgui_gl) renderer::shutdown();
    if (imgui_sdl) ImGui_ImplSDL2_Shutdown();
    if (ImGui::GetCurrentContext()) ImGui::DestroyContext();
    if (gl) SDL_GL_DeleteContext(gl);
    if (window) SDL_DestroyWindow(window);
    SDL_Quit();
  }
};

namespace {

// True while ImGui sees a mouse button or key held: it needs frames for drags and key repeat.
bool input_held() {
  const ImGuiIO& io = ImGui::GetIO();
  for (bool down : io.MouseDown) if (down) return true;
  for (bool down : io.KeysDown) if (down) return true;
  return false;
}


std::string sdl_failure(const char* what) { return std::string(what) + ": " + SDL_GetError(); }

}  // namespace

std::unique_ptr<Platform> Platform::create(const WindowOptions& options, std::string& error) {
  auto impl = std::make_unique<Impl>();
  if (SDL_Init(SDL_INIT_VIDEO) != 0) {
    error = sdl_failure("SDL_Init");
    return nullptr;
  }
  set_gl_attributes();
  SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
  const auto flags = SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI;
  impl->window = SDL_CreateWindow(options.title, SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, options.width,
                                  options.height, flags);
  if (!impl->window) {
    error = sdl_failure("SDL_CreateWindow");
    return nullptr;
  }
  impl->gl = SDL_GL_CreateContext(impl->window);
  if (!impl->gl) {
    error = sdl_failure("SDL_GL_CreateContext");
    return nullptr;
  }
  SDL_GL_MakeCurrent(impl->window, impl->gl);
  SDL_GL_SetSwapInterval(1);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;  // no imgui.ini: no filesystem on the web, no litter on the desktop
  impl->imgui_sdl = ImGui_ImplSDL2_InitForOpenGL(impl->window, impl->gl);
  impl->imgui_gl = renderer::init();
  if (!impl->imgui_sdl || !impl->imgui_gl) {
    error = "ImGui backend initialisation failed";
    return nullptr;
  }
  SDL_AddEventWatch(Impl::on_event, impl.get());
  impl->event_watch = true;
  impl->frames_wanted = kFramesAfterEvent;  // the first frames, before any event
  return std::unique_ptr<Platform>(new Platform(std::move(impl)));
}

Platform::Platform(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Platform::~Platform() = default;

bool Platform::step(const std::function<void()>& draw) {
  bool open = true;
  SDL_Event event;
  while (SDL_PollEvent(&event)) {
    ImGui_ImplSDL2_ProcessEvent(&event);
    if (event.type == SDL_QUIT) open = false;
  }

  impl_->follow_pixel_scale();
  renderer::new_frame();
  ImGui_ImplSDL2_NewFrame();
  if (impl_->emulated_ratio != 1) {
    // The backend measured the window in monitor pixels; the emulated device has fewer, denser ones.
    ImGuiIO& io = ImGui::GetIO();
    const float r = impl_->emulated_ratio;
    io.DisplaySize = ImVec2(io.DisplaySize.x / r, io.DisplaySize.y / r);
    io.DisplayFramebufferScale = ImVec2(io.DisplayFramebufferScale.x * r, io.DisplayFramebufferScale.y * r);
    if (io.MousePos.x != -FLT_MAX) io.MousePos = ImVec2(io.MousePos.x / r, io.MousePos.y / r);
  }
  ImGui::NewFrame();
  draw();
  ImGui::Render();

  ImDrawData* draw_data = ImGui::GetDrawData();
  glViewport(0, 0, static_cast<int>(draw_data->DisplaySize.x * draw_data->FramebufferScale.x),
             static_cast<int>(draw_data->DisplaySize.y * draw_data->FramebufferScale.y));
  glClearColor(1.0f, 1.0f, 1.0f, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  renderer::render(draw_data);
  if (impl_->capture_wanted) {
    impl_->capture_wanted = false;
    impl_->read_back_buffer();
  }
  SDL_GL_SwapWindow(impl_->window);

  if (impl_->frames_wanted > 0) --impl_->frames_wanted;
  if (input_held() && impl_->frames_wanted < 1) impl_->frames_wanted = 1;
  return open;
}

void Platform::request_frames(int n) { impl_->request(n); }
bool Platform::wants_frame() const { return impl_->frames_wanted > 0; }

void Platform::set_emulated_pixel_ratio(float ratio) {
  if (ratio <= 0 || ratio == impl_->emulated_ratio) return;
  const float growth = ratio / impl_->emulated_ratio;
  impl_->emulated_ratio = ratio;
  int w = 0, h = 0;
  SDL_GetWindowSize(impl_->window, &w, &h);
  // A window manager keeps it on the screen; a screenshot under Xvfb may exceed the screen.
  SDL_SetWindowSize(impl_->window, static_cast<int>(static_cast<float>(w) * growth),
                    static_cast<int>(static_cast<float>(h) * growth));
  impl_->pixel_scale = 0;  // re-rasterise before the next frame
  impl_->request(kFramesAfterEvent);
}

void Platform::wait_for_event(int timeout_ms) { SDL_WaitEventTimeout(nullptr, timeout_ms); }

void Platform::capture_next_frame() { impl_->capture_wanted = true; }

std::vector<unsigned char> Platform::take_capture(int& width, int& height) {
  width = impl_->capture_width;
  height = impl_->capture_height;
  return std::move(impl_->capture);
}

void Platform::set_pixel_scale_listener(std::function<void(float)> listener) {
  impl_->scale_listener = std::move(listener);
  impl_->pixel_scale = 0;  // call it before the next frame
}

}  // namespace ketascreen::widgets
