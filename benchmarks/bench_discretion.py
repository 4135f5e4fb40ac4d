"""Benchmark: disclosure control of synthetic releases from 100 to 1,000,000 spells.

For each size: ``synth --spells N`` registers, the exact cells of 2022M03 and 2022M04
(5,490 cells at every size), then secondary suppression plus its release gate for
2022M04, alone and with 2022M03's release as ``--previous``. Prints the method that
ran, the primary and secondary cells, the information loss (hidden cells and the
summed value of the secondary counts), the number of hidden counts the published cells
determine exactly (the audit's width-0 intervals: only those the singleton rule or a
fokus mean keeps), and wall and CPU seconds. ``demo`` is the trial-size demo data
(about 51,000 spells).

    .venv/bin/python benchmarks/bench_discretion.py [--sizes 100 500 2000 demo] [--work DIR]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from akassemonitor.config import Config
from akassemonitor.discretion import audit, disclose
from akassemonitor.measures import compute_cells
from akassemonitor.months import Month
from akassemonitor.registers import load_registers
from akassemonitor.store import open_store
from akassemonitor.synth import generate

SIZES = ("100", "1000", "10000", "100000", "1000000", "demo")


def _cells(size: str, work: Path, config: Config):  # type: ignore[no-untyped-def]
    data = work / f"spells-{size}"
    if not data.exists():
        generate(data, seed=7, spells=None if size == "demo" else int(size), errors=False,
                 fmt="csv", until=Month(2022, 4), config=config, progress=lambda *_: None)
    loaded = load_registers(data, config, rejects_dir=work / f"rejects-{size}", strict=False,
                            progress=lambda _: None)
    store = open_store(loaded.tables, None)
    return [compute_cells(store, config, Month(2022, m), progress=lambda _: None)
            for m in (3, 4)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", default=list(SIZES))
    parser.add_argument("--work", type=Path, default=None)
    args = parser.parse_args()
    config = Config()
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-discretion-"))
    print(f"{'spells':>8} {'previous':>8} {'method':>9} {'primary':>7} {'second.':>7} "
          f"{'Σ second.':>9} {'determ.':>7} {'wall s':>7} {'cpu s':>6}")
    for size in args.sizes:
        march, april = _cells(size, work, config)
        before = disclose(march, config).published
        for previous in (None, before):
            wall, cpu = time.perf_counter(), time.process_time()
            result = disclose(april, config, previous=previous)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            report = audit(result.published, config, previous=previous)
            determined = sum(c.lo == c.hi for c in report.intervals)
            print(f"{size:>8} {'yes' if previous is not None else 'no':>8} "
                  f"{result.method:>9} {result.primary:7d} {result.secondary:7d} "
                  f"{result.loss.secondary_value:9.0f} {determined:7d} {wall:7.1f} {cpu:6.1f}",
                  flush=True)


if __name__ == "__main__":
    main()
