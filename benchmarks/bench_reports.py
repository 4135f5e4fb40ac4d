"""Benchmark (not a test): render all ten reports of a month (9 a-kasser + ALLE).

Prints the seconds per report (as each finishes, in order) and in total, for PDF +
HTML + XLSX. Budget: all ten within 30 s on the 2-core build machine. Also prints the
CPU seconds of this process and its workers, and the load average before the run: on
a busy machine the wall time says more about the other jobs than about the renderer.

    .venv/bin/python benchmarks/bench_reports.py [--workers N] [--out DIR]

``--workers`` defaults to what ``render_reports`` does by default: one per CPU.

Uses the deterministic fixture cells of ``tests/publish/conftest.py`` (realistic
magnitudes, every key of every measure), so it runs without registers.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "publish"))

from conftest import REPORT_MONTH, make_published, make_quality  # noqa: E402
from release_factory import as_release  # noqa: E402

from akassemonitor.config import Config  # noqa: E402
from akassemonitor.publish import render_reports  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--workers", type=int, default=None, help="processes (default: one per CPU)"
    )
    parser.add_argument("--out", type=Path, default=None, help="keep the reports here")
    args = parser.parse_args()

    config = Config()
    published = make_published(config)
    quality = make_quality()
    akasser = list(config.akasser_and_alle)
    out = args.out or Path(tempfile.mkdtemp(prefix="bench-reports-"))

    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    cpu_started = _cpu_seconds()
    started = time.perf_counter()
    last = started

    def progress(akasse: str) -> None:
        nonlocal last
        now = time.perf_counter()
        print(f"{akasse:<12} {now - last:6.2f} s  (elapsed {now - started:6.2f} s)", flush=True)
        last = now

    paths = render_reports(
        as_release(published, quality, config, REPORT_MONTH), akasser, out,
        progress=progress, workers=args.workers,
    )
    total = time.perf_counter() - started
    cpu = _cpu_seconds() - cpu_started
    print(f"{'total':<12} {total:6.2f} s  for {len(akasser)} reports, {len(paths)} files in {out}")
    print(f"{'per report':<12} {total / len(akasser):6.2f} s (wall time / reports)")
    print(f"{'cpu':<12} {cpu:6.2f} s  (all processes; load average before: {load:.2f})")


def _cpu_seconds() -> float:
    """User + system CPU seconds of this process and of its finished workers."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    workers = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + workers.ru_utime + workers.ru_stime


if __name__ == "__main__":
    main()
