"""Load test of ``kg serve`` on 127.0.0.1: many clients with cheap queries, then the same while
slow queries run.

Starts a real ``kg serve`` (``python -m kg.serve``, the same command line as ``kg serve``) on
a free port of 127.0.0.1 over a small graph (``output/``, committed), then, for each run:

1. cheap load: ``--clients`` concurrent clients (keep-alive connections) send ``--requests``
   cheap queries in all (an ASK and a small SELECT, in turn); errors, requests/s and latency
   (p50, p99, max);
2. the same load while ``--slow`` slow queries run (a 4-way cross product, stopped by the
   server's time limit, ``--timeout``, and sent again each time it is stopped; the load is
   repeated until it has lasted longer than the time limit, so that the measure includes
   slow queries being stopped and their workers replaced): the cheap queries' p99 and its
   extra delay over step 1;
3. the same two measures with a light load (``--light`` clients), where the extra delay is
   the delay a single cheap query sees.

Bounded: every request has a time limit, every scenario a deadline, and the whole script
ends in about a minute with the defaults. Only the standard library (asyncio sockets), and
traffic only to 127.0.0.1.

Usage::

    python bench/load.py                 # 3 runs, medians
    python bench/load.py --runs 1 --clients 50 --requests 500
"""

from __future__ import annotations

import argparse
import asyncio
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"

CHEAP = [
    "ASK { ?s a kgo:Person }",
    "SELECT ?c ?l WHERE { ?c a kgo:Company ; rdfs:label ?l } LIMIT 5",
]
SLOW = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
REQUEST_TIMEOUT = 30.0  # seconds, one request
SCENARIO_DEADLINE = 90.0  # seconds, one scenario


@dataclass
class Result:
    latencies: list[float] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)
    elapsed: float = 0.0

    def error(self, kind: str) -> None:
        self.errors[kind] = self.errors.get(kind, 0) + 1

    @property
    def error_count(self) -> int:
        return sum(self.errors.values())

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.elapsed if self.elapsed else 0.0

    def quantile(self, q: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def request_bytes(port: int, query: str) -> bytes:
    target = "/sparql?" + urllib.parse.urlencode({"query": query})
    return (
        f"GET {target} HTTP/1.1\r\nHost: {HOST}:{port}\r\n"
        "Accept: application/sparql-results+json\r\n\r\n"
    ).encode("ascii")


class Connection:
    """One keep-alive HTTP/1.1 connection, the least parsing the load needs."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(self, data: bytes) -> tuple[int, bytes]:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(HOST, self.port)
        assert self.reader is not None
        self.writer.write(data)
        await self.writer.drain()
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        length = 0
        close = False
        for line in lines[1:]:
            name, _, value = line.partition(":")
            name = name.strip().lower()
            if name == "content-length":
                length = int(value)
            elif name == "connection" and "close" in value.lower():
                close = True
        body = await self.reader.readexactly(length)
        if close:
            self.close()
        return status, body

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


async def cheap_load(port: int, clients: int, total: int) -> Result:
    result = Result()
    requests = [request_bytes(port, q) for q in CHEAP]
    counter = iter(range(total))

    async def client() -> None:
        connection = Connection(port)
        try:
            for index in counter:
                started = time.perf_counter()
                try:
                    status, _ = await asyncio.wait_for(
                        connection.request(requests[index % len(requests)]), REQUEST_TIMEOUT
                    )
                except (OSError, asyncio.IncompleteReadError, ValueError, TimeoutError) as error:
                    result.error(type(error).__name__)
                    connection.close()
                    continue
                if status == 200:
                    result.latencies.append(time.perf_counter() - started)
                else:
                    result.error(f"HTTP {status}")
        finally:
            connection.close()

    started = time.perf_counter()
    await asyncio.wait_for(
        asyncio.gather(*(client() for _ in range(clients))), SCENARIO_DEADLINE
    )
    result.elapsed = time.perf_counter() - started
    return result


async def with_slow_queries(
    port: int, slow: int, clients: int, total: int, at_least: float
) -> tuple[Result, str]:
    """The cheap load while ``slow`` clients keep a slow query running; the load is repeated
    until it has lasted ``at_least`` seconds (so that slow queries are stopped by the time
    limit, their workers replaced and the queries sent again while it is measured)."""
    stop = asyncio.Event()
    outcomes: list[str] = []
    data = request_bytes(port, SLOW)

    async def slow_client() -> None:
        while not stop.is_set():
            connection = Connection(port)
            try:
                status, body = await asyncio.wait_for(connection.request(data), REQUEST_TIMEOUT)
                outcomes.append(f"{status} {body.decode('utf-8', 'replace').strip()[:60]}")
            except (OSError, asyncio.IncompleteReadError, ValueError, TimeoutError) as error:
                outcomes.append(type(error).__name__)
            finally:
                connection.close()

    slow_tasks = [asyncio.ensure_future(slow_client()) for _ in range(slow)]
    await asyncio.sleep(0.05)  # the slow queries reach the server first
    result = Result()
    try:
        while result.elapsed < at_least:
            part = await cheap_load(port, clients, total)
            result.latencies += part.latencies
            for kind, count in part.errors.items():
                result.errors[kind] = result.errors.get(kind, 0) + count
            result.elapsed += part.elapsed
    finally:
        stop.set()
    await asyncio.wait_for(asyncio.gather(*slow_tasks), SCENARIO_DEADLINE)
    kinds = sorted(set(outcomes))
    return result, f"{len(outcomes)} slow queries: " + "; ".join(kinds)


# --------------------------------------------------------------------------- the server


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return int(sock.getsockname()[1])


def start_server(target: Path, port: int, timeout: float, workers: int | None, log: Path):
    command = [sys.executable, "-m", "kg.serve", str(target), "--host", HOST, "--port",
               str(port), "--timeout", str(timeout)]  # fmt: skip
    if workers is not None:
        command += ["--workers", str(workers)]
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    with open(log, "wb") as out:
        process = subprocess.Popen(
            command, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env=env
        )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"kg serve exited:\n{log.read_text(errors='replace')}")
        try:
            status, _ = asyncio.run(
                asyncio.wait_for(Connection(port).request(request_bytes(port, CHEAP[0])), 5)
            )
            if status == 200:
                return process
        except (OSError, asyncio.IncompleteReadError, ValueError, TimeoutError):
            pass
        time.sleep(0.2)
    process.kill()
    raise SystemExit(f"kg serve did not start:\n{log.read_text(errors='replace')}")


def stop_server(process: subprocess.Popen[bytes]) -> None:
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=20)


# --------------------------------------------------------------------------- report


def line(name: str, result: Result) -> str:
    errors = ", ".join(f"{k} {v}" for k, v in sorted(result.errors.items())) or "0"
    return (
        f"  {name:<28} {len(result.latencies):>5} ok  errors {errors:<6} "
        f"{result.rate:7.0f} req/s  p50 {result.quantile(0.5):6.3f} s  "
        f"p99 {result.quantile(0.99):6.3f} s  max {max(result.latencies, default=0):6.3f} s"
    )


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--target", type=Path, default=ROOT / "output",
                        help="what kg serve serves (default: output/)")  # fmt: skip
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--light", type=int, default=10, help="clients of the light load")
    parser.add_argument("--light-requests", type=int, default=500)
    parser.add_argument("--slow", type=int, default=2, help="slow queries running at once")
    parser.add_argument("--timeout", type=float, default=3.0,
                        help="the server's query time limit (s)")  # fmt: skip
    parser.add_argument("--workers", type=int, default=None,
                        help="the server's --workers (default: its own)")  # fmt: skip
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    if args.clients < 1 or args.requests < 1 or args.runs < 1 or args.slow < 0:
        parser.error("--clients, --requests and --runs are at least 1, --slow at least 0")

    port = free_port()
    with tempfile.TemporaryDirectory(prefix="kg-load-") as tmp:
        log = Path(tmp) / "serve.log"
        server = start_server(args.target, port, args.timeout, args.workers, log)
        try:
            announce = log.read_text(errors="replace").splitlines()[0]
            print(announce)
            print(f"machine: {os.cpu_count()} CPUs; load: {args.clients} clients x "
                  f"{args.requests} cheap queries; {args.slow} slow queries; "
                  f"light load {args.light} clients x {args.light_requests}")  # fmt: skip
            rows: dict[str, list[Result]] = {}
            for run in range(1, args.runs + 1):
                print(f"run {run}:")
                scenarios = [
                    ("cheap", lambda: cheap_load(port, args.clients, args.requests)),
                    ("cheap + slow", lambda: with_slow_queries(
                        port, args.slow, args.clients, args.requests, args.timeout + 1)),
                    ("light", lambda: cheap_load(port, args.light, args.light_requests)),
                    ("light + slow", lambda: with_slow_queries(
                        port, args.slow, args.light, args.light_requests, args.timeout + 1)),
                ]  # fmt: skip
                for name, make in scenarios:
                    if "slow" in name and args.slow == 0:
                        continue
                    outcome = asyncio.run(make())
                    note = ""
                    if isinstance(outcome, tuple):
                        result, note = outcome
                    else:
                        result = outcome
                    rows.setdefault(name, []).append(result)
                    print(line(name, result) + (f"\n      ({note})" if note else ""))
                    time.sleep(0.5)
        finally:
            stop_server(server)
        log_lines = log.read_text(errors="replace").splitlines()
    tracebacks = sum(1 for entry in log_lines if entry.startswith("Traceback"))

    print(f"\nmedians of {args.runs} run(s):")
    summary: dict[str, dict[str, float]] = {}
    for name, results in rows.items():
        summary[name] = {
            "errors": median([r.error_count for r in results]),
            "rate": median([r.rate for r in results]),
            "p50": median([r.quantile(0.5) for r in results]),
            "p99": median([r.quantile(0.99) for r in results]),
        }
        s = summary[name]
        print(f"  {name:<14} errors {s['errors']:g}  {s['rate']:7.0f} req/s  "
              f"p50 {s['p50']:.3f} s  p99 {s['p99']:.3f} s")  # fmt: skip
    total_errors = sum(r.error_count for results in rows.values() for r in results)
    verdicts = [
        ("no errors", total_errors == 0, f"{total_errors} errors in all runs"),
        ("cheap load p99 < 0.5 s", summary["cheap"]["p99"] < 0.5,
         f"p99 {summary['cheap']['p99']:.3f} s"),
    ]  # fmt: skip
    for base in ("cheap", "light"):
        slow_name = base + " + slow"
        if slow_name in summary:
            extra = [b.quantile(0.99) - a.quantile(0.99) for a, b in zip(
                rows[base], rows[slow_name], strict=True)]  # fmt: skip
            delay = median(extra)
            verdicts.append((f"slow queries delay {base} queries < 0.5 s (p99)", delay < 0.5,
                             f"extra p99 {delay:+.3f} s"))  # fmt: skip
    verdicts.append(("no traceback in the server log", tracebacks == 0,
                     f"{len(log_lines)} log lines, {tracebacks} tracebacks"))  # fmt: skip
    print("\ntargets:")
    for name, ok, detail in verdicts:
        print(f"  {'met' if ok else 'NOT MET':<8} {name}: {detail}")
    return 0 if all(ok for _, ok, _ in verdicts) else 1


if __name__ == "__main__":
    sys.exit(main())
