#!/usr/bin/env python3
"""Crash safety: `kill -9` of ketascreen-server while 50 clients post loses no acknowledged referral.

usage: crash_test.py <ketascreen-server> <ketascreen-cli> <content-dir> [--rounds N]

Each round starts the server (SQLite, a throw-away folder, a free loopback port), lets 50 client
threads post distinct referrals as fast as they can, kills the server with SIGKILL at a different
moment each round, restarts it, and then sends every request that had been answered 201 again:
each must come back 200 with the first receipt (stored, once, unchanged), and the database must
hold exactly the referrals acknowledged plus at most the ones whose answer was lost in the kill.
Exits 0 or 1 with one line saying what happened.
"""
import argparse
import http.client
import json
import os
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time

CLIENTS = 50


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def post(port, body, key, timeout=10):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request("POST", "/api/referrals", body=body,
                     headers={"Content-Type": "application/json", "Idempotency-Key": key})
        r = conn.getresponse()
        return r.status, r.read().decode()
    finally:
        conn.close()


class Server:
    def __init__(self, binary, config, port):
        self.binary, self.config, self.port = binary, config, port
        self.proc = None

    def start(self):
        self.proc = subprocess.Popen([self.binary, "serve", "--config", self.config],
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        line = self.proc.stdout.readline()
        if "listening on" not in line:
            raise RuntimeError(f"ketascreen-server did not start: {line!r}")

    def kill(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait()

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("server")
    parser.add_argument("cli")
    parser.add_argument("content")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="ketascreen-crash-") as tmp:
        bundle = os.path.join(tmp, "content.json")
        subprocess.run([args.cli, "bundle", args.content, "-o", bundle], check=True, stderr=subprocess.DEVNULL)
        port = free_port()
        config = os.path.join(tmp, "server.json")
        with open(config, "w") as f:
            json.dump({"listen": {"address": "127.0.0.1", "port": port}, "database": "crash.sqlite3",
                       "key_file": "crash.key", "content": "content.json", "threads": 16,
                       "rate_limit": {"new_referrals_per_hour": 1000000, "burst": 1000000}}, f)
        subprocess.run([args.server, "init", "--config", config], check=True, stdout=subprocess.DEVNULL)

        # Payloads made up front (the CLI builds them exactly as the widget does), a fresh pool of
        # 100 per client for every round: several times the most any round acknowledges before
        # its kill (700), so every kill lands in mid-burst.
        per_client = 100

        def pool():
            made = []
            for outcome in ["likely_candidate", "discuss_with_provider"]:
                lines = subprocess.run([args.cli, "example-referral", bundle, "--outcome", outcome,
                                        "--count", str(CLIENTS * per_client // 2)],
                                       check=True, capture_output=True, text=True).stdout.splitlines()
                made += [(json.loads(line)["id"], line) for line in lines]
            return made

        pools = [pool() for _ in range(args.rounds)]
        server = Server(args.server, config, port)
        acknowledged = {}  # id -> (body, receipt)
        sent = set()       # every id whose request reached the wire
        lock = threading.Lock()
        total_rounds_ok = 0
        try:
            for round_no in range(args.rounds):
                server.start()
                stop = threading.Event()
                queue = pools[round_no]
                chunks = [queue[i::CLIENTS] for i in range(CLIENTS)]

                def client(chunk):
                    for key, body in chunk:
                        if stop.is_set():
                            return
                        with lock:
                            sent.add(key)
                        try:
                            status, text = post(port, body, key)
                        except (OSError, http.client.HTTPException):
                            # The server is gone (the kill), or a busy machine refused or reset
                            # one connection: go on with the next referral until told to stop,
                            # so a transient error never ends the burst before the kill.
                            time.sleep(0.01)
                            continue
                        if status == 201:
                            with lock:
                                acknowledged[key] = (body, text)

                threads = [threading.Thread(target=client, args=(c,)) for c in chunks]
                for t in threads:
                    t.start()
                # A different moment each round: early, middle, later in the burst. The moment is a
                # count of acknowledgements this round, not a time, so a slow or busy machine still
                # kills in mid-burst.
                before_round = len(acknowledged)
                target = 100 + 300 * round_no
                deadline = time.monotonic() + 60
                while len(acknowledged) - before_round < target and time.monotonic() < deadline:
                    time.sleep(0.005)
                server.kill()
                mid_burst = any(t.is_alive() for t in threads)
                stop.set()
                for t in threads:
                    t.join()
                before = len(acknowledged)
                if not mid_burst or before - before_round < target:
                    print(f"crash: FAIL: round {round_no + 1}: the kill did not land while clients were posting "
                          f"({before - before_round} acknowledged this round)")
                    return 1
                server.start()
                lost = [k for k, (body, receipt) in acknowledged.items()
                        if post(port, body, k) != (200, receipt)]
                server.stop()
                if lost:
                    print(f"crash: FAIL: round {round_no + 1}: {len(lost)} of {before} acknowledged referrals "
                          f"lost or changed after kill -9 (first {lost[0]})")
                    return 1
                total_rounds_ok += 1
            db = sqlite3.connect(os.path.join(tmp, "crash.sqlite3"))
            rows = db.execute("SELECT COUNT(*), COUNT(DISTINCT id) FROM referrals").fetchone()
            db.close()
            if rows[0] != rows[1] or rows[0] < len(acknowledged) or rows[0] > len(sent):
                print(f"crash: FAIL: {rows[0]} rows ({rows[1]} distinct) for {len(acknowledged)} acknowledged, "
                      f"{len(sent)} sent")
                return 1
            if len(acknowledged) == 0:
                print("crash: FAIL: no referral was acknowledged before the kills (nothing tested)")
                return 1
        finally:
            server.kill()
        print(f"crash: ok: {args.rounds} kill -9 rounds with {CLIENTS} clients: {len(acknowledged)} acknowledged "
              f"referrals all present once after restart ({rows[0]} rows, {len(sent)} sent)")
        return 0


if __name__ == "__main__":
    sys.exit(main())
