"""A small benchmark harness: each figure is measured beside its floor, in the same run.

    python tests/benchmarks/run.py            # every benchmark, prints a table
    python tests/benchmarks/run.py households # only those whose name starts so

A benchmark module registers measurements with @bench; each returns the
function to time and, where there is one, the bare floor to time beside it
(the same SQL without the app, a bare widget, bare openpyxl …).
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

CACHE = Path(os.environ.get("WUYE_BENCH_DIR", Path.home() / ".cache" / "wuye-desk-bench"))

Timed = Callable[[], object]


@dataclass
class Bench:
    name: str
    setup: Callable[[], tuple[Timed, Timed | None]]
    target: str
    repeat: int = 15
    limit_ms: float | None = None        # absolute target, e.g. 50 ms
    limit_ratio: float | None = None     # relative to the floor, e.g. 1.5


REGISTRY: list[Bench] = []


def bench(name: str, target: str, *, repeat: int = 15, limit_ms: float | None = None,
          limit_ratio: float | None = None):  # type: ignore[no-untyped-def]
    def register(setup: Callable[[], tuple[Timed, Timed | None]]):  # type: ignore[no-untyped-def]
        REGISTRY.append(Bench(name, setup, target, repeat, limit_ms, limit_ratio))
        return setup
    return register


def median_ms(fn: Timed, repeat: int) -> float:
    fn()  # warm-up
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


@dataclass
class Result:
    bench: Bench
    ms: float
    floor_ms: float | None

    @property
    def ok(self) -> bool:
        if self.bench.limit_ms is not None and self.ms > self.bench.limit_ms:
            return False
        if self.bench.limit_ratio is not None and self.floor_ms:
            return self.ms <= self.bench.limit_ratio * self.floor_ms
        return True


def run(prefix: str = "") -> list[Result]:
    results = []
    for b in REGISTRY:
        if not b.name.startswith(prefix):
            continue
        measured, floor = b.setup()
        ms = median_ms(measured, b.repeat)
        floor_ms = median_ms(floor, b.repeat) if floor else None
        r = Result(b, ms, floor_ms)
        results.append(r)
        print(row(r), flush=True)
    return results


def header() -> str:
    return (f"| {'figure':<46} | {'median':>10} | {'floor':>10} | {'target':<22} | ok |\n"
            f"|{'-' * 48}|{'-' * 12}|{'-' * 12}|{'-' * 24}|----|")


def row(r: Result) -> str:
    floor = f"{r.floor_ms:8.2f}ms" if r.floor_ms is not None else f"{'—':>10}"
    return (f"| {r.bench.name:<46} | {r.ms:8.2f}ms | {floor} | {r.bench.target:<22} | "
            f"{'✓' if r.ok else '✗'}  |")
