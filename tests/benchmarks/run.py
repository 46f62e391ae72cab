"""Run the benchmarks and print the table of figures (see harness.py).

    python tests/benchmarks/run.py            # every figure
    python tests/benchmarks/run.py visitors   # only those whose name starts so

The ten-year database is built on first use (data.py) and cached.
"""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE), str(HERE.parents[1] / "src")]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import data  # noqa: E402
import harness  # noqa: E402


def main(argv: list[str]) -> int:
    prefix = argv[0] if argv else ""
    for path in sorted(HERE.glob("bench_*.py")):
        importlib.import_module(path.stem)
    data.build()              # the ten-year database, then its small twin
    data.build(data.SMALL, log=lambda _m: None)
    load = os.getloadavg()
    print(f"{os.cpu_count()} cores, load {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}; "
          f"database {data.database_path()}\n")
    print(harness.header(), flush=True)
    results = harness.run(prefix)
    missed = [r for r in results if not r.ok]
    print(f"\n{len(results) - len(missed)} of {len(results)} figures within target")
    for r in missed:
        print(f"  missed: {r.bench.name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
