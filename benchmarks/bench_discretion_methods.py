"""Benchmark: the heuristic's cost against the exact method's, on small releases.

Random full releases (every measure, two a-kasser, one month; the test factory's
``full_release``) at several seeds and scales: both methods, the cost of each (the
exact method's objective: a secondary count its value, a share or mean 0.5), the
ratio heuristic / exact, and the CPU seconds. Where the exact method gives up within
its work budget, the row says so.

    .venv/bin/python benchmarks/bench_discretion_methods.py [--seeds 1 2 3] [--scales 0.5 1]
"""

from __future__ import annotations

import argparse
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", nargs="+", type=int, default=list(range(1, 11)))
    parser.add_argument("--scales", nargs="+", type=float, default=[0.5, 1.0])
    args = parser.parse_args()
    config = replace(small_config(("A", "B")), trial_start=Month(2022, 4))
    print(f"{'seed':>4} {'scale':>5} {'exact':>9} {'cost':>7} {'s':>5} {'heuristic':>9} "
          f"{'cost':>7} {'s':>5} {'ratio':>6} safe")
    ratios = []
    for scale in args.scales:
        for seed in args.seeds:
            exact = full_release(config, Month(2022, 4), seed=seed, scale=scale)
            runs = []
            for method in ("exact", "heuristic"):
                start = time.process_time()
                result = disclose(exact, config, method=method)
                runs.append((result, time.process_time() - start))
            (best, t_best), (greedy, t_greedy) = runs
            safe = audit(best.published, config).ok and audit(greedy.published, config).ok
            c_best, c_greedy = _cost(best, exact), _cost(greedy, exact)
            ratio = c_greedy / c_best if best.method == "exact" and c_best else float("nan")
            if best.method == "exact":
                ratios.append(ratio)
            print(f"{seed:4d} {scale:5.1f} {best.method:>9} {c_best:7.1f} {t_best:5.1f} "
                  f"{greedy.method:>9} {c_greedy:7.1f} {t_greedy:5.1f} {ratio:6.3f} "
                  f"{'yes' if safe else 'NO'}", flush=True)
    if ratios:
        print(f"exact finished on {len(ratios)} releases: heuristic / exact cost "
              f"max {max(ratios):.3f}, mean {float(np.mean(ratios)):.3f}")


if __name__ == "__main__":
    main()
