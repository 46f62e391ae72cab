"""A small benchmark harness: each figure is measured beside its floor, in the same run.

    python tests/benchmarks/run.py            # every benchmark, prints a table
    python tests/benchmarks/run.py visitors   # only those whose name starts so

A benchmark module (bench_<area>.py, found by run.py) registers figures with
@bench; the decorated setup returns the function to measure and, where there
is one, the bare floor to measure beside it (the same SQL without the app, a
bare window, bare openpyxl …). By default the functions are timed (median of
`repeat` calls, in ms); with `measures=True` each call returns its own figure
(a time measured inside a subprocess, a memory size) and the median of those
is taken. Its data generator step goes in data.py STEPS.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

CACHE = Path(os.environ.get("WUYE_BENCH_DIR", Path.home() / ".cache" / "wuye-desk-bench"))
HERE = Path(__file__).resolve().parent

Timed = Callable[[], object]


@dataclass
class Bench:
    name: str
    setup: Callable[[], tuple[Timed, Timed | None]]
    target: str
    repeat: int = 15
    limit_ms: float | None = None        # absolute target, e.g. 50 (in the figure's unit)
    limit_ratio: float | None = None     # relative to the floor, e.g. 1.5
    limit_over: float | None = None      # at most this much above the floor, e.g. 60 MB
    measures: bool = False               # the functions return their own figure
    unit: str = "ms"


REGISTRY: list[Bench] = []


def bench(name: str, target: str, *, repeat: int = 15, limit_ms: float | None = None,
          limit_ratio: float | None = None, limit_over: float | None = None,
          measures: bool = False, unit: str = "ms"):  # type: ignore[no-untyped-def]
    def register(setup: Callable[[], tuple[Timed, Timed | None]]):  # type: ignore[no-untyped-def]
        REGISTRY.append(Bench(name, setup, target, repeat, limit_ms, limit_ratio, limit_over,
                              measures, unit))
        return setup
    return register


def median_ms(fn: Timed, repeat: int) -> float:
    if repeat > 1:
        fn()  # warm-up (a one-off heavy figure, such as a year's export, is timed cold)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def median_of(fn: Timed, repeat: int) -> float:
    return statistics.median(float(fn()) for _ in range(repeat))  # type: ignore[arg-type]


def child(task: str, *args: str, timeout: float = 1800) -> dict[str, float]:
    """Run `python child.py task args…` in a fresh process; the JSON line it prints last."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, str(HERE / "child.py"), task, *args], env=env,
                         capture_output=True, text=True, timeout=timeout, check=False)
    if out.returncode != 0:
        raise RuntimeError(f"child {task} failed:\n{out.stderr[-3000:]}")
    result: dict[str, float] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def spawn_until_ready(task: str, *args: str, timeout: float = 120) -> float:
    """Wall time in ms from starting a child process until it prints READY (then it exits)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, str(HERE / "child.py"), task, *args], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    try:
        for line in proc.stdout:
            if line.strip() == "READY":
                elapsed = (time.perf_counter() - start) * 1000
                proc.wait(timeout=timeout)
                return elapsed
        raise RuntimeError(f"child {task} never got ready:\n{proc.stderr.read()[-3000:]}"
                           if proc.stderr else f"child {task} never got ready")
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


@dataclass
class Result:
    bench: Bench
    value: float
    floor: float | None

    @property
    def ok(self) -> bool:
        b = self.bench
        if b.limit_ms is not None and self.value > b.limit_ms:
            return False
        if b.limit_ratio is not None and self.floor:
            return self.value <= b.limit_ratio * self.floor
        if b.limit_over is not None and self.floor is not None:
            return self.value - self.floor <= b.limit_over
        return True


def run(prefix: str = "") -> list[Result]:
    results = []
    for b in REGISTRY:
        if not b.name.startswith(prefix):
            continue
        try:
            measured, floor = b.setup()
            if b.measures:
                value = median_of(measured, b.repeat)
                floor_value = median_of(floor, b.repeat) if floor else None
            else:
                value = median_ms(measured, b.repeat)
                floor_value = median_ms(floor, b.repeat) if floor else None
        except Exception as exc:  # one broken figure must not hide the others
            print(f"| {b.name:<50} | failed: {exc!r}"[:300], flush=True)
            continue
        r = Result(b, value, floor_value)
        results.append(r)
        print(row(r), flush=True)
    return results


def header() -> str:
    return (f"| {'figure':<50} | {'median':>10} | {'floor':>10} | {'target':<24} | ok |\n"
            f"|{'-' * 52}|{'-' * 12}|{'-' * 12}|{'-' * 26}|----|")


def _fmt(value: float, unit: str) -> str:
    if unit == "ms" and value >= 10_000:
        return f"{value / 1000:8.1f} s"
    return f"{value:8.2f}{unit}" if unit == "ms" else f"{value:8.1f}{unit}"


def row(r: Result) -> str:
    floor = _fmt(r.floor, r.bench.unit) if r.floor is not None else f"{'—':>10}"
    return (f"| {r.bench.name:<50} | {_fmt(r.value, r.bench.unit):>10} | {floor:>10} | "
            f"{r.bench.target:<24} | {'✓' if r.ok else '✗'}  |")
