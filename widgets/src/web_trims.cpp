// Link-time trims of SDL and of emscripten's JavaScript library for the wasm size budget
// (DESIGN.md "Budgets": the first visit must fit 250 KB gzip). WebAssembly build only; see
// widgets/CMakeLists.txt for the --wrap options, and src/platform.cpp for the first two trims
// (eglGetProcAddress, the software blitters). Each one cuts code that a GL window with system
// cursors, embedded in a page, never runs; the bytes are measured (gzip -9, emscripten 3.1.6).
//
// 1. A tiny EGL over emscripten's html5 WebGL API (-8.9 KB gzip of JS glue, with 3.). SDL's
//    emscripten driver makes its GL context through EGL, and emscripten's EGL library needs the
//    whole `Browser` object (main loop, fullscreen, pointer lock, preloading plugins; ~15 KB of
//    JS). These definitions take the place of those JS functions (the linker prefers them, as it
//    does eglGetProcAddress in platform.cpp), with what emscripten's EGL did: one display, one
//    config, one window surface, and a WebGL context on the module's canvas ("#canvas", which
//    platform.cpp maps to Module.canvas) with no alpha, stencil or antialiasing, and now no depth
//    buffer either (SDL's default 16 bits got one; ImGui never tests depth). Swapping is the
//    browser's (at the end of the animation frame), as before.
// 2. SDL surfaces, game controllers and gestures (-10.2, -7.7 and -1.6 KB gzip of wasm; the
//    controllers are mostly SDL's built-in mapping database): --wrap sends SDL's calls to the
//    functions below. Nothing here creates a surface (no window framebuffer, icon or custom
//    cursor: ImGui's SDL backend uses system cursors), so SDL_CreateRGBSurface,
//    SDL_ConvertSurfaceFormat (custom cursors) fail and SDL_FreeSurface only ever sees NULL;
//    that drops SDL's surface conversion and RLE code. ImGui's backend opens controller 0 every
//    frame to read the gamepad when ImGuiConfigFlags_NavEnableGamepad is set (never here), which
//    links SDL's controller-mapping database; SDL_GameControllerOpen says "none". SDL's $1 and
//    multi-finger gesture recognition (SDL_MULTIGESTURE, SDL_DOLLARGESTURE events, which ImGui
//    ignores) runs on every queued event; it is skipped. Touches still arrive as mouse events.
// 3. Fullscreen, pointer lock, beforeunload and the window title: SDL registers page-wide
//    fullscreenchange, pointerlockchange and beforeunload listeners and sets document.title to
//    the window title ("KetaScreen": it renamed the host page). The widget never goes fullscreen
//    or locks the pointer, and has no use for SDL_APP_TERMINATING (a beforeunload listener also
//    keeps some browsers from putting the page in the back/forward cache); these say "not
//    supported" and register nothing.
// 4. The canvas size: see below (not a trim of size but of waiting).
#ifdef __EMSCRIPTEN__

#include <EGL/egl.h>
#include <SDL.h>
#include <emscripten.h>
#include <emscripten/html5.h>

#include <cstdint>
#include <cstring>

// --- 1. EGL ------------------------------------------------------------------------------------
namespace {
// Handles SDL only compares with EGL_NO_* (0); the context is the html5 WebGL context handle.
const auto kDisplay = reinterpret_cast<EGLDisplay>(1);
const auto kConfig = reinterpret_cast<EGLConfig>(1);
const auto kSurface = reinterpret_cast<EGLSurface>(1);
EGLint g_egl_error = EGL_SUCCESS;

EGLBoolean egl_result(bool ok, EGLint error) {
  g_egl_error = ok ? EGL_SUCCESS : error;
  return ok ? EGL_TRUE : EGL_FALSE;
}
}  // namespace

extern "C" {

EGLDisplay eglGetDisplay(EGLNativeDisplayType /*display_id*/) { return kDisplay; }

EGLBoolean eglInitialize(EGLDisplay /*dpy*/, EGLint* major, EGLint* minor) {
  if (major) *major = 1;
  if (minor) *minor = 4;
  return egl_result(true, 0);
}

EGLBoolean eglTerminate(EGLDisplay /*dpy*/) { return egl_result(true, 0); }
EGLint eglGetError(void) { return g_egl_error; }
EGLBoolean eglBindAPI(EGLenum api) { return egl_result(api == EGL_OPENGL_ES_API, EGL_BAD_PARAMETER); }
// No extensions: SDL then asks for a plain GLES context by client version (3 = WebGL2).
const char* eglQueryString(EGLDisplay /*dpy*/, EGLint name) {
  switch (name) {
    case EGL_VENDOR: return "emscripten";
    case EGL_VERSION: return "1.4 emscripten";
    case EGL_CLIENT_APIS: return "OpenGL_ES";
    default: return "";  // EGL_EXTENSIONS
  }
}

EGLBoolean eglChooseConfig(EGLDisplay /*dpy*/, const EGLint* /*attrib_list*/, EGLConfig* configs,
                           EGLint config_size, EGLint* num_config) {
  if (num_config) *num_config = 1;
  if (configs && config_size > 0) configs[0] = kConfig;
  return egl_result(true, 0);
}

// The one config: 8-bit RGB, no alpha, depth or stencil (what the context below gets).
EGLBoolean eglGetConfigAttrib(EGLDisplay /*dpy*/, EGLConfig /*config*/, EGLint attribute, EGLint* value) {
  if (!value) return egl_result(false, EGL_BAD_PARAMETER);
  switch (attribute) {
    case EGL_RED_SIZE: case EGL_GREEN_SIZE: case EGL_BLUE_SIZE: *value = 8; break;
    case EGL_BUFFER_SIZE: *value = 24; break;
    case EGL_RENDERABLE_TYPE: *value = EGL_OPENGL_ES2_BIT; break;
    case EGL_SURFACE_TYPE: *value = EGL_WINDOW_BIT; break;
    case EGL_CONFIG_CAVEAT: *value = EGL_NONE; break;
    default: *value = 0; break;
  }
  return egl_result(true, 0);
}

EGLSurface eglCreateWindowSurface(EGLDisplay /*dpy*/, EGLConfig /*config*/, EGLNativeWindowType /*win*/,
                                  const EGLint* /*attrib_list*/) {
  g_egl_error = EGL_SUCCESS;
  return kSurface;
}

EGLBoolean eglDestroySurface(EGLDisplay /*dpy*/, EGLSurface /*surface*/) { return egl_result(true, 0); }

EGLContext eglCreateContext(EGLDisplay /*dpy*/, EGLConfig /*config*/, EGLContext /*share*/, const EGLint* attrib_list) {
  int client_version = 1;
  for (const EGLint* a = attrib_list; a && a[0] != EGL_NONE; a += 2)
    if (a[0] == EGL_CONTEXT_CLIENT_VERSION) client_version = a[1];
  if (client_version < 2 || client_version > 3) {
    g_egl_error = EGL_BAD_CONFIG;
    return EGL_NO_CONTEXT;
  }
  EmscriptenWebGLContextAttributes attrs;
  std::memset(&attrs, 0, sizeof attrs);  // no alpha, depth, stencil, antialias; no extensions enabled
  attrs.premultipliedAlpha = EM_TRUE;
  attrs.majorVersion = client_version - 1;  // GLES 3 = WebGL 2
  const EMSCRIPTEN_WEBGL_CONTEXT_HANDLE context = emscripten_webgl_create_context("#canvas", &attrs);
  g_egl_error = context > 0 ? EGL_SUCCESS : EGL_BAD_MATCH;
  return context > 0 ? reinterpret_cast<EGLContext>(static_cast<intptr_t>(context)) : EGL_NO_CONTEXT;
}

EGLBoolean eglDestroyContext(EGLDisplay /*dpy*/, EGLContext context) {
  const auto handle = static_cast<EMSCRIPTEN_WEBGL_CONTEXT_HANDLE>(reinterpret_cast<intptr_t>(context));
  return egl_result(emscripten_webgl_destroy_context(handle) == EMSCRIPTEN_RESULT_SUCCESS, EGL_BAD_CONTEXT);
}

EGLBoolean eglMakeCurrent(EGLDisplay /*dpy*/, EGLSurface /*draw*/, EGLSurface /*read*/, EGLContext context) {
  const auto handle = static_cast<EMSCRIPTEN_WEBGL_CONTEXT_HANDLE>(reinterpret_cast<intptr_t>(context));
  return egl_result(emscripten_webgl_make_context_current(handle) == EMSCRIPTEN_RESULT_SUCCESS, EGL_BAD_CONTEXT);
}

// The browser presents the canvas after each animation frame; nothing to do.
EGLBoolean eglSwapBuffers(EGLDisplay /*dpy*/, EGLSurface /*surface*/) { return egl_result(true, 0); }
EGLBoolean eglSwapInterval(EGLDisplay /*dpy*/, EGLint /*interval*/) { return egl_result(true, 0); }
EGLBoolean eglWaitGL(void) { return egl_result(true, 0); }
EGLBoolean eglWaitNative(EGLint /*engine*/) { return egl_result(true, 0); }

// --- 2. SDL (--wrap) ----------------------------------------------------------------------------
SDL_Surface* __wrap_SDL_CreateRGBSurface(Uint32, int, int, int, Uint32, Uint32, Uint32, Uint32) {
  SDL_SetError("surfaces are not built in");
  return nullptr;
}
SDL_Surface* __wrap_SDL_ConvertSurfaceFormat(SDL_Surface*, Uint32, Uint32) {
  SDL_SetError("surfaces are not built in");
  return nullptr;
}
void __wrap_SDL_FreeSurface(SDL_Surface*) {}  // only NULL gets here: no surface is ever made
SDL_GameController* __wrap_SDL_GameControllerOpen(int) {
  SDL_SetError("game controllers are not built in");
  return nullptr;
}
void __wrap_SDL_GestureProcessEvent(SDL_Event*) {}

// --- 3. html5 / browser -------------------------------------------------------------------------
EMSCRIPTEN_RESULT emscripten_set_fullscreenchange_callback_on_thread(const char*, void*, EM_BOOL,
                                                                     em_fullscreenchange_callback_func, pthread_t) {
  return EMSCRIPTEN_RESULT_SUCCESS;
}
EMSCRIPTEN_RESULT emscripten_set_pointerlockchange_callback_on_thread(const char*, void*, EM_BOOL,
                                                                      em_pointerlockchange_callback_func, pthread_t) {
  return EMSCRIPTEN_RESULT_SUCCESS;
}
EMSCRIPTEN_RESULT emscripten_set_beforeunload_callback_on_thread(void*, em_beforeunload_callback, pthread_t) {
  return EMSCRIPTEN_RESULT_SUCCESS;
}
EMSCRIPTEN_RESULT emscripten_request_fullscreen_strategy(const char*, EM_BOOL, const EmscriptenFullscreenStrategy*) {
  return EMSCRIPTEN_RESULT_NOT_SUPPORTED;
}
EMSCRIPTEN_RESULT emscripten_exit_fullscreen(void) { return EMSCRIPTEN_RESULT_NOT_SUPPORTED; }
EMSCRIPTEN_RESULT emscripten_request_pointerlock(const char*, EM_BOOL) { return EMSCRIPTEN_RESULT_NOT_SUPPORTED; }
EMSCRIPTEN_RESULT emscripten_exit_pointerlock(void) { return EMSCRIPTEN_RESULT_NOT_SUPPORTED; }
void emscripten_set_window_title(const char*) {}  // the page's title is the page's

}  // extern "C"

// --- 4. Canvas size --------------------------------------------------------------------------
// Every change of a WebGL canvas's backing store makes the browser wait for the GPU process
// (Chromium checks the new framebuffer synchronously; ~0.3 s while the GPU process was busy with
// the page's first paint, in bench/RESULTS.md's traces). SDL_CreateWindow sets the canvas to 1x1
// to find out whether CSS sizes it, then to its size; the loader always sizes the canvas with CSS
// and gives the backing store its final size before the wasm starts. So the 1x1 probe is skipped
// (CSS then reads as the canvas's own size, which it is), and a size equal to the current one is
// not written again (the HTML spec resets the canvas on any write, even of the same value).
EM_JS(void, ks_set_canvas_size, (int width, int height), {
  var canvas = Module["canvas"];
  if (canvas.width != width) canvas.width = width;
  if (canvas.height != height) canvas.height = height;
});

extern "C" EMSCRIPTEN_RESULT emscripten_set_canvas_element_size(const char* /*target: always "#canvas"*/, int width,
                                                                int height) {
  if (width == 1 && height == 1) return EMSCRIPTEN_RESULT_SUCCESS;
  ks_set_canvas_size(width, height);
  return EMSCRIPTEN_RESULT_SUCCESS;
}

// SDL's display mode (library_browser.js has the same two lines, but needs `Browser`).
EM_JS(void, ks_screen_size, (int* width, int* height), {
  HEAP32[width >> 2] = screen.width;
  HEAP32[height >> 2] = screen.height;
});
extern "C" void emscripten_get_screen_size(int* width, int* height) { ks_screen_size(width, height); }

#endif  // __EMSCRIPTEN__
