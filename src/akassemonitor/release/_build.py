"""Building a release: compute, disclose, write, render, describe, swap into place."""

from __future__ import annotations

import json
import os
import platform
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from importlib import metadata
from pathlib import Path
from typing import Any

from akassemonitor import __version__
from akassemonitor.config import Config
from akassemonitor.months import Month
from akassemonitor.publish import FORMATS, ReportsFailed, render_reports
from akassemonitor.registers.files import find_register_file
from akassemonitor.registers.schema import REGISTERS
from akassemonitor.release._atomic import Swap, staging_name
from akassemonitor.release._check import hash_problems, sha256_of
from akassemonitor.release._folder import (
    FORMAT,
    MANIFEST,
    REJECTS,
    REPORTS,
    RUN_LOG,
    Release,
    ReleaseError,
    config_to_dict,
    internal_folder,
    read_release,
    trial_identity,
)
from akassemonitor.release._pipeline import (
    Progress,
    disclosure_of,
    engine_name,
    month_cells,
    write_cells,
)
from akassemonitor.store import EngineURL

PAUSE_ENV = "AKASSEMONITOR_RELEASE_PAUSE"  # tests: stop the build at a named stage
# The libraries that shape the figures and the files (the manifest records them).
SOFTWARE = ("duckdb", "ibis-framework", "pandas", "pyarrow", "highspy", "weasyprint",
            "pydyf", "openpyxl", "altair", "vl-convert-python")


INFORMATION_LOSS = "information_loss.json"  # internal: the hidden cells' summed values


def build_release(
    data: Path | None,
    month: Month,
    out: Path,
    *,
    config: Config,
    previous: Path | None = None,
    engine: EngineURL | None = None,
    internal: Path | None = None,
    strict: bool = False,
    method: str = "auto",
    akasser: Sequence[str] | None = None,
    formats: Sequence[str] = FORMATS,
    workers: int | None = None,
    progress: Progress | None = None,
) -> Path:
    """Build the release of ``month`` from the registers in ``data``; return its folder.

    Writes ``out/<month>/`` (published cells, quality, reports, manifest) and the
    internal folder (``internal``, default ``out/<month>.internal``: measures.csv,
    rejects, run.log). Both are built in hidden sibling folders and swapped into
    place only when complete; an earlier release of the month stays as it was if the
    build fails or is killed. ``previous``: last month's release, whose suppression
    pattern is kept (refused if it is of another trial configuration, or not earlier).
    ``engine``: where the measures run (None: DuckDB in memory; with ``data`` None,
    the registers it holds). ``method``: secondary suppression's method (``auto``,
    ``exact``, ``heuristic``; the manifest records the one that ran). Raises ReleaseError
    (or the registers' InputError) with a message saying what to fix. If a report
    fails, every other report is still rendered (to list every failure at once), no
    release is written (an earlier release of the month stays as it was) and
    :class:`akassemonitor.publish.ReportsFailed` lists the failures (``written`` empty).
    """
    say = progress or (lambda stage, item: None)
    started = time.perf_counter()
    timings: list[tuple[str, float]] = []
    target = Path(out) / str(month)
    internal_target = Path(internal) if internal is not None else internal_folder(target)
    if internal_target.resolve() == target.resolve() or target.resolve() in (
        internal_target.resolve().parents
    ):
        raise ReleaseError(
            f"--internal {internal_target} lies in the release folder {target}; the "
            "internal files must never be handed out: choose a folder beside it"
        )
    chosen = list(config.akasser_and_alle if akasser is None else akasser)
    before = _previous(previous, config, month) if previous is not None else None
    target.parent.mkdir(parents=True, exist_ok=True)
    internal_target.parent.mkdir(parents=True, exist_ok=True)
    swap = Swap([internal_target, target], staging_name(target, "work"))
    try:
        stage, stage_internal = swap.stage[target], swap.stage[internal_target]
        _pause("start")
        cells = month_cells(
            data, month, config, rejects_dir=stage_internal / REJECTS, strict=strict,
            engine=engine, progress=say,
        )
        timings.append(("registers and measures", time.perf_counter() - started))
        say("disclosure", config.disclosure.mode)
        disclosure = disclosure_of(
            cells.exact, config, before.published if before is not None else None, method
        )
        timings.append(("disclosure control", time.perf_counter() - started))
        write_cells(stage, stage_internal, cells.exact, disclosure.published, cells.quality)
        _pause("cells")
        manifest = _manifest(
            data, month, config, engine, cells.quality, disclosure, before, chosen, formats
        )
        release = Release(stage, month, config, disclosure.published, cells.quality, manifest)
        with _temporary_files_in(swap.scratch):
            try:
                render_reports(
                    release, chosen, stage / REPORTS, formats=formats, workers=workers,
                    progress=lambda akasse: _reported(say, akasse),
                    isolated=True,
                )
            except ReportsFailed as exc:
                # Published whole or not at all: the staging goes, nothing is swapped in.
                raise ReportsFailed([], exc.failures) from None
        timings.append(("reports", time.perf_counter() - started))
        manifest["files"] = _file_hashes(stage)
        (stage / MANIFEST).write_text(_json(manifest), encoding="utf-8")
        _pause("manifest")
        _write_log(stage_internal / RUN_LOG, timings, cells.notes)
        (stage_internal / INFORMATION_LOSS).write_text(
            _json(disclosure.loss.internal()), encoding="utf-8"
        )
        swap.commit(pause=_pause)
    finally:
        swap.close()
    return target


def _reported(say: Progress, akasse: str) -> None:
    say("reports", akasse)
    _pause("reports")


def _pause(stage: str) -> None:
    """Tests only: with ``AKASSEMONITOR_RELEASE_PAUSE=<stage>``, say so and wait to be killed."""
    if os.environ.get(PAUSE_ENV) == stage:
        os.write(2, f"paused at {stage}\n".encode())
        while True:
            time.sleep(60)


def _previous(path: Path, config: Config, month: Month) -> Release:
    """Last month's release, refused if it is not one this release may follow."""
    before = read_release(path)
    changed = hash_problems(Path(path), before.manifest)
    if changed:
        raise ReleaseError(
            f"--previous {path}: the release was changed after it was built "
            f"({changed[0]}); point to an intact release ('akassemonitor verify' it)"
        )
    if trial_identity(before.config) != trial_identity(config):
        ours, theirs = trial_identity(config), trial_identity(before.config)
        differ = sorted(k for k in ours if ours[k] != theirs.get(k))
        raise ReleaseError(
            f"--previous {path}: a release of another trial or configuration (it differs "
            f"in {', '.join(differ)}); its suppression pattern cannot carry over. Point "
            "to the previous release of this series, or drop --previous"
        )
    if before.month == month:
        raise ReleaseError(
            f"--previous {path}: a release of the same month {month}; point to the "
            "release of an earlier month (usually last month)"
        )
    if before.month > month:
        raise ReleaseError(
            f"--previous {path}: a release of {before.month}, later than {month}; "
            "point to the release of an earlier month (usually last month)"
        )
    return before


def _software() -> dict[str, str]:
    versions = {"akassemonitor": __version__, "python": platform.python_version()}
    for name in SOFTWARE:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def _inputs(data: Path | None, quality: Any) -> list[dict[str, Any]]:
    """The register files with their hashes and rows (none: the engine's own tables)."""
    if data is None:
        return []
    rows = {r.register: r for r in quality.reconciliation}
    inputs = []
    for register in REGISTERS:
        path = find_register_file(Path(data), register)
        counts = rows.get(register.name)
        inputs.append({
            "register": register.name,
            "file": path.name,
            "bytes": path.stat().st_size,
            "sha256": sha256_of(path),
            "rows_read": counts.read if counts else None,
            "rows_used": counts.used if counts else None,
            "rows_quarantined": counts.quarantined if counts else None,
        })
    return inputs


def _manifest(
    data: Path | None,
    month: Month,
    config: Config,
    engine: EngineURL | None,
    quality: Any,
    disclosure: Any,
    before: Release | None,
    akasser: Sequence[str],
    formats: Sequence[str],
) -> dict[str, Any]:
    """Everything that made the release, and nothing that changes between reruns."""
    settings = config.disclosure
    report = disclosure.audit
    if report is None:
        audit: dict[str, Any] = {
            "run": False,
            "note": "primary mode: STAR's rule only; 'akassemonitor audit' lists its leaks",
        }
    else:
        audit = {
            "run": True,
            "ok": report.ok,
            "counts_attacked": len(report.intervals),
            "leaks": len(report.leaks),
            "summary": report.summary(),
        }
    mode = disclosure.mode
    method = getattr(disclosure, "method", "primary" if mode == "primary" else "not recorded")
    previous = None
    if before is not None:
        previous = {
            "month": str(before.month),
            "manifest_sha256": sha256_of(before.path / MANIFEST),
        }
    return {
        "format": FORMAT,
        "month": str(month),
        "period": {"first": str(config.trial_start), "last": str(month)},
        "inputs": _inputs(data, quality),
        "config": config_to_dict(config),
        "software": _software(),
        "engine": engine_name(engine),
        "disclosure": {
            "mode": mode,
            "method": method,
            "threshold": settings.threshold,
            "protection_width": settings.width,
            "primary_cells": disclosure.primary,
            "secondary_cells": disclosure.secondary,
            "unlocked_cells": disclosure.unlocked,
            # Hidden cells by table only: their summed values stay internal (a sum is one
            # more equation for an attacker; docs/discretion.md).
            "information_loss": disclosure.loss.public(),
            "audit": audit,
        },
        "previous": previous,
        "reports": {"akasser": list(akasser), "formats": [f for f in FORMATS if f in formats]},
    }


def _file_hashes(folder: Path) -> dict[str, dict[str, Any]]:
    return {
        path.relative_to(folder).as_posix(): {
            "bytes": path.stat().st_size,
            "sha256": sha256_of(path),
        }
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name != MANIFEST
    }


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2, sort_keys=False) + "\n"


def _write_log(path: Path, timings: list[tuple[str, float]], notes: Sequence[str]) -> None:
    """Run times (never in the manifest: reruns must give the same bytes)."""
    lines = [f"{stage}: done after {seconds:.1f} s" for stage, seconds in timings]
    lines.extend(f"note: {note}" for note in notes)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


@contextmanager
def _temporary_files_in(folder: Path) -> Iterator[None]:
    """Temporary files of this process and its workers (WeasyPrint's fonts) go to
    ``folder``, removed with the build's staging, even after a kill."""
    saved_env, saved_dir = os.environ.get("TMPDIR"), tempfile.tempdir
    os.environ["TMPDIR"] = str(folder)
    tempfile.tempdir = str(folder)
    try:
        yield
    finally:
        tempfile.tempdir = saved_dir
        if saved_env is None:
            os.environ.pop("TMPDIR", None)
        else:
            os.environ["TMPDIR"] = saved_env


__all__ = ["build_release"]

