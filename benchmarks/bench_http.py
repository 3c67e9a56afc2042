"""Benchmark the Slack HTTP surface under gunicorn on loopback.

N concurrent clients (1, 4, 20) send signed /rte requests; we measure requests per second and
the time to ack (HTTP 200). In the same run, the same load goes to a bare Bolt app whose /rte
handler only acks, and we print the ratios: answers are built after the ack, so the answering
app should keep >= 0.8 of the bare app's throughput and a p99 within 1.25x of the bare p99.
Each gunicorn worker model given is measured the same way, side by side.

Run: .venv/bin/python benchmarks/bench_http.py [--seconds 5] [--models sync:2 gthread:2x4]
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlencode

from slack_sdk.signature import SignatureVerifier

ROOT = Path(__file__).resolve().parents[1]
DB_DIR = tempfile.mkdtemp(prefix="rte-bot-bench-")  # feedback written during the run goes here

SECRET = "bench-signing-secret-0123456789"
APPS = {"answering": "bot.serve:wsgi()", "bare": "benchmarks.bare_app:wsgi()"}
QUESTIONS = [
    "does an RTE handle scope?",
    "is an RTE a business analyst?",
    "RTE vs program manager",
    "who removes impediments?",
    "does the CFO approve the budget?",
]


class Sink:
    """Stands in for Slack's side: accepts every Web API call and response_url post at once
    (a real Slack does that work on its own machines, not on ours)."""

    def __init__(self) -> None:
        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                body = (
                    b'{"ok": true, "ts": "1.1", "user_id": "U0", "bot_id": "B0", "team_id": "T0"}'
                )
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def gunicorn_args(model: str, port: int, target: str) -> list[str]:
    kind, _, size = model.partition(":")
    args = [
        sys.executable,
        "-m",
        "gunicorn",
        target,
        "--bind",
        f"127.0.0.1:{port}",
        "--timeout",
        "60",
    ]
    if kind == "gthread":
        workers, _, threads = size.partition("x")
        threads = threads or "4"
        return [*args, "--worker-class", "gthread", "--workers", workers, "--threads", threads]
    return [*args, "--worker-class", "sync", "--workers", size or "1"]


def start(model: str, target: str, api_url: str) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    env = {
        **os.environ,
        "SLACK_BOT_TOKEN": "xoxb-bench",
        "SLACK_SIGNING_SECRET": SECRET,
        "SLACK_API_URL": api_url,
        "RTE_BOT_DB": os.path.join(DB_DIR, "bench.sqlite3"),
        "PYTHONPATH": str(ROOT),
        "LOG_LEVEL": "WARNING",
    }
    proc = subprocess.Popen(
        gunicorn_args(model, port, target),
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                break
        except OSError:
            time.sleep(0.2)
    time.sleep(0.5)
    return proc, port


def bodies(response_url: str) -> list[bytes]:
    return [
        urlencode(
            {
                "token": "x",
                "team_id": "T0RTE0001",
                "channel_id": "C0KB12345",
                "user_id": "U0ASKER01",
                "command": "/rte",
                "text": q,
                "response_url": response_url,
                "trigger_id": "1.2.3",
                "api_app_id": "A0RTEBOT1",
            }
        ).encode()
        for q in QUESTIONS
    ]


def load(
    port: int, concurrency: int, seconds: float, payloads: list[bytes]
) -> tuple[float, list[float]]:
    verifier = SignatureVerifier(SECRET)
    latencies: list[float] = []
    lock = threading.Lock()
    stop = time.monotonic() + seconds
    errors = []

    def client(n: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine = []
        i = n
        while time.monotonic() < stop:
            body = payloads[i % len(payloads)]
            i += 1
            ts = str(int(time.time()))
            headers = {
                "Content-Type": "application/x-www-form-urlencoded",
                "X-Slack-Request-Timestamp": ts,
                "X-Slack-Signature": verifier.generate_signature(timestamp=ts, body=body),
            }
            t0 = time.perf_counter()
            try:
                conn.request("POST", "/slack/events", body=body, headers=headers)
                response = conn.getresponse()
                response.read()
            except (OSError, http.client.HTTPException) as exc:
                errors.append(exc)
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                continue
            if response.status != 200:
                errors.append(response.status)
            mine.append((time.perf_counter() - t0) * 1000)
        conn.close()
        with lock:
            latencies.extend(mine)

    started = time.monotonic()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(concurrency)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - started
    if errors:
        print(f"    ({len(errors)} errors, first: {errors[0]!r})")
    return len(latencies) / elapsed, latencies


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return (
        ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else float("nan")
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="load duration per point")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[1, 4, 20])
    parser.add_argument(
        "--models",
        nargs="+",
        default=["sync:2", "gthread:2x4"],
        help="gunicorn worker models: sync:WORKERS or gthread:WORKERSxTHREADS",
    )
    args = parser.parse_args()
    sink = Sink()
    payloads = bodies(sink.url + "response/bench")
    print(f"{os.cpu_count()} CPUs; {args.seconds:.0f} s per point; time to ack in ms\n")
    for model in args.models:
        results: dict[tuple[str, int], tuple[float, float, float]] = {}
        for name, target in APPS.items():
            proc, port = start(model, target, sink.url + "api/")
            try:
                load(port, 2, 1.0, payloads)  # warm-up
                for c in args.concurrency:
                    rps, lat = load(port, c, args.seconds, payloads)
                    results[(name, c)] = (rps, statistics.median(lat), pct(lat, 0.99))
            finally:
                proc.terminate()
                proc.wait(timeout=30)
        print(f"[gunicorn {model}]")
        for c in args.concurrency:
            a, b = results[("answering", c)], results[("bare", c)]
            print(
                f"  concurrency {c:>2}: "
                f"answering {a[0]:6.1f} req/s p50 {a[1]:6.2f} p99 {a[2]:7.2f} | "
                f"bare {b[0]:6.1f} req/s p50 {b[1]:6.2f} p99 {b[2]:7.2f} | "
                f"throughput x{a[0] / b[0]:.2f}, p99 x{a[2] / b[2]:.2f}"
            )
        print()
    sink.server.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
