"""Run the benchmarks and print the table of figures (see harness.py)."""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parents[1] / "src")]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import harness  # noqa: E402


def main(argv: list[str]) -> int:
    prefix = argv[0] if argv else ""
    for path in sorted(HERE.glob("bench_*.py")):
        importlib.import_module(path.stem)
    print(harness.header(), flush=True)
    results = harness.run(prefix)
    missed = [r for r in results if not r.ok]
    print(f"\n{len(results) - len(missed)} of {len(results)} figures within target")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
