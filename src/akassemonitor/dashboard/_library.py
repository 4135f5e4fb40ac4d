"""The releases a dashboard serves: found in one folder, verified once, held in memory.

A release folder is served only when :func:`~akassemonitor.release.verify_release`
finds nothing wrong with it; a folder that fails is listed with the reasons instead
(the pages say why it is not shown). Only the handed-out folder is read
(``releases/2022M04``): never its ``.internal`` twin with the exact cells and the
quarantined rows.

Everything a request needs is computed here, once, when the server starts: the
cells as published (the text of each value exactly as in the cell files), their
Danish display, and an index for the pages. Requests never recompute a measure.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass, field
from pathlib import Path

from akassemonitor.catalogue import MEASURE_BY_ID
from akassemonitor.cells import CELL_COLUMNS, SUPPRESSED
from akassemonitor.config import Config
from akassemonitor.months import Month, MonthError
from akassemonitor.publish import report_stem
from akassemonitor.publish._cells import CellIndex
from akassemonitor.publish._formats import format_cell
from akassemonitor.release import Release, ReleaseError, read_release, verify_release

CELL_FILES = ("published.csv", "published_bilag.csv")
REPORT_FORMATS = ("pdf", "html", "xlsx")
INTERNAL_SUFFIX = ".internal"
# A verify problem naming a shown small count quotes that count; the dashboard says
# only that there is one (no page or log line may show an exact small count).
SMALL_COUNT_MARK = "at or below the threshold"


@dataclass(frozen=True)
class PublishedRow:
    """One published cell: its key, the value as written in the cell file, and for
    the API its number and its Danish display (``85,3 %``, ``*``)."""

    measure: str
    month: str
    akasse: str
    category: str
    text: str  # exactly as in published.csv: "*", "", "12", "0.853"
    number: float | int | None
    display: str

    @property
    def suppressed(self) -> bool:
        return self.text == SUPPRESSED

    @property
    def csv_line(self) -> str:
        return _csv_line((self.measure, self.month, self.akasse, self.category, self.text))


@dataclass(frozen=True)
class ServedRelease:
    """A verified release and its cells, indexed for the pages and the API."""

    release: Release
    rows: tuple[PublishedRow, ...]  # published.csv then published_bilag.csv, file order
    cells: CellIndex
    reports: dict[str, tuple[str, ...]]  # a-kasse -> formats present under reports/

    @property
    def month(self) -> Month:
        return self.release.month

    @property
    def key(self) -> str:
        return str(self.release.month)

    @property
    def config(self) -> Config:
        return self.release.config

    def report_file(self, akasse: str, fmt: str) -> Path | None:
        """The a-kasse's report in ``fmt`` if the release holds it (verified with it)."""
        if fmt not in self.reports.get(akasse, ()):
            return None
        return self.release.path / "reports" / f"{report_stem(akasse)}.{fmt}"


@dataclass(frozen=True)
class RefusedFolder:
    """A folder that looks like a release but is not served, and why."""

    name: str
    problems: tuple[str, ...]


@dataclass(frozen=True)
class Library:
    """Every release served (by month, oldest first) and every folder refused."""

    root: Path
    served: dict[str, ServedRelease]
    refused: tuple[RefusedFolder, ...] = field(default_factory=tuple)

    @property
    def months(self) -> tuple[str, ...]:
        return tuple(self.served)

    @property
    def latest(self) -> ServedRelease | None:
        return self.served[self.months[-1]] if self.served else None

    def get(self, month: str | None) -> ServedRelease:
        """The release of ``month`` (the latest when None); KeyError saying what is served."""
        if not self.served:
            raise KeyError("ingen udgivelser vises")
        if month is None:
            latest = self.latest
            assert latest is not None
            return latest
        try:
            return self.served[month]
        except KeyError:
            raise KeyError(month) from None


class LibraryError(ValueError):
    """The folder to serve holds no release at all; the message says what to do."""


def load_library(root: Path) -> Library:
    """Find, verify and read every release under ``root`` (or ``root`` itself).

    ``root`` is either one release folder (it holds ``manifest.json``) or a folder of
    them (``releases/2022M03``, ``releases/2022M04``, ...). Sub-folders ending in
    ``.internal`` are skipped unread; other sub-folders count when they hold a
    manifest or are named like a month (``2022M05`` without a manifest is refused,
    saying so). Raises :class:`LibraryError` when nothing there looks like a release.
    """
    root = Path(root)
    if root.exists() and not root.is_dir():
        raise LibraryError(
            f"{root} is a file, not a folder; give a release folder (e.g. "
            "releases/2022M04) or the folder holding them (e.g. releases/)"
        )
    if not root.is_dir():
        raise LibraryError(
            f"{root}: no such folder; give the folder 'akassemonitor release' wrote to "
            "(e.g. releases/)"
        )
    if (root / "manifest.json").is_file():
        candidates = [root]
    else:
        candidates = sorted(
            p
            for p in root.iterdir()
            if p.is_dir()
            and not p.name.endswith(INTERNAL_SUFFIX)
            and ((p / "manifest.json").is_file() or _is_month(p.name))
        )
    if not candidates:
        raise LibraryError(
            f"{root}: holds no release folder (a folder with manifest.json, such as "
            "releases/2022M04); build one with 'akassemonitor release'"
        )
    served: dict[str, ServedRelease] = {}
    refused: list[RefusedFolder] = []
    for folder in candidates:
        problems = [public_problem(p) for p in verify_release(folder)]
        if not problems:
            try:
                release = read_release(folder)
            except ReleaseError as exc:
                problems = [public_problem(str(exc))]
        if problems:
            refused.append(RefusedFolder(folder.name, tuple(problems)))
            continue
        month = str(release.month)
        if month in served:
            refused.append(
                RefusedFolder(
                    folder.name,
                    (f"{folder}: another folder ({served[month].release.path.name}) already "
                     f"holds the release of {month}; keep one of them",),
                )
            )
            continue
        served[month] = _serve(release)
    ordered = {m: served[m] for m in sorted(served, key=Month.parse)}
    return Library(root, ordered, tuple(refused))


def public_problem(problem: str) -> str:
    """A verify problem as the dashboard may show it: never a shown small count."""
    if SMALL_COUNT_MARK in problem:
        where = problem.split(": row", 1)[0]
        return f"{where}: shows a count at or below the disclosure threshold"
    return problem


def _is_month(name: str) -> bool:
    try:
        Month.parse(name)
    except MonthError:
        return False
    return True


def _serve(release: Release) -> ServedRelease:
    rows: list[PublishedRow] = []
    for name in CELL_FILES:
        with (release.path / name).open(encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader)
            assert header == CELL_COLUMNS, f"{name}: verified, yet its header is {header}"
            rows.extend(_row(*line) for line in reader)
    reports: dict[str, tuple[str, ...]] = {}
    listed = set(release.manifest.get("files", {}))
    for akasse in release.config.akasser_and_alle:
        stem = report_stem(akasse)
        present = tuple(
            fmt
            for fmt in REPORT_FORMATS
            if f"reports/{stem}.{fmt}" in listed
            and (release.path / "reports" / f"{stem}.{fmt}").is_file()
        )
        if present:
            reports[akasse] = present
    return ServedRelease(release, tuple(rows), CellIndex(release.published), reports)


def _row(measure: str, month: str, akasse: str, category: str, text: str) -> PublishedRow:
    info = MEASURE_BY_ID[measure]
    number: float | int | None
    if text in ("", SUPPRESSED):
        number = None
    elif info.decimals is None:
        number = int(text)
    else:
        number = float(text)
    shown = None if number is None else float(number)
    display = format_cell(measure, shown, text == SUPPRESSED)
    if number is not None and isinstance(number, float) and math.isnan(number):
        number = None
    return PublishedRow(measure, month, akasse, category, text, number, display)


def _csv_line(values: tuple[str, ...]) -> str:
    """One CSV line as pandas writes the cell files (quoted only where needed)."""
    out = []
    for value in values:
        if any(c in value for c in ',"\n\r'):
            value = '"' + value.replace('"', '""') + '"'
        out.append(value)
    return ",".join(out)


CSV_HEADER = ",".join(CELL_COLUMNS)
