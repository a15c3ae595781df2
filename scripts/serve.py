#!/usr/bin/env python3
"""Serves a directory on 127.0.0.1 for the demo pages (./build-wasm.sh serve).

python3's http.server guesses MIME types from the system tables, which may lack .wasm; browsers
then refuse WebAssembly.instantiateStreaming (streaming compilation), so the types that matter are
pinned here. With --csp (or --strict-csp, the policy of DESIGN.md) every HTML page is sent with a
Content-Security-Policy header, to try the widget under a clinic's strict policy
(web/demo/csp.html carries the same policy in a <meta> tag, so it is strict either way).
usage: serve.py DIR [--port 8080] [--csp POLICY | --strict-csp]
"""
import argparse
import functools
import http.server

STRICT_CSP = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
              "img-src 'self' data:; connect-src 'self' http://127.0.0.1:* http://localhost:*")


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".html": "text/html; charset=utf-8",
        ".wasm": "application/wasm",
        ".js": "text/javascript",
        ".mjs": "text/javascript",
        ".json": "application/json",
        ".svg": "image/svg+xml",
        ".css": "text/css",
    }
    csp = None

    def end_headers(self):
        # The demo should always show the latest build.
        self.send_header("Cache-Control", "no-store")
        if self.csp and self.path.split("?")[0].endswith((".html", "/")):
            self.send_header("Content-Security-Policy", self.csp)
        super().end_headers()


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory")
    parser.add_argument("--port", type=int, default=8080)
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--csp", metavar="POLICY", help="Content-Security-Policy header for HTML pages")
    group.add_argument("--strict-csp", action="store_true", help=f"the same with: {STRICT_CSP}")
    args = parser.parse_args()
    csp = STRICT_CSP if args.strict_csp else args.csp
    handler = functools.partial(type("CspHandler", (Handler,), {"csp": csp}), directory=args.directory)
    with http.server.ThreadingHTTPServer(("127.0.0.1", args.port), handler) as server:
        print(f"serving {args.directory} on http://127.0.0.1:{args.port}/" + (f" with CSP: {csp}" if csp else ""),
              flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
