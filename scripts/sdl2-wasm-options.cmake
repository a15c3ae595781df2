# Initial cache (cmake -C) for the WebAssembly build of SDL2 2.26.5 made by bootstrap-deps.sh.
# The widget needs only a window, events, timers and a WebGL2 (GLES3) context, so everything
# else is switched off: the wasm size budget (DESIGN.md) cannot afford the rest.
# The cache directory name hashes this file, so editing it triggers a rebuild.
set(CMAKE_BUILD_TYPE MinSizeRel CACHE STRING "")
set(CMAKE_C_FLAGS_MINSIZEREL "-Oz -flto -DNDEBUG" CACHE STRING "")
set(SDL_STATIC ON CACHE BOOL "")
set(SDL_SHARED OFF CACHE BOOL "")
set(SDL_TEST OFF CACHE BOOL "")
set(SDL2_DISABLE_SDL2MAIN ON CACHE BOOL "")
set(SDL2_DISABLE_UNINSTALL ON CACHE BOOL "")
set(SDL_CCACHE OFF CACHE BOOL "")
set(SDL_ASSERTIONS disabled CACHE STRING "")
# kept
set(SDL_VIDEO ON CACHE BOOL "")
set(SDL_EVENTS ON CACHE BOOL "")
set(SDL_TIMERS ON CACHE BOOL "")
set(SDL_OPENGLES ON CACHE BOOL "")
# dropped subsystems
foreach(opt AUDIO JOYSTICK HAPTIC HIDAPI SENSOR POWER RENDER FILESYSTEM FILE LOCALE MISC
            THREADS PTHREADS LOADSO CPUINFO ATOMIC OPENGL DUMMYVIDEO OFFSCREEN
            DISKAUDIO DUMMYAUDIO VIRTUAL_JOYSTICK)
  set(SDL_${opt} OFF CACHE BOOL "")
endforeach()
