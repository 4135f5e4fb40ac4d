"""Read + check + every measure on an engine, against one raw DuckDB scan of the same files.

Run: ``.venv/bin/python benchmarks/bench_engines.py --spells 100000 [--format parquet]
[--engine duckdb|postgresql://...|spark] [--repeat 3]``. The registers are made first
(``synth``, not timed); each run is a fresh process (its peak RSS is its own). Prints
wall seconds per stage, peak RSS, and the ratio to the raw scan (read every column of
the three files once, in DuckDB, as a whole process too).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

MONTH = "2022M04"


def _scan(data: Path) -> dict[str, float]:
    import duckdb

    started = time.perf_counter()
    con = duckdb.connect()
    for path in sorted(data.iterdir()):
        reader = "read_parquet" if path.suffix == ".parquet" else "read_csv"
        con.execute(f"SELECT count(*), max(COLUMNS(*)) FROM {reader}('{path}')").fetchall()
    return {"total_s": time.perf_counter() - started}


def _pipeline(data: Path, engine: str) -> dict[str, float]:
    from akassemonitor.config import Config
    from akassemonitor.measures import compute_cells
    from akassemonitor.months import Month
    from akassemonitor.registers import load_registers
    from akassemonitor.store import connect

    config = Config()
    started = time.perf_counter()
    loaded = load_registers(data, config, rejects_dir=None, con=connect(engine))
    checked = time.perf_counter()
    compute_cells(loaded.store, config, Month.parse(MONTH))
    done = time.perf_counter()
    return {"check_s": checked - started, "measures_s": done - checked, "total_s": done - started}


def _child(kind: str, data: Path, engine: str) -> dict[str, float]:
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, "--data", str(data), "--engine", engine],
        check=True, capture_output=True, text=True,
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--spells", type=int, default=100_000)
    parser.add_argument("--format", default="parquet", choices=["csv", "parquet"])
    parser.add_argument("--engine", default="duckdb")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--data", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        result = _scan(Path(args.data)) if args.child == "scan" else _pipeline(
            Path(args.data), args.engine
        )
        result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps(result))
        return
    from akassemonitor.synth import generate

    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder)
        summary = generate(data, spells=args.spells, fmt=args.format)
        print(f"{summary.spells:,} spells, {summary.rows['samtaler']:,} conversation rows, "
              f"{args.format}, engine {args.engine}")
        print(f"{'run':>3} {'scan s':>7} {'check s':>8} {'measures s':>10} {'total s':>8} "
              f"{'ratio':>6} {'peak RSS MB':>11}")
        for run in range(1, args.repeat + 1):
            scan = _child("scan", data, args.engine)  # side by side: the machine is noisy
            pipe = _child("pipeline", data, args.engine)
            print(f"{run:>3} {scan['total_s']:>7.2f} {pipe['check_s']:>8.2f} "
                  f"{pipe['measures_s']:>10.2f} {pipe['total_s']:>8.2f} "
                  f"{pipe['total_s'] / scan['total_s']:>6.1f} {pipe['peak_rss_mb']:>11,.0f}")


if __name__ == "__main__":
    main()
