# Dear ImGui 1.86 as a static library `imgui`, compiled from Debian's source package (unpacked by
# scripts/bootstrap-deps.sh; never committed), with ImGui's own SDL2 and OpenGL3 backends.
#   native:     libsdl2-dev + desktop OpenGL 3 (the backend's bundled loader dlopens libGL)
#   emscripten: ImGui alone (the browser platform and WebGL2 renderer are web/src/'s)
# If the source (or, natively, SDL2) is missing, no target is defined and the caller skips the widgets.

set(IMGUI_DIR "${KETASCREEN_CACHE_DIR}/src/imgui-1.86+ds" CACHE PATH "Dear ImGui 1.86 source (Debian's imgui-1.86+ds)")
if(NOT EXISTS "${IMGUI_DIR}/imgui.cpp")
  message(STATUS "imgui: no source at ${IMGUI_DIR} (run scripts/bootstrap-deps.sh); widgets are skipped")
  return()
endif()

# --- SDL2 ---------------------------------------------------------------------------------------
# The desktop preview only: in the browser the widget has its own narrow platform
# (web/src/browser_platform.hpp) and ImGui is built without backends.
if(EMSCRIPTEN)
  set(_imgui_sdl "")
else()
  find_package(SDL2 CONFIG QUIET)
  if(NOT TARGET SDL2::SDL2)
    message(STATUS "imgui: SDL2 development files not found (apt-get install libsdl2-dev); widgets are skipped")
    return()
  endif()
  find_package(OpenGL QUIET)
  if(NOT TARGET OpenGL::GL)
    message(STATUS "imgui: OpenGL development files not found (apt-get install libgl-dev); widgets are skipped")
    return()
  endif()
  set(_imgui_sdl SDL2::SDL2)
endif()

# --- the library ---------------------------------------------------------------------------------
add_library(imgui STATIC
  "${IMGUI_DIR}/imgui.cpp"
  "${IMGUI_DIR}/imgui_draw.cpp"
  "${IMGUI_DIR}/imgui_tables.cpp"
  "${IMGUI_DIR}/imgui_widgets.cpp")
if(NOT EMSCRIPTEN)
  target_sources(imgui PRIVATE "${IMGUI_DIR}/backends/imgui_impl_sdl.cpp" "${IMGUI_DIR}/backends/imgui_impl_opengl3.cpp")
endif()
# SYSTEM: our -Werror targets include these headers.
target_include_directories(imgui SYSTEM PUBLIC "${IMGUI_DIR}" "${IMGUI_DIR}/backends")
target_link_libraries(imgui PUBLIC ${_imgui_sdl})
# PUBLIC: every translation unit that includes imgui.h must see the same configuration.
target_compile_definitions(imgui PUBLIC
  IMGUI_DISABLE_OBSOLETE_FUNCTIONS   # keep us on the 1.86 API proper
  IMGUI_DISABLE_DEMO_WINDOWS)        # imgui_demo.cpp is not compiled at all
if(EMSCRIPTEN)
  target_compile_definitions(imgui PUBLIC
    IMGUI_IMPL_OPENGL_ES3             # WebGL2; the backend would otherwise pick ES2/WebGL1
    IMGUI_DISABLE_METRICS_WINDOW      # debugging aid, not shipped (size)
    IMGUI_DISABLE_FILE_FUNCTIONS)     # no filesystem in the wasm (-sFILESYSTEM=0); no imgui.ini
else()
  # The OpenGL3 backend's loader dlopens libGL; hosts call a few GL 1.x functions directly.
  target_link_libraries(imgui PUBLIC OpenGL::GL ${CMAKE_DL_LIBS})
endif()
