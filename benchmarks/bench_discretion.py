"""Benchmark: disclosure control of a full trial-scale release (SPEC §5).

9 a-kasser + ALLE, 20 months (2020M09..2022M04), every measure of the catalogue, with
random plausible values that satisfy every declared relation. Prints the time and the
number of suppressed cells for each mode, and the time of the stand-alone audit.
Target: secondary suppression under 30 s on 2 cores.

    .venv/bin/python benchmarks/bench_discretion.py [--seed 1] [--scale 1.0]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "discretion"))

from discretion_factory import full_release  # noqa: E402

from akassemonitor.config import Config  # noqa: E402
from akassemonitor.discretion import audit, disclose  # noqa: E402
from akassemonitor.months import Month  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args()
    config = Config()
    exact = full_release(config, Month(2022, 4), seed=args.seed, scale=args.scale)
    print(f"release: {len(exact.frame)} cells, seed {args.seed}, scale {args.scale}")
    for mode in ("primary", "secondary"):
        start = time.perf_counter()
        result = disclose(exact, config.with_mode(mode))
        seconds = time.perf_counter() - start
        print(
            f"{mode:9s}: {seconds:6.2f} s  primary {result.primary:5d}  "
            f"secondary {result.secondary:5d}  suppressed {result.primary + result.secondary:5d}"
        )
    start = time.perf_counter()
    report = audit(result.published, config)
    print(f"audit    : {time.perf_counter() - start:6.2f} s  {report.summary()}")


if __name__ == "__main__":
    main()
