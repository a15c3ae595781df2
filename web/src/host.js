// The widget's side of the bridge (source: web/src/host.js): emcc appends it to its ES-module
// glue (--extern-post-js), so it runs wherever the glue runs: in the loader's worker (the glue
// file is the worker's script) or, where a worker cannot draw, on the page's main thread (the
// loader imports the glue and calls connect()). It owns one module instance per mounted widget
// and turns the loader's messages into the wasm's exports, and the wasm's events into messages,
// by the names in web/src/bridge.hpp (build-wasm.sh fills them in below). It knows nothing of
// the page: no DOM, no fetch but the wasm's own.
//   loader -> host  [0, 'compile', wasmBytes]                (the wasm, compiled once for all)
//                   [widget, 'mount', {canvas}]              (canvas: the page's, on the main thread)
//                   [widget, 'canvas', offscreenCanvas]      (in a worker: the canvas, once the page has
//                                                             painted the first question as HTML)
//                   [widget, call, ...arguments]             (a call of bridge.hpp)
//   host -> loader  [widget, event, detailJson]              (an event of bridge.hpp)
const BRIDGE = @KETASCREEN_BRIDGE@;

// The compiled wasm, shared by every widget of this realm, from the bytes the loader fetched
// (checked against their hash there); the first 'compile' counts. Mounts wait for it.
let compiled = null, compiledNow;
const wasmModule = () => compiled || (compiled = new Promise((resolve) => (compiledNow = resolve)));

// post(message): how events reach the loader. Returns receive(message) for the loader's messages.
export const connect = (post) => {
  const widgets = new Map();

  // A call, its arguments converted by their kinds (bridge.hpp); strings and bytes are copied into
  // the instance's memory for the call and freed after it.
  const call = (mod, name, args) => {
    const kinds = BRIDGE.calls[name], heap = [], wasmArgs = [];
    if (kinds == null) throw new Error('KetaScreen: no bridge call ' + name);
    [...kinds].forEach((kind, i) => {
      let v = args[i];
      if (kind === 'n') return wasmArgs.push(Number(v) || 0);
      v = kind === 's' ? new TextEncoder().encode(String(v == null ? '' : v)) : new Uint8Array(v);
      const p = mod._malloc(v.length + 1);
      mod.HEAPU8.set(v, p);
      mod.HEAPU8[p + v.length] = 0;
      heap.push(p);
      wasmArgs.push(p);
      if (kind === 'b') wasmArgs.push(v.length);
    });
    mod['_ketascreen_' + name](...wasmArgs);
    heap.forEach(mod._free);
  };

  const mount = (w, { canvas }) => {
    const queue = [];
    widgets.set(w, queue); // calls wait here until the instance exists
    const event = (name, detail) => post([w, name, detail]);
    createKetaScreenModule({
      canvas,
      instantiateWasm: (imports, receive) => {
        wasmModule().then((m) => WebAssembly.instantiate(m, imports).then((instance) => receive(instance, m)))
          .catch((e) => event('error', JSON.stringify({ message: String(e.message || e), fatal: true })));
        return {};
      },
      onKetascreenEvent: event,
    }).then((mod) => {
      if (widgets.get(w) !== queue) return; // unmounted meanwhile
      widgets.set(w, mod);
      if (canvas) useCanvas(w, mod, canvas);
      queue.forEach((m) => receive(m));
    });
  };

  // The canvas the wasm draws on (Module.canvas, which its WebGL context is made on). A lost
  // context: the widget goes on without pixels, with its session.
  const useCanvas = (w, mod, canvas) => {
    mod.canvas = canvas;
    canvas.addEventListener('webglcontextlost', () => widgets.get(w) === mod && call(mod, 'context_lost', []));
  };

  const receive = (m) => {
    const [w, name, ...args] = m, mod = widgets.get(w);
    if (name === 'compile') return wasmModule(), compiledNow && compiledNow(WebAssembly.compile(args[0])), (compiledNow = null);
    if (name === 'mount') return mount(w, args[0]);
    if (!mod) return;
    if (name === 'stop') widgets.delete(w);
    if (Array.isArray(mod)) return name === 'stop' || mod.push(m);
    if (name === 'canvas') return useCanvas(w, mod, args[0]);
    try {
      call(mod, name, args);
    } catch (e) {
      // A broken instance (a trap) cannot go on: its frames and timers stop, the loader shows
      // its plain fallback.
      widgets.delete(w);
      try {
        mod._ketascreen_stop();
      } catch (x) {}
      post([w, 'error', JSON.stringify({ message: String((e && e.message) || e), fatal: true })]);
    }
  };
  return receive;
};

// In the loader's worker: this file is the worker's script.
if (typeof WorkerGlobalScope != 'undefined' && self instanceof WorkerGlobalScope) {
  const receive = connect((m) => postMessage(m));
  onmessage = (e) => receive(e.data);
  // Whether this worker can draw: older Safari has OffscreenCanvas, but no WebGL in it (the
  // loader then runs the widget on the main thread).
  postMessage(['', 'hello', typeof OffscreenCanvas != 'undefined' && typeof WebGL2RenderingContext != 'undefined']);
}
