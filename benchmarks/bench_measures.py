"""Time and memory of the core pipeline: registers → checks → DuckDB store → every measure,
then disclosure control (secondary suppression and its audit gate).

Run: ``.venv/bin/python benchmarks/bench_measures.py [--sizes default,200000,1000000]``.
Each size runs in a fresh process (synthetic Parquet registers made first, not timed),
so that its peak RSS is its own. Prints seconds per stage and the peak resident memory.
Disclosure control is timed for the default (trial-scale) size only: its cost depends
on the number of cells (the same at every size), not on the number of rows.
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

DEFAULT_SIZES = "default,200000,1000000"
MONTH = "2022M04"


def run_one(size: str) -> dict[str, float | int | str]:
    """Generate one data set, then time each stage of the pipeline in this process."""
    from akassemonitor.config import Config
    from akassemonitor.discretion import disclose
    from akassemonitor.measures import compute_cells
    from akassemonitor.months import Month
    from akassemonitor.registers import load_registers
    from akassemonitor.store import open_store
    from akassemonitor.synth import generate

    config = Config()
    spells = None if size == "default" else int(size)
    result: dict[str, float | int | str] = {"size": size}
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder)
        summary = generate(data, spells=spells, fmt="parquet")
        result["spells"] = summary.spells
        result["samtaler"] = summary.rows["samtaler"]
        started = time.perf_counter()
        loaded = load_registers(data, config, rejects_dir=None)
        result["read_check_s"] = round(time.perf_counter() - started, 2)
        started = time.perf_counter()
        store = open_store(loaded.tables)
        result["store_s"] = round(time.perf_counter() - started, 2)
        started = time.perf_counter()
        exact = compute_cells(store, config, Month.parse(MONTH))
        result["measures_s"] = round(time.perf_counter() - started, 2)
        result["cells"] = len(exact.frame)
        if size == "default":
            started = time.perf_counter()
            disclosure = disclose(exact, config)
            result["secondary_s"] = round(time.perf_counter() - started, 2)
            result["suppressed"] = disclosure.primary + disclosure.secondary
    result["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--sizes", default=DEFAULT_SIZES, help="comma-separated spells; 'default' = real scale"
    )
    parser.add_argument("--one", help=argparse.SUPPRESS)  # internal: measure one size
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one)))
        return
    print(
        f"{'size':>9} {'spells':>9} {'samtaler':>11} {'read+check':>10} {'store':>6} "
        f"{'measures':>8} {'cells':>6} {'secondary':>9} {'peak RSS MB':>11}"
    )
    for size in args.sizes.split(","):
        output = subprocess.run(
            [sys.executable, __file__, "--one", size],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        r = json.loads(output.strip().splitlines()[-1])
        secondary = f"{r['secondary_s']} s" if "secondary_s" in r else "-"
        print(
            f"{r['size']:>9} {r['spells']:>9,} {r['samtaler']:>11,} {r['read_check_s']:>9} s "
            f"{r['store_s']:>4} s {r['measures_s']:>6} s {r['cells']:>6} {secondary:>9} "
            f"{r['peak_rss_mb']:>11,}"
        )


if __name__ == "__main__":
    main()
