"""Read + check + every measure, stage by stage, against one raw DuckDB scan of the same
files and (``--pandas``, CSV) a straightforward pandas script.

Run::

    .venv/bin/python benchmarks/bench_engines.py --spells 100000,1000000,10000000
    .venv/bin/python benchmarks/bench_engines.py --spells 1000000 --format csv --pandas
    .venv/bin/python benchmarks/bench_engines.py --spells 1000000 --engines duckdb,postgresql,spark
    .venv/bin/python benchmarks/bench_engines.py --spells 1000000 \\
        --engines postgresql://user@db.example:5432/akasse     # a server of your own

``postgresql`` (or ``postgres``) alone starts a throwaway PostgreSQL for the run, as the
conformance suite does (``tests/engines/engine_servers.py``: Debian's server binaries,
``initdb`` into a temporary folder, 127.0.0.1 at a free port, trust authentication;
stopped and removed after), so its figures come from one command. ``spark`` is local
mode (all cores).

The registers are made first for each size (``synth``, not timed). Every run is a fresh
process, timed from outside as a whole (interpreter start and imports included; its
peak RSS is its own), and each size's runs go side by side (the machine is noisy):

* ``scan``: DuckDB reads every column of the three files once (``count(*)`` and
  ``max`` of each column), in a process of its own;
* ``pipeline``: what ``akassemonitor measures --suppression primary`` does: read +
  check (``load_registers``), the measures (shared relations, attribution warnings,
  every cell), primary suppression and the cell files, each stage timed inside;
* ``pandas`` (``--pandas``; CSV only): ``benchmarks/pandas_peer.py``, every measure in
  plain pandas;
* ``--before SRC``: the pipeline once more with the package from another checkout's
  ``src`` folder (``git archive main | tar -x -C /tmp/old``, then ``--before
  /tmp/old/src``), side by side with this one, on each engine.

ratio = whole pipeline process / whole scan process; pandas× = pandas / pipeline;
CPU s = user + system CPU of the pipeline process and what it waited for (DuckDB's
threads are in it; Spark's JVM is not); server s = the CPU of the PostgreSQL server's
sessions (the throwaway server only).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

MONTH = "2022M04"
HERE = Path(__file__).resolve().parent


def _scan(data: Path) -> dict[str, float]:
    import duckdb

    started = time.perf_counter()
    con = duckdb.connect()
    for path in sorted(data.iterdir()):
        reader = "read_parquet" if path.suffix == ".parquet" else "read_csv"
        con.execute(f"SELECT count(*), max(COLUMNS(*)) FROM {reader}('{path}')").fetchall()
    return {"scan_s": time.perf_counter() - started}


def _pipeline(data: Path, engine: str, out: Path) -> dict[str, float]:
    from akassemonitor.config import Config
    from akassemonitor.discretion import disclose
    from akassemonitor.measures import attribution_warnings, compute_cells
    from akassemonitor.measures.base import MeasureContext
    from akassemonitor.months import Month
    from akassemonitor.registers import load_registers
    from akassemonitor.release import write_cells
    from akassemonitor.store import connect

    config = Config().with_mode("primary")
    month = Month.parse(MONTH)
    started = time.perf_counter()
    loaded = load_registers(data, config, rejects_dir=out / "rejects", con=connect(engine))
    checked = time.perf_counter()
    ctx = MeasureContext(loaded.store, config, month).materialize()
    try:
        warnings = attribution_warnings(loaded.store, config, month, context=ctx)
    except TypeError:  # a checkout from before the shared context (--before)
        warnings = attribution_warnings(loaded.store, config, month)
    quality = loaded.quality.with_warnings(warnings)
    try:
        exact = compute_cells(loaded.store, config, month, context=ctx)
    except TypeError:  # a checkout from before the shared context (--before)
        exact = compute_cells(loaded.store, config, month)
    measured = time.perf_counter()
    disclosure = disclose(exact, config)
    write_cells(out, out, exact, disclosure.published, quality)
    done = time.perf_counter()
    return {
        "check_s": checked - started,
        "measures_s": measured - checked,
        "publish_s": done - measured,
        "cells": len(exact.frame),
    }


def _pandas(data: Path) -> dict[str, float]:
    sys.path.insert(0, str(HERE))
    import pandas_peer

    started = time.perf_counter()
    cells = pandas_peer.cells(data, MONTH)
    return {"pandas_s": time.perf_counter() - started, "cells": len(cells)}


def _child(
    kind: str, data: Path, engine: str = "duckdb", src: str | None = None
) -> dict[str, float]:
    command = [sys.executable, __file__, "--child", kind, "--data", str(data), "--engines", engine]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command + (["--src", src] if src else []), capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode:
        return {"error": done.stderr.strip().splitlines()[-1][:120] if done.stderr else "?"}
    result = json.loads(done.stdout.strip().splitlines()[-1])
    result["wall_s"] = wall
    result["cpu_s"] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return result


OWN_SERVER = ("postgresql", "postgres")  # --engines words that start a throwaway server


@contextlib.contextmanager
def _engines(names: list[str]) -> Iterator[list[tuple[str, str, object]]]:
    """(label, --engine URL, server or None) of each engine; a throwaway PostgreSQL
    server started for the run where ``postgresql`` is named without a URL."""
    if not any(name in OWN_SERVER for name in names):
        yield [(name, name, None) for name in names]
        return
    sys.path.insert(0, str(HERE.parent / "tests" / "engines"))
    from engine_servers import Unavailable, postgres_cluster

    try:
        with postgres_cluster() as server:
            print(f"# PostgreSQL started for this run: {server.url}", flush=True)
            yield [
                ("postgresql", server.url, server) if name in OWN_SERVER else (name, name, None)
                for name in names
            ]
    except Unavailable as exc:
        raise SystemExit(f"--engines postgresql: {exc}; or give a server's URL") from None


def _machine() -> str:
    load = os.getloadavg()
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return (
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"{memory:.0f} GB, Python {platform.python_version()}, load average "
        f"{load[0]:.1f} at start"
    )


def _row(*cells: object) -> str:
    widths = (11, 22, 7, 8, 9, 8, 8, 6, 7, 8, 7, 9, 8)
    return " ".join(str(c).rjust(w) for c, w in zip(cells, widths, strict=False))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--spells", default="100000,1000000", help="comma-separated sizes")
    parser.add_argument("--format", default="parquet", choices=["csv", "parquet"])
    parser.add_argument("--engines", default="duckdb", help="comma-separated --engine values")
    parser.add_argument("--pandas", action="store_true", help="the pandas peer too (CSV)")
    parser.add_argument("--before", help="another checkout's src folder, timed side by side")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--src", help=argparse.SUPPRESS)
    parser.add_argument("--data", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        if args.src:
            sys.path.insert(0, args.src)
        data = Path(args.data)
        if args.child == "scan":
            result = _scan(data)
        elif args.child == "pandas":
            result = _pandas(data)
        else:
            with tempfile.TemporaryDirectory() as out:
                result = _pipeline(data, args.engines, Path(out))
        result["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(json.dumps(result))
        return
    if args.pandas and args.format != "csv":
        parser.error("--pandas reads CSV: give --format csv")
    print(_machine())
    print(_row("spells", "engine", "scan s", "check s", "measure s", "publish", "total s",
               "ratio", "CPU s", "server s", "RSS MB", "pandas s", "pandas×"))
    with _engines(args.engines.split(",")) as engines:
        for size in [int(s) for s in args.spells.split(",")]:
            _size(size, args, engines)
    print(_machine().replace("at start", "at the end"))


def _size(size: int, args: argparse.Namespace, engines: list[tuple[str, str, object]]) -> None:
    from akassemonitor.synth import generate

    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder)
        summary = generate(data, spells=size, fmt=args.format)
        print(f"# {summary.spells:,} spells, {summary.rows['samtaler']:,} conversation "
              f"rows, {args.format}", flush=True)
        runs = []
        for label, url, server in engines:  # before and after side by side, per engine
            if args.before:
                runs.append((f"{label}, before", url, server, args.before))
            runs.append((label, url, server, None))
        for label, url, server, src in runs:
            scan = _child("scan", data)
            server_cpu = server.cpu_seconds() if server is not None else None
            pipe = _child("pipeline", data, url, src)
            if server is not None:
                time.sleep(1)  # the session's backend is reaped
                server_cpu = server.cpu_seconds() - server_cpu
            peer = _child("pandas", data) if args.pandas else {}
            if "error" in pipe:
                print(_row(f"{summary.spells:,}", label[:22], *[""] * 11)
                      + f"  failed: {pipe['error']}", flush=True)
                continue
            pandas_cells = ("", "")
            if "wall_s" in peer:
                ratio = peer["wall_s"] / pipe["wall_s"]
                pandas_cells = (f"{peer['wall_s']:.1f}", f"{ratio:.1f}")
            print(_row(
                f"{summary.spells:,}", label[:22], f"{scan['wall_s']:.2f}",
                f"{pipe['check_s']:.1f}", f"{pipe['measures_s']:.1f}",
                f"{pipe['publish_s']:.1f}", f"{pipe['wall_s']:.1f}",
                f"{pipe['wall_s'] / scan['wall_s']:.1f}", f"{pipe['cpu_s']:.1f}",
                "" if server_cpu is None else f"{server_cpu:.1f}",
                f"{pipe['peak_rss_mb']:,.0f}", *pandas_cells,
            ), flush=True)


if __name__ == "__main__":
    main()
