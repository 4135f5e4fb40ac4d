"""Benchmark: disclosure control of synthetic releases from 100 to 1,000,000 spells.

For each size: ``synth --spells N`` registers, the exact cells of 2022M03 and 2022M04
(5,490 cells at every size), then secondary suppression plus its release gate for
2022M04, alone and with 2022M03's release as ``--previous``. Prints per size and run:
the spells, the cells, the method that ran, the primary and secondary cells, the
summed value of the secondary counts (the method's cost), the hidden counts the
published cells determine exactly (the audit's width-0 intervals), the CPU seconds of
secondary suppression (everything in ``disclose`` but the gate) and of the gate, their
sum, the wall seconds, and the verdict against the issue's target (≤ 10 s). CPU
seconds are the measure on the shared machine (wall time counts the other agents'
load); both are printed. ``demo`` is the trial-size demo data (about 51,000 spells).

The exact cells of a size are cached under ``--work`` (``cells-N.pkl``): the cells do
not grow with the rows, and the synth of 1,000,000 spells takes minutes on its own.

    .venv/bin/python benchmarks/bench_discretion.py [--sizes 100 500 2000 demo] [--work DIR]
"""

from __future__ import annotations

import argparse
import pickle
import tempfile
import time
from pathlib import Path

import akassemonitor.discretion as discretion
from akassemonitor.config import Config
from akassemonitor.discretion import audit, disclose
from akassemonitor.measures import compute_cells
from akassemonitor.months import Month
from akassemonitor.registers import load_registers
from akassemonitor.store import open_store
from akassemonitor.synth import generate

SIZES = ("100", "200", "500", "2000", "5000", "demo", "1000000")
TARGET = 10.0  # seconds: secondary suppression plus the gate (issue 14, part 3)


def _cells(size: str, work: Path, config: Config):  # type: ignore[no-untyped-def]
    cached = work / f"cells-{size}.pkl"
    if cached.exists():
        with cached.open("rb") as handle:
            return pickle.load(handle)
    data = work / f"spells-{size}"
    if not data.exists():
        generate(data, seed=7, spells=None if size == "demo" else int(size), errors=False,
                 fmt="csv", until=Month(2022, 4), config=config, progress=lambda *_: None)
    loaded = load_registers(data, config, rejects_dir=work / f"rejects-{size}", strict=False,
                            progress=lambda _: None)
    store = open_store(loaded.tables, None)
    cells = [compute_cells(store, config, Month(2022, m), progress=lambda _: None)
             for m in (3, 4)]
    with cached.open("wb") as handle:
        pickle.dump(cells, handle)
    return cells


class _GateClock:
    """CPU seconds spent in the release gate (wraps ``discretion._gate``; no change to
    what it does)."""

    def __init__(self) -> None:
        self.cpu = 0.0
        self._gate = discretion._gate

    def __call__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        start = time.process_time()
        try:
            return self._gate(*args, **kwargs)
        finally:
            self.cpu += time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", default=list(SIZES))
    parser.add_argument("--work", type=Path, default=None)
    args = parser.parse_args()
    config = Config()
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-discretion-"))
    work.mkdir(parents=True, exist_ok=True)
    clock = _GateClock()
    discretion._gate = clock  # type: ignore[assignment]
    print(f"{'spells':>8} {'cells':>5} {'prev.':>5} {'method':>9} {'primary':>7} "
          f"{'second.':>7} {'Σ second.':>9} {'determ.':>7} {'second. s':>9} {'gate s':>6} "
          f"{'total s':>7} {'wall s':>6}  target ≤ {TARGET:.0f} s")
    for size in args.sizes:
        march, april = _cells(size, work, config)
        before = disclose(march, config).published
        for previous in (None, before):
            clock.cpu = 0.0
            wall, cpu = time.perf_counter(), time.process_time()
            result = disclose(april, config, previous=previous)
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            report = audit(result.published, config, previous=previous)
            determined = sum(c.lo == c.hi for c in report.intervals)
            verdict = "met" if cpu <= TARGET else "MISSED"
            print(f"{size:>8} {len(april.frame):5d} {'yes' if previous is not None else 'no':>5} "
                  f"{result.method:>9} {result.primary:7d} {result.secondary:7d} "
                  f"{result.loss.secondary_value:9.0f} {determined:7d} {cpu - clock.cpu:9.1f} "
                  f"{clock.cpu:6.1f} {cpu:7.1f} {wall:6.1f}  {verdict}", flush=True)


if __name__ == "__main__":
    main()
