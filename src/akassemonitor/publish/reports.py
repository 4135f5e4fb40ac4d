"""Write the monthly reports: per a-kasse (and ``ALLE``), PDF, HTML and XLSX.

The publisher reads a release only: :func:`render_reports` and :func:`build_reports`
take a :class:`PublishableRelease` (an :class:`akassemonitor.release.Release`, or
anything with its published cells, publishable quality counts, configuration, month
and manifest), never exact cells or registers.

Layout of the output: ``out_dir/<file stem>.<format>``, e.g. ``FTF-A.pdf`` and
``Dansk-Metal.xlsx``; the file stem is the a-kasse code with every space (and any
character unsafe in a file name) replaced by ``-`` (:func:`report_stem`); ``ALLE`` is
the whole trial.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import multiprocessing.context
import os
import re
import signal
import sys
import threading
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

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
# Tests only: ``AKASSEMONITOR_REPORT_FAULT=<a-kasse>:<format>`` (format ``pdf``, ``html``,
# ``xlsx`` or ``document``) makes that one report fail, in every worker process.
FAULT_ENV = "AKASSEMONITOR_REPORT_FAULT"


@dataclass(frozen=True)
class ReportFailure:
    """One report that could not be written: which a-kasse, which format, and why."""

    akasse: str
    format: str | None  # None: the document itself, so no format of it was written
    reason: str  # one line

    def __str__(self) -> str:
        what = self.format or "every format (the report could not be built)"
        return f"{self.akasse}, {what}: {self.reason}"


class ReportsFailed(Exception):
    """Some reports failed; the others were written.

    ``written``: the files written; ``failures``: every report that failed (no file of
    a failed report is left in the folder, not even one of an earlier run).
    """

    def __init__(self, written: Sequence[Path], failures: Sequence[ReportFailure]) -> None:
        self.written = list(written)
        self.failures = list(failures)
        super().__init__(
            f"{len(self.failures)} report file(s) failed: "
            + "; ".join(str(f) for f in self.failures)
        )


class PublishableRelease(Protocol):
    """What a publisher may see of a release (:class:`akassemonitor.release.Release`)."""

    @property
    def month(self) -> Month: ...

    @property
    def config(self) -> Config: ...

    @property
    def published(self) -> PublishedCells: ...

    @property
    def quality(self) -> DataQuality: ...

    @property
    def manifest(self) -> Mapping[str, Any]: ...


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


def build_reports(release: PublishableRelease, akasser: Sequence[str]) -> list[Report]:
    """The document of each asked a-kasse of a release (no files written)."""
    published, quality = release.published, release.quality
    config, month = release.config, release.month
    cells = CellIndex(published)
    check_request(cells, config, month, akasser)
    note = discretion_note(config)
    return [
        build_report(cells, quality, config, month, a, discretion_note=note) for a in akasser
    ]


def render_reports(
    release: PublishableRelease,
    akasser: Sequence[str],
    out_dir: Path,
    *,
    formats: Sequence[str] = FORMATS,
    progress: Callable[[str], None] | None = None,
    workers: int | None = None,
    isolated: bool = False,
) -> list[Path]:
    """Write each a-kasse's report of a release to ``out_dir``; return the paths.

    ``akasser`` holds configured codes and/or ``ALLE``; ``formats`` any of ``pdf``,
    ``html``, ``xlsx``. ``progress(akasse)`` is called after each a-kasse's files are
    written, in the order asked. ``workers``: processes rendering in parallel (default:
    one per CPU available; 1 renders in this process unless ``isolated``: then always
    in worker processes, whose temporary files end with them). Workers are forked
    where that is safe, so they start at once (see :func:`_start_method` and
    ``docs/reports.md``); they end when this process ends. The files are the same
    whatever the number of workers. Raises ValueError for an unknown a-kasse or
    format, or a month with no cells (before any file is written). A report that fails
    does not stop the others: every other report is written, and then
    :class:`ReportsFailed` lists the failures (and the files written).
    """
    published, quality = release.published, release.quality
    config, month = release.config, release.month
    bad = [f for f in formats if f not in FORMATS]
    if bad or not formats:
        raise ValueError(f"unknown report format(s) {bad}; choose from {', '.join(FORMATS)}")
    cells = CellIndex(published)
    check_request(cells, config, month, akasser)
    job = _Job(published, quality, config, month, discretion_note(config), tuple(formats))
    target = Path(out_dir)
    target.mkdir(parents=True, exist_ok=True)
    count = _worker_count(workers, len(akasser))
    written: list[Path] = []
    failures: list[ReportFailure] = []

    def done(akasse: str, paths: list[Path], failed: list[ReportFailure]) -> None:
        written.extend(paths)
        failures.extend(failed)
        if progress is not None:
            progress(akasse)

    if count == 1 and not isolated:
        _start_worker(job)
        for akasse in akasser:
            done(akasse, *_render_one(akasse, target))
    else:
        with ProcessPoolExecutor(count, mp_context=_start_method(),
                                 initializer=_start_worker, initargs=(job,)) as pool:
            futures = [pool.submit(_render_one, akasse, target) for akasse in akasser]
            for akasse, future in zip(akasser, futures, strict=True):
                try:
                    paths, failed = future.result()
                except Exception as exc:  # the worker itself failed (e.g. it was killed)
                    _discard(target, akasse, job.formats)
                    paths, failed = [], [ReportFailure(akasse, None, _reason(exc))]
                done(akasse, paths, failed)
    if failures:
        raise ReportsFailed(written, failures)
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
    parent = multiprocessing.parent_process()
    if parent is not None:  # a worker process: end with the parent
        _end_with_parent(parent.pid)
    _worker["job"] = job
    _worker["cells"] = CellIndex(job.published)


def _render_one(akasse: str, target: Path) -> tuple[list[Path], list[ReportFailure]]:
    """Build and write one a-kasse's report in every asked format (in a worker).

    Returns the files written and the formats that failed: a failure of one format
    does not stop the others; a failure of the document stops every format.
    """
    job = _worker["job"]
    cells = _worker["cells"]
    assert isinstance(job, _Job) and isinstance(cells, CellIndex)
    try:
        _injected_fault(akasse, "document")
        report = build_report(
            cells, job.quality, job.config, job.month, akasse, discretion_note=job.note
        )
    except Exception as exc:  # one report's failure must not stop the others
        _discard(target, akasse, job.formats)
        return [], [ReportFailure(akasse, None, _reason(exc))]
    stem = report_stem(akasse)
    written: list[Path] = []
    failures: list[ReportFailure] = []
    for fmt in FORMATS:
        if fmt not in job.formats:
            continue
        path = target / f"{stem}.{fmt}"
        try:
            _injected_fault(akasse, fmt)
            if fmt == "html":
                content = render_html(report).encode("utf-8")
            elif fmt == "pdf":
                content = render_pdf(report)
            else:
                content = render_xlsx(report)
            path.write_bytes(content)
        except Exception as exc:
            _discard(target, akasse, (fmt,))
            failures.append(ReportFailure(akasse, fmt, _reason(exc)))
        else:
            written.append(path)
    return written, failures


def _discard(target: Path, akasse: str, formats: Sequence[str]) -> None:
    """Remove the files of a failed report: a half-written one, or one of an earlier
    run that would pass for this run's."""
    for fmt in formats:
        path = target / f"{report_stem(akasse)}.{fmt}"
        if path.is_file() or path.is_symlink():
            path.unlink()


def _reason(exc: BaseException) -> str:
    """Why a report failed, on one line."""
    if isinstance(exc, OSError) and exc.filename is not None:
        return f"{exc.filename}: {exc.strerror or exc}"
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _injected_fault(akasse: str, fmt: str) -> None:
    """Tests only: fail where ``AKASSEMONITOR_REPORT_FAULT`` says (``<a-kasse>:<format>``)."""
    if os.environ.get(FAULT_ENV) == f"{akasse}:{fmt}":
        raise RuntimeError(f"a fault injected by {FAULT_ENV} (tests only)")


_PR_SET_PDEATHSIG = 1


def _end_with_parent(parent_pid: int | None) -> None:
    """Have the kernel kill this worker when the process that started it ends (Linux),
    so that a killed build leaves no worker rendering on; elsewhere the pool's own
    shutdown ends the workers."""
    if not sys.platform.startswith("linux"):
        return
    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if parent_pid is not None and os.getppid() != parent_pid:  # it ended already
        os._exit(1)


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


__all__ = [
    "FAULT_ENV",
    "FORMATS",
    "PublishableRelease",
    "ReportFailure",
    "ReportsFailed",
    "build_reports",
    "render_reports",
    "report_stem",
]
