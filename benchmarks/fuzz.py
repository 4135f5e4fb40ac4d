"""Fuzz the registers stage: >= 10,000 corrupted registers, each answered clearly.

    .venv/bin/python benchmarks/fuzz.py [--examples 10000] [--full 200] [--seed 0]

``--examples``: corrupted CSV and Parquet files for the reading property (read with
one numbered row per record, or refused with a one-line message naming the file);
``--full``: of those, how many also run the whole registers stage (read = used +
quarantined per register, or refused). Prints examples run, failures and time. Exit 1
when any example failed (the first few falsifying examples are printed).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, seed, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "errors"))

from fuzzcase import check_load, check_read, corrupted_csv, corrupted_parquet  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=10_000)
    parser.add_argument("--full", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    outcomes: dict[str, int] = {}
    failures: list[str] = []

    def run(property_, count: int, label: str) -> None:
        case = st.one_of(
            st.tuples(corrupted_csv(), st.just(".csv")),
            st.tuples(corrupted_parquet(), st.just(".parquet")),
        )

        @settings(
            max_examples=count, deadline=None, database=None, derandomize=False,
            suppress_health_check=list(HealthCheck), phases=[Phase.generate],
        )
        @seed(args.seed)
        @given(case)
        def examples(drawn):  # type: ignore[no-untyped-def]
            (name, data), suffix = drawn
            try:
                outcome = property_(name, data, suffix)
            except Exception as exc:  # noqa: BLE001 - every failure is counted, not raised
                outcome = "FAILED"
                if len(failures) < 5:
                    failures.append(f"{label} {name}{suffix} {data[:120]!r}: {exc!r}")
                else:
                    failures.append("")
            key = f"{label}: {outcome}"
            outcomes[key] = outcomes.get(key, 0) + 1

        examples()

    started = time.perf_counter()
    run(check_read, args.examples, "read")
    read_seconds = time.perf_counter() - started
    run(check_load, args.full, "stage")
    seconds = time.perf_counter() - started
    total = sum(outcomes.values())
    failed = sum(v for k, v in outcomes.items() if k.endswith("FAILED"))
    for key in sorted(outcomes):
        print(f"  {key:<22} {outcomes[key]:>7,}")
    print(f"examples run: {total:,} ({args.examples:,} read, {args.full:,} whole stage)")
    print(f"failures: {failed:,}")
    print(f"time: {seconds:.1f} s ({read_seconds:.1f} s reading, "
          f"{seconds - read_seconds:.1f} s whole stage)")
    for failure in filter(None, failures):
        print("  " + failure)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
