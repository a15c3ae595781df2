#pragma once
// The bridge between the loader (web/ketascreen.js, on the page's main thread) and the widget
// (this wasm and its host, web/src/host.js, in a worker or on the main thread): every call and every
// event that crosses it, by name, written once here.
//
// A call is the message [widget, name, ...arguments] from the loader; the host passes the
// arguments to the wasm export `ketascreen_<name>` in this order, converting each by its kind:
//   s  a string, copied into the wasm's memory as UTF-8 (NUL-terminated; freed after the call)
//   b  bytes (an ArrayBuffer), copied in as a pointer and a length (two wasm arguments)
//   n  a number (booleans as 0/1)
// An event is the message [widget, name, detail] from the widget: `detail` is JSON written by
// core's serializer (an object; "{}" when there is nothing to say).
//
// build-wasm.sh runs `ketascreen-bridge` (bridge_js.cpp, built natively) to turn these lists into
// the JavaScript names the host reads and into emcc's EXPORTED_FUNCTIONS, so an export missing
// from web/src/main.cpp fails the link; tests/web/bridge_test.cpp checks the lists and that the
// loader uses exactly these names.

#include <string_view>

// X(name, argument kinds, what it does)
#define KETASCREEN_BRIDGE_CALLS(X)                                                                          \
  X(start, "bssnn", "bundle, locale, bundle file name, detailed events, dark: start the widget without " \
                    "pixels (draw_now then sends the first tree); a bad bundle sends error {fatal}")     \
  X(use_canvas, "", "make the WebGL2 context and draw on the canvas (rendering {how})")                      \
  X(context_lost, "", "the WebGL context was lost: go on without pixels (rendering {how: html})")            \
  X(stop, "", "tear everything down (unmount)")                                                               \
  X(reset, "", "back to the first question, a new generation (handle.reset())")                              \
  X(set_locale, "s", "locale (handle.setLocale())")                                                           \
  X(set_dark, "n", "dark theme on or off")                                                                    \
  X(set_text_scale, "n", "the page's root font size / 16 (browser text zoom)")                                \
  X(resize, "nnnnn", "CSS width, CSS height, devicePixelRatio, slice top, layout height (0: no slice)")      \
  X(pointer, "nn", "where a mouse hovers over the canvas (CSS px); -1, -1: nowhere")                          \
  X(draw_now, "", "draw a frame in this task (the first question, without waiting for an animation frame)") \
  X(history, "n", "the browser's Back/Forward reached the entry of this stop (at {index} answers)")          \
  X(activate, "s", "node id: the overlay's button, link, radio or checkbox was activated")                   \
  X(set_value, "ss", "node id, text: typed into the overlay's input")                                         \
  X(focus, "s", "node id ('' = none) the keyboard focus is on")                                               \
  X(select, "snn", "node id ('' = none), selection anchor, caret (UTF-8 bytes) of the focused input")        \
  X(referral_answered, "nn", "attempt's generation, HTTP status (0: a redirect, not followed)")              \
  X(referral_failed, "nn", "attempt's generation, online: no answer (network error, timeout)")               \
  X(referral_taken, "n", "attempt's generation: the page took the payload (ketascreen:referral prevented)")  \
  X(referral_refused, "n", "attempt's generation: no endpoint, and the page did not take it")                \
  X(referral_online, "", "the browser is back online: a waiting referral goes now")

// The host's own messages, around the wasm's calls and events: X(name, what it carries)
#define KETASCREEN_BRIDGE_HOST(X)                                                                            \
  X(compile, "loader -> host [0, 'compile', wasm bytes]: checked by the loader; the host compiles the first")  \
  X(mount, "loader -> host [widget, 'mount', {canvas}]: a new widget (on the main thread, with its canvas)")  \
  X(canvas, "loader -> worker [widget, 'canvas', OffscreenCanvas]: the canvas, handed over before use_canvas") \
  X(hello, "worker -> loader ['', 'hello', can draw]: the worker runs; false: no WebGL2 there")

// X(name, what its detail holds)
#define KETASCREEN_BRIDGE_EVENTS(X)                                                                          \
  X(ready, "{}: the first frame is done (its tree and height were sent before it)")                          \
  X(error, "{message, fatal}: fatal: the widget did not start (a bad bundle); the loader shows its fallback") \
  X(rendering, "{how: canvas | html}: the canvas shows its first frame, or the widget goes on as HTML")      \
  X(semantics, "{nodes}: the semantics tree, whenever it changed")                                           \
  X(height, "{height}: the content's height in CSS px")                                                      \
  X(max_pixels, "{pixels}: the tallest canvas GL draws into, device px")                                     \
  X(frames, "{count, pixels}: frames drawn so far (idle = none), the backing store's size (WxH)")            \
  X(step, "{step}: page event")                                                                              \
  X(outcome, "{}: page event (a result was shown, never which)")                                             \
  X(screen, "{screen}: page event, detailed events only")                                                    \
  X(history, "{index, generation}: the widget moved to another stop")                                        \
  X(at, "{index}: the stop the widget shows after a history call")                                           \
  X(keep, "{how: print | copy, done}: print or copy the result")                                             \
  X(referral, "{endpoint, payload, generation, number}: an attempt of the referral is due")                  \
  X(open_url, "{url}: a link was activated")

namespace ketascreen::web {

enum class Event {
#define KETASCREEN_EVENT_ENUM(name, what) name,
  KETASCREEN_BRIDGE_EVENTS(KETASCREEN_EVENT_ENUM)
#undef KETASCREEN_EVENT_ENUM
};

constexpr std::string_view name_of(Event event) {
  switch (event) {
#define KETASCREEN_EVENT_NAME(name, what) \
  case Event::name:                       \
    return #name;
    KETASCREEN_BRIDGE_EVENTS(KETASCREEN_EVENT_NAME)
#undef KETASCREEN_EVENT_NAME
  }
  return "";
}

struct BridgeCall {
  std::string_view name, kinds, what;
};
struct BridgeEvent {
  std::string_view name, what;
};

constexpr BridgeCall kBridgeCalls[] = {
#define KETASCREEN_CALL_ENTRY(name, kinds, what) {#name, kinds, what},
    KETASCREEN_BRIDGE_CALLS(KETASCREEN_CALL_ENTRY)
#undef KETASCREEN_CALL_ENTRY
};
constexpr BridgeEvent kBridgeHostMessages[] = {
#define KETASCREEN_HOST_ENTRY(name, what) {#name, what},
    KETASCREEN_BRIDGE_HOST(KETASCREEN_HOST_ENTRY)
#undef KETASCREEN_HOST_ENTRY
};
constexpr BridgeEvent kBridgeEvents[] = {
#define KETASCREEN_EVENT_ENTRY(name, what) {#name, what},
    KETASCREEN_BRIDGE_EVENTS(KETASCREEN_EVENT_ENTRY)
#undef KETASCREEN_EVENT_ENTRY
};

}  // namespace ketascreen::web
