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
        [--baseline OLD/src] [--previous both|no|yes] [--month 2022M04|2022M03]

``--month 2022M03``: disclose 2022M03 instead (no ``--previous``: its own previous
month is not computed). That is the release the ``--previous`` runs start from, whose
own cost those runs do not count.

``--baseline``: the ``src`` folder of another checkout (e.g. ``git archive`` of an
older commit): each run is made with that code too, in a subprocess, right before
this code's run (same load), and printed above it with the ratio of the CPU seconds.
Both releases are audited by *this* code's audit (the attacker that substitutes
determined cohorts into their fokus means): the ``leaks`` column.
"""

from __future__ import annotations

import argparse
import os
import pickle
import subprocess
import sys
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


def _run(
    size: str, work: Path, previous: bool, month: str = "2022M04"
) -> tuple[dict[str, object], object]:
    """One disclosure of ``month`` at ``size`` (2022M04 with 2022M03's release as
    ``--previous``): its figures, and the published cells."""
    config = Config()
    clock = _GateClock()
    discretion._gate = clock  # type: ignore[assignment]
    march, april = _cells(size, work, config)
    before = disclose(march, config).published if previous else None
    wall, cpu = time.perf_counter(), time.process_time()
    result = disclose(march if month == "2022M03" else april, config, previous=before)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    figures = {
        "method": result.method, "primary": result.primary, "secondary": result.secondary,
        "cost": float(result.loss.secondary_value), "second_s": cpu - clock.cpu,
        "gate_s": clock.cpu, "cpu": cpu, "wall": wall,
    }
    return figures, (result.published, before)


def _baseline(src: Path, size: str, work: Path, previous: bool, month: str):  # type: ignore[no-untyped-def]
    """``_run`` with the code under ``src``, in a subprocess."""
    out = work / f"baseline-{size}-{int(previous)}-{month}.pkl"
    env = {**os.environ, "PYTHONPATH": str(src)}
    subprocess.run([sys.executable, __file__, "--worker", size, str(int(previous)),
                    str(work), str(out), month], env=env, check=True)
    with out.open("rb") as handle:
        return pickle.load(handle)


def _same(a, b) -> bool:  # type: ignore[no-untyped-def]
    """Whether two published releases are the same (every value, every flag)."""
    frame_a, frame_b = getattr(a, "frame", a), getattr(b, "frame", b)
    return bool(frame_a.equals(frame_b))


def _row(size: str, cells: int, previous: bool, label: str, figures: dict, leaks: int,
         determined: int) -> str:
    verdict = "met" if float(figures["cpu"]) <= TARGET else "MISSED"
    return (f"{size:>8} {cells:5d} {'yes' if previous else 'no':>5} {label:>6} "
            f"{figures['method']:>9} {figures['primary']:7d} {figures['secondary']:7d} "
            f"{figures['cost']:9.0f} {determined:7d} {leaks:5d} {figures['second_s']:9.1f} "
            f"{figures['gate_s']:6.1f} {figures['cpu']:7.1f} {figures['wall']:6.1f}  {verdict}")


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        size, previous, work, out, month = sys.argv[2:7]
        figures, (published, before) = _run(size, Path(work), previous == "1", month)
        with Path(out).open("wb") as handle:
            pickle.dump((figures, published, before), handle)
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", default=list(SIZES))
    parser.add_argument("--work", type=Path, default=None)
    parser.add_argument("--baseline", type=Path, default=None)
    parser.add_argument("--previous", choices=("both", "no", "yes"), default="both",
                        help="runs without --previous, with it, or both (the default)")
    parser.add_argument("--month", choices=("2022M04", "2022M03"), default="2022M04",
                        help="the month disclosed; 2022M03 only with --previous no")
    args = parser.parse_args()
    if args.month == "2022M03" and args.previous != "no":
        parser.error("--month 2022M03 has no previous month here: add --previous no")
    config = Config()
    work = args.work or Path(tempfile.mkdtemp(prefix="bench-discretion-"))
    work.mkdir(parents=True, exist_ok=True)
    print(f"month {args.month}; load average at start: {os.getloadavg()[0]:.1f}")
    print(f"{'spells':>8} {'cells':>5} {'prev.':>5} {'code':>6} {'method':>9} {'primary':>7} "
          f"{'second.':>7} {'Σ second.':>9} {'determ.':>7} {'leaks':>5} {'second. s':>9} "
          f"{'gate s':>6} {'total s':>7} {'wall s':>6}  target ≤ {TARGET:.0f} s", flush=True)
    for size in args.sizes:
        n_cells = len(_cells(size, work, config)[1].frame)
        for previous in {"both": (False, True), "no": (False,), "yes": (True,)}[args.previous]:
            runs = []
            if args.baseline is not None:
                figures, published, before = _baseline(args.baseline, size, work, previous,
                                                       args.month)
                runs.append(("before", figures, published, before))
            figures, (published, before) = _run(size, work, previous, args.month)
            runs.append(("now", figures, published, before))
            for label, figures, published, before in runs:
                report = audit(published, config, previous=before)
                determined = sum(c.lo == c.hi for c in report.intervals)
                print(_row(size, n_cells, previous, label, figures, len(report.leaks),
                           determined), flush=True)
            if len(runs) == 2:
                print(f"{'':>8} CPU ratio before/now: "
                      f"{float(runs[0][1]['cpu']) / float(runs[1][1]['cpu']):.2f}x "
                      f"(load average {os.getloadavg()[0]:.1f}); release identical: "
                      f"{'yes' if _same(runs[0][2], runs[1][2]) else 'NO'}", flush=True)
    print(f"load average at end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
