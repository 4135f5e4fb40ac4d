"""Write the monthly reports: per a-kasse (and ``ALLE``), PDF, HTML and XLSX.

Layout of the output: ``out_dir/<month>/<file stem>.<format>``, e.g.
``reports/2022M04/FTF-A.pdf`` and ``reports/2022M04/Dansk-Metal.xlsx``; the file stem
is the a-kasse code with every space (and any character unsafe in a file name)
replaced by ``-`` (:func:`report_stem`); ``ALLE`` is the whole trial.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.context
import os
import re
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from akassemonitor.cells import PublishedCells
from akassemonitor.config import Config
from akassemonitor.discretion import discretion_note_da
from akassemonitor.months import Month
from akassemonitor.publish import _charts as charts
from akassemonitor.publish._cells import CellIndex
from akassemonitor.publish._document import build_report
from akassemonitor.publish._html import render_html
from akassemonitor.publish._model import Report
from akassemonitor.publish._pdf import render_pdf
from akassemonitor.publish._xlsx import render_xlsx
from akassemonitor.quality import DataQuality

FORMATS = ("pdf", "html", "xlsx")
_UNSAFE = re.compile(r"[^\w.+-]")


def report_stem(akasse: str) -> str:
    """The file name of an a-kasse's reports, no extension: ``Dansk Metal`` → ``Dansk-Metal``."""
    return _UNSAFE.sub("-", akasse.strip())


def discretion_note(config: Config) -> str:
    """The Danish note on disclosure control, stating the rule in force."""
    return discretion_note_da(config)


def check_request(cells: CellIndex, config: Config, month: Month, akasser: Sequence[str]) -> None:
    """Raise ValueError, saying what to do, for an unknown a-kasse or a month without cells."""
    known = config.akasser_and_alle
    unknown = [a for a in akasser if a not in known]
    if unknown:
        raise ValueError(
            f"unknown a-kasse {', '.join(map(repr, unknown))}; "
            f"choose from {', '.join(known)}"
        )
    if not akasser:
        raise ValueError("no a-kasse asked for; give at least one, or all")
    if str(month) not in cells.months:
        have = sorted(cells.months)
        span = f"{have[0]}..{have[-1]}" if have else "none"
        raise ValueError(
            f"no published cells for {month} (the cells cover {span}); "
            f"compute the measures for {month} first"
        )
    made_for = cells.report_months()
    if made_for and str(month) not in made_for:
        raise ValueError(
            f"the published cells were made for {', '.join(sorted(made_for))}, not {month}: "
            f"their period totals would not match; compute the measures for {month}"
        )


def build_reports(
    published: PublishedCells,
    quality: DataQuality,
    config: Config,
    month: Month,
    akasser: Sequence[str],
) -> list[Report]:
    """The document of each asked a-kasse (no files written)."""
    cells = CellIndex(published)
    check_request(cells, config, month, akasser)
    note = discretion_note(config)
    return [
        build_report(cells, quality, config, month, a, discretion_note=note) for a in akasser
    ]


def render_reports(
    published: PublishedCells,
    quality: DataQuality,
    config: Config,
    month: Month,
    akasser: Sequence[str],
    out_dir: Path,
    *,
    formats: Sequence[str] = FORMATS,
    progress: Callable[[str], None] | None = None,
    workers: int | None = None,
) -> list[Path]:
    """Write each a-kasse's report for ``month`` to ``out_dir/<month>/``; return the paths.

    ``akasser`` holds configured codes and/or ``ALLE``; ``formats`` any of ``pdf``,
    ``html``, ``xlsx``. ``progress(akasse)`` is called after each a-kasse's files are
    written, in the order asked. ``workers``: processes rendering in parallel (default:
    one per CPU available; 1 renders in this process). Workers are forked where that
    is safe, so they start at once (see :func:`_start_method` and ``docs/reports.md``).
    The files are the same whatever the number of workers. Raises ValueError for an
    unknown a-kasse or format, or a month with no cells.
    """
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        raise ValueError(f"unknown report format(s) {bad}; choose from {', '.join(FORMATS)}")
    cells = CellIndex(published)
    check_request(cells, config, month, akasser)
    job = _Job(published, quality, config, month, discretion_note(config), tuple(formats))
    target = Path(out_dir) / str(month)
    target.mkdir(parents=True, exist_ok=True)
    count = _worker_count(workers, len(akasser))
    written: list[Path] = []
    if count == 1:
        _start_worker(job)
        for akasse in akasser:
            written.extend(_render_one(akasse, target))
            if progress is not None:
                progress(akasse)
        return written
    with ProcessPoolExecutor(count, mp_context=_start_method(), initializer=_start_worker,
                             initargs=(job,)) as pool:
        futures = [pool.submit(_render_one, akasse, target) for akasse in akasser]
        for akasse, future in zip(akasser, futures, strict=True):
            written.extend(future.result())
            if progress is not None:
                progress(akasse)
    return written


def _start_method() -> multiprocessing.context.BaseContext:
    """Fork where it is safe, else spawn.

    Fork starts a worker at once, with everything imported (spawn pays about 1.5 s of
    imports per worker). It is safe only before vl-convert has started its threads in
    this process (a forked copy of its runtime would hang) and while no other Python
    thread runs (one could hold a lock the worker then waits for forever, e.g. a
    progress bar's refresh thread holding the console). Otherwise, and where fork is
    unavailable, workers are spawned.
    """
    if (
        "fork" in multiprocessing.get_all_start_methods()
        and not charts.converter_started()
        and threading.active_count() == 1
    ):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


@dataclass(frozen=True)
class _Job:
    """Everything a worker needs, sent once per worker."""

    published: PublishedCells
    quality: DataQuality
    config: Config
    month: Month
    note: str
    formats: tuple[str, ...]


_worker: dict[str, object] = {}


def _start_worker(job: _Job) -> None:
    _worker["job"] = job
    _worker["cells"] = CellIndex(job.published)


def _render_one(akasse: str, target: Path) -> list[Path]:
    """Build and write one a-kasse's report in every asked format (in a worker)."""
    job = _worker["job"]
    cells = _worker["cells"]
    assert isinstance(job, _Job) and isinstance(cells, CellIndex)
    report = build_report(
        cells, job.quality, job.config, job.month, akasse, discretion_note=job.note
    )
    stem = report_stem(akasse)
    written = []
    for fmt in FORMATS:
        if fmt not in job.formats:
            continue
        path = target / f"{stem}.{fmt}"
        if fmt == "html":
            path.write_text(render_html(report), encoding="utf-8")
        elif fmt == "pdf":
            path.write_bytes(render_pdf(report))
        else:
            path.write_bytes(render_xlsx(report))
        written.append(path)
    return written


def _worker_count(asked: int | None, reports: int) -> int:
    """``asked`` processes, default one per CPU available, never more than reports."""
    if asked is None:
        asked = _cpus()
    if asked < 1:
        raise ValueError(f"workers must be at least 1, got {asked}")
    return min(asked, max(1, reports))


def _cpus() -> int:
    """The CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on every platform
        return os.cpu_count() or 1


__all__ = ["FORMATS", "build_reports", "render_reports", "report_stem"]
