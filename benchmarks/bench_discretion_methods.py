"""Benchmark: the heuristic's cost against the exact method's, on small releases.

Random full releases (every measure, two a-kasser, one month; the test factory's
``full_release``) at several seeds and scales: both methods, the cost of each (the
exact method's objective: a secondary count its value, a share or mean 0.5), the
ratio heuristic / exact, and the CPU seconds. Where the exact method gives up within
its work budget, the row says so.

    .venv/bin/python benchmarks/bench_discretion_methods.py [--seeds 1 2 3] [--scales 0.5 1]
        [--baseline OLD/src]

``--baseline``: the ``src`` folder of another checkout (``git archive`` of main): each
release is protected by that code too, in a subprocess right before this code's run,
and its heuristic / exact ratio printed beside this code's (``before``, ``now``).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "discretion"))

from discretion_factory import full_release, small_config  # noqa: E402

from akassemonitor.catalogue import MEASURE_BY_ID  # noqa: E402
from akassemonitor.discretion import audit, disclose  # noqa: E402
from akassemonitor.discretion._exact import RATIO_COST  # noqa: E402
from akassemonitor.months import Month  # noqa: E402


def _cost(result, exact) -> float:  # type: ignore[no-untyped-def]
    status = result.suppression_frame().status.to_numpy()
    kinds = exact.frame.measure.map(lambda m: MEASURE_BY_ID[m].kind).to_numpy()
    second = status == "x"
    counts = second & (kinds == "count")
    ratios = second & np.isin(kinds, ("share", "mean"))
    return float(exact.frame.value.to_numpy()[counts].sum()) + RATIO_COST * ratios.sum()


def _runs(config, seed: int, scale: float):  # type: ignore[no-untyped-def]
    exact = full_release(config, Month(2022, 4), seed=seed, scale=scale)
    runs = []
    for method in ("exact", "heuristic"):
        start = time.process_time()
        result = disclose(exact, config, method=method)
        runs.append((result, time.process_time() - start))
    return exact, runs


def _baseline(src: Path, seed: int, scale: float) -> dict[str, object]:
    """The costs and CPU seconds of both methods with the code under ``src``."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    out = subprocess.run([sys.executable, __file__, "--worker", str(seed), str(scale)],
                         env=env, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        config = replace(small_config(("A", "B")), trial_start=Month(2022, 4))
        exact, ((best, t_best), (greedy, t_greedy)) = _runs(
            config, int(sys.argv[2]), float(sys.argv[3]))
        print(json.dumps({"exact": best.method, "c_best": _cost(best, exact),
                          "t_best": t_best, "c_greedy": _cost(greedy, exact),
                          "t_greedy": t_greedy}))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", nargs="+", type=int, default=list(range(1, 11)))
    parser.add_argument("--scales", nargs="+", type=float, default=[0.5, 1.0])
    parser.add_argument("--baseline", type=Path, default=None)
    args = parser.parse_args()
    config = replace(small_config(("A", "B")), trial_start=Month(2022, 4))
    print(f"{'seed':>4} {'scale':>5} {'exact':>9} {'cost':>7} {'s':>5} {'heuristic':>9} "
          f"{'cost':>7} {'s':>5} {'ratio':>6} safe")
    ratios = []
    for scale in args.scales:
        for seed in args.seeds:
            old = None if args.baseline is None else _baseline(args.baseline, seed, scale)
            exact, ((best, t_best), (greedy, t_greedy)) = _runs(config, seed, scale)
            safe = audit(best.published, config).ok and audit(greedy.published, config).ok
            c_best, c_greedy = _cost(best, exact), _cost(greedy, exact)
            ratio = c_greedy / c_best if best.method == "exact" and c_best else float("nan")
            if best.method == "exact":
                ratios.append(ratio)
            before = ""
            if old is not None:
                r = (float(old["c_greedy"]) / float(old["c_best"])
                     if old["exact"] == "exact" and old["c_best"] else float("nan"))
                before = (f"  before: exact {old['c_best']:7.1f} {old['t_best']:5.1f} s, "
                          f"heuristic {old['c_greedy']:7.1f} {old['t_greedy']:5.1f} s, "
                          f"ratio {r:6.3f}")
            print(f"{seed:4d} {scale:5.1f} {best.method:>9} {c_best:7.1f} {t_best:5.1f} "
                  f"{greedy.method:>9} {c_greedy:7.1f} {t_greedy:5.1f} {ratio:6.3f} "
                  f"{'yes' if safe else 'NO'}{before}", flush=True)
    if ratios:
        print(f"exact finished on {len(ratios)} releases: heuristic / exact cost "
              f"max {max(ratios):.3f}, mean {float(np.mean(ratios)):.3f}")


if __name__ == "__main__":
    main()
