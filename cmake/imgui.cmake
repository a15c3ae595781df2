# Dear ImGui 1.86 as a static library `imgui`, compiled from Debian's source package (unpacked by
# scripts/bootstrap-deps.sh; never committed), with ImGui's own SDL2 and OpenGL3 backends.
#   native:     libsdl2-dev + desktop OpenGL 3 (the backend's bundled loader dlopens libGL)
#   emscripten: the cached WebAssembly SDL2 build + GLES3 (WebGL2)
# If the source or SDL2 is missing, no target is defined and the caller skips the widgets.

set(IMGUI_DIR "${KETASCREEN_CACHE_DIR}/src/imgui-1.86+ds" CACHE PATH "Dear ImGui 1.86 source (Debian's imgui-1.86+ds)")
if(NOT EXISTS "${IMGUI_DIR}/imgui.cpp")
  message(STATUS "imgui: no source at ${IMGUI_DIR} (run scripts/bootstrap-deps.sh); widgets are skipped")
  return()
endif()

# --- SDL2 ---------------------------------------------------------------------------------------
if(EMSCRIPTEN)
  # bootstrap-deps.sh keys the directory by the SDL options; scripts/emenv.sh exports the exact one.
  if(NOT SDL2_WASM_DIR AND DEFINED ENV{SDL2_WASM_DIR})
    set(SDL2_WASM_DIR "$ENV{SDL2_WASM_DIR}")
  endif()
  if(NOT SDL2_WASM_DIR)
    file(GLOB _sdl2_candidates "${KETASCREEN_CACHE_DIR}/sdl2-wasm-2.26.5-*/lib/libSDL2.a")
    if(_sdl2_candidates)
      list(GET _sdl2_candidates 0 _sdl2_lib)
      get_filename_component(SDL2_WASM_DIR "${_sdl2_lib}/../.." ABSOLUTE)
    endif()
  endif()
  set(SDL2_WASM_DIR "${SDL2_WASM_DIR}" CACHE PATH "SDL2 2.26.5 built for WebAssembly (install prefix)")
  if(NOT EXISTS "${SDL2_WASM_DIR}/lib/libSDL2.a")
    message(WARNING "imgui: no WebAssembly SDL2 at '${SDL2_WASM_DIR}' (run scripts/bootstrap-deps.sh --wasm)")
    return()
  endif()
  add_library(ketascreen_sdl2 STATIC IMPORTED)
  set_target_properties(ketascreen_sdl2 PROPERTIES
    IMPORTED_LOCATION "${SDL2_WASM_DIR}/lib/libSDL2.a"
    INTERFACE_INCLUDE_DIRECTORIES "${SDL2_WASM_DIR}/include/SDL2")
  # Without this, emscripten's built-in SDL1 JavaScript library silently supplies any symbol our
  # trimmed SDL2 lacks; we want a link error instead.
  target_link_options(ketascreen_sdl2 INTERFACE "SHELL:-s USE_SDL=0")
  set(_imgui_sdl ketascreen_sdl2)
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
  "${IMGUI_DIR}/imgui_widgets.cpp"
  "${IMGUI_DIR}/backends/imgui_impl_sdl.cpp"
  "${IMGUI_DIR}/backends/imgui_impl_opengl3.cpp")
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
