"""Bounded load test of the web API on loopback: requests per second and latency percentiles.

Starts ``soraresist serve`` in a separate process on a free 127.0.0.1 port, then for each
workload sends requests from `--clients` threads for `--seconds` seconds:

- ``health``: GET /api/health, the framework's floor (the reference the others are read against);
- ``search``: GET /api/atlas/search?q=HIF-2α (synonym resolution, full-text search, JSON);
- ``simulation``: POST /api/simulations (sorafenib model, sorafenib, 200 trajectories, time 10)
  then GET until done; one "request" is the whole job, submit to result.

    .venv/bin/python benchmarks/web_load.py --seconds 10 --clients 4
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable

import httpx

from soraresist.web.live import free_port

SIMULATION = {"model": "sorafenib_hcc", "drugs": [{"name": "sorafenib"}], "samples": 200,
              "max_time": 10, "baseline": False}


def _search(client: httpx.Client) -> None:
    client.get("/api/atlas/search", params={"q": "HIF-2α"}).raise_for_status()


def _health(client: httpx.Client) -> None:
    client.get("/api/health").raise_for_status()


def _simulation(client: httpx.Client) -> None:
    while True:
        response = client.post("/api/simulations", json=SIMULATION)
        if response.status_code != 429:  # the job queue is bounded: wait for a free slot
            break
        time.sleep(0.01)
    response.raise_for_status()
    job = response.json()
    while job["status"] not in ("done", "failed"):
        time.sleep(0.01)
        job = client.get(f"/api/simulations/{job['id']}").json()
    if job["status"] != "done":
        raise RuntimeError(job["error"])


def measure(base: str, call: Callable[[httpx.Client], None], *, clients: int,
            seconds: float) -> dict[str, float]:
    """Run `call` from `clients` threads for `seconds`; requests/s and latency percentiles."""
    latencies: list[float] = []
    lock = threading.Lock()
    stop = time.perf_counter() + seconds

    def worker() -> None:
        with httpx.Client(base_url=base, timeout=60) as client:
            call(client)  # warm-up, not counted
            while time.perf_counter() < stop:
                started = time.perf_counter()
                call(client)
                with lock:
                    latencies.append(time.perf_counter() - started)

    began = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - began
    cuts = statistics.quantiles(latencies, n=100)
    return {"requests": len(latencies), "rps": len(latencies) / elapsed,
            "p50_ms": 1000 * cuts[49], "p95_ms": 1000 * cuts[94]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--clients", type=int, default=4)
    args = parser.parse_args()
    port = free_port()
    server = subprocess.Popen([sys.executable, "-c", "from soraresist.cli.serve import serve; "
                               "serve()", "--host", "127.0.0.1", "--port", str(port)])
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"{base}/api/health").raise_for_status()
                break
            except httpx.HTTPError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise SystemExit("the server did not start") from None
                time.sleep(0.2)
        print("| workload | clients | requests | requests/s | p50 ms | p95 ms |")
        print("|---|---|---|---|---|---|")
        for name, call in (("health", _health), ("search", _search),
                           ("simulation", _simulation)):
            r = measure(base, call, clients=args.clients, seconds=args.seconds)
            print(f"| {name} | {args.clients} | {r['requests']} | {r['rps']:,.1f} | "
                  f"{r['p50_ms']:.1f} | {r['p95_ms']:.1f} |", flush=True)
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
