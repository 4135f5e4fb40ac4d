"""Time and memory of the synthetic register generator.

Run: ``.venv/bin/python benchmarks/bench_synth.py [--sizes default,200000,1000000]``.
Each size runs in a fresh process so that its peak RSS is its own.
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


def run_one(size: str, fmt: str) -> dict[str, float | int | str]:
    """Generate one data set in this process and measure it."""
    from akassemonitor.synth import generate

    spells = None if size == "default" else int(size)
    with tempfile.TemporaryDirectory() as out:
        started = time.perf_counter()
        summary = generate(Path(out), spells=spells, fmt=fmt)
        seconds = time.perf_counter() - started
        megabytes = sum(p.stat().st_size for p in summary.paths.values()) / 1e6
    rows = sum(summary.rows.values())
    return {
        "size": size,
        "fmt": fmt,
        "spells": summary.spells,
        "samtaler": summary.rows["samtaler"],
        "rows": rows,
        "seconds": round(seconds, 2),
        "rows_per_second": round(rows / seconds),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "file_mb": round(megabytes, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--sizes", default=DEFAULT_SIZES, help="comma-separated; 'default' = real scale"
    )
    parser.add_argument("--fmt", default="parquet", choices=("csv", "parquet"))
    parser.add_argument("--one", help=argparse.SUPPRESS)  # internal: measure one size
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.fmt)))
        return
    print(
        f"{'size':>9} {'spells':>9} {'samtaler':>11} {'rows':>11} {'seconds':>8} "
        f"{'rows/s':>10} {'peak RSS MB':>11} {'files MB':>9}"
    )
    for size in args.sizes.split(","):
        output = subprocess.run(
            [sys.executable, __file__, "--one", size, "--fmt", args.fmt],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        r = json.loads(output.strip().splitlines()[-1])
        print(
            f"{r['size']:>9} {r['spells']:>9,} {r['samtaler']:>11,} {r['rows']:>11,} "
            f"{r['seconds']:>8} {r['rows_per_second']:>10,} {r['peak_rss_mb']:>11,} "
            f"{r['file_mb']:>9}"
        )


if __name__ == "__main__":
    main()
