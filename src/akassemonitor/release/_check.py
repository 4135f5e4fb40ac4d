"""What makes a folder a release one may hand out: hashes, complete keys, no small
count shown, and the attacker's audit."""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from akassemonitor.catalogue import MEASURE_BY_ID, MEASURES
from akassemonitor.cells import SUPPRESSED, PublishedCells
from akassemonitor.config import Config
from akassemonitor.discretion import audit
from akassemonitor.months import Month, MonthError
from akassemonitor.release._folder import (
    MANIFEST,
    PUBLISHED,
    PUBLISHED_BILAG,
    ReleaseError,
    expected_keys,
    key_problems,
    manifest_config,
    manifest_month,
    read_manifest,
)

_INTEGER = re.compile(r"-?\d+")
CHUNK = 1 << 20


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def value_problems(path: Path, threshold: int) -> tuple[list[str], list[str]]:
    """(shape problems, small counts shown) of a cell file's values, as written.

    Shape: a value that is not ``*``, empty (a share on no one) or a number written
    as ``published.csv`` writes it (counts as integers, shares and means with their
    fixed decimals), e.g. exact shares copied from ``measures.csv``. Small counts: a
    count at or below ``threshold`` (zero included) that is shown.
    """
    shape: list[str] = []
    small: list[str] = []
    with path.open(encoding="utf-8", newline="") as handle:
        for number, row in enumerate(csv.DictReader(handle), start=2):
            value = row.get("value")
            info = MEASURE_BY_ID.get(row.get("measure") or "")
            if info is None:
                shape.append(f"row {number}: unknown measure {row.get('measure')!r}")
                continue
            if value in (None, SUPPRESSED, ""):
                if value == "" and info.kind in ("count", "flag"):
                    shape.append(f"row {number}: {info.id} has an empty count")
                continue
            decimals = info.decimals
            pattern = _INTEGER if decimals is None else re.compile(rf"-?\d+\.\d{{{decimals}}}")
            if not pattern.fullmatch(value):
                form = "an integer" if decimals is None else f"a number with {decimals} decimals"
                shape.append(
                    f"row {number}: {info.id} value {value!r} is not {form} as published "
                    "(exact figures from measures.csv?)"
                )
                continue
            if info.kind == "count" and int(value) <= threshold:
                small.append(
                    f"row {number}: {info.id} {row['month'] or '-'} {row['akasse']} "
                    f"{row['category'] or '-'} shows {value}, at or below the threshold "
                    f"{threshold}"
                )
    return shape, small


def infer_month(published: PublishedCells) -> Month | None:
    """The report month of cells without a manifest: that of ``personer_omfattet_andel``
    (its month key is M), else the last month of any cell."""
    frame = published.frame
    report_month = {
        m.id for m in MEASURES if m.month == "report"
    }
    months = sorted(set(frame.month[frame.measure.isin(report_month)]) - {""})
    if not months:
        months = sorted(set(frame.month) - {""})
    try:
        return Month.parse(months[-1]) if months else None
    except MonthError:
        return None


@dataclass(frozen=True)
class CellFileProblems:
    """What is wrong with a folder's cell files, by kind."""

    keys: list[str]  # missing, extra, duplicated or malformed rows: not a whole release
    values: list[str]  # values not written as published (e.g. exact shares)
    small: list[str]  # counts at or below the threshold shown: a leak

    def __bool__(self) -> bool:
        return bool(self.keys or self.values or self.small)

    def all(self, limit: int = 5) -> list[str]:
        values = self.values[:limit]
        if len(self.values) > limit:
            values.append(f"{len(self.values) - limit:,} more values not as published")
        return [*self.keys, *values, *self.small]


def cell_file_problems(folder: Path, config: Config, month: Month) -> CellFileProblems:
    """Check ``published.csv`` and ``published_bilag.csv`` of ``folder`` against the
    keys of a release of ``month`` under ``config``, and their values as written."""
    found = CellFileProblems([], [], [])
    keys = expected_keys(config, month)
    for name in (PUBLISHED, PUBLISHED_BILAG):
        path = folder / name
        if not path.is_file():
            found.keys.append(f"{path}: missing")
            continue
        key_issues = key_problems(path, keys[name])
        found.keys.extend(f"{path}: {p}" for p in key_issues)
        if key_issues and key_issues[0].startswith(("the header", "not UTF-8")):
            continue
        shape, shown = value_problems(path, config.disclosure.threshold)
        found.values.extend(f"{path}: {p}" for p in shape)
        found.small.extend(f"{path}: {p}" for p in shown)
    return found


def hash_problems(folder: Path, manifest: dict[str, object]) -> list[str]:
    """Files changed, missing or added since the manifest was written."""
    problems: list[str] = []
    files = manifest.get("files")
    if not isinstance(files, dict) or not files:
        return [f"{folder / MANIFEST}: lists no files; build the release again"]
    for name, entry in sorted(files.items()):
        path = folder / name
        if not path.is_file():
            problems.append(f"{path}: missing (listed in the manifest)")
            continue
        expected = entry.get("sha256") if isinstance(entry, dict) else None
        if sha256_of(path) != expected:
            problems.append(f"{path}: changed since the release was built (SHA-256 differs)")
    present = {
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and p.name != MANIFEST
    }
    for name in sorted(present - set(files)):
        problems.append(f"{folder / name}: not part of the release (not in the manifest)")
    return problems


def verify_release(path: Path) -> list[str]:
    """Everything wrong with a release folder; empty: intact and leak-free.

    Checks every file against the manifest's SHA-256 (changed, missing, extra), that
    the cell files hold exactly the keys of the manifest's month and configuration,
    that no count at or below the threshold is shown, and reruns the audit (the
    attacker's intervals from the published cells alone).
    """
    folder = Path(path)
    try:
        manifest = read_manifest(folder)
        month = manifest_month(manifest, folder)
        config = manifest_config(manifest, folder)
    except ReleaseError as exc:
        return [str(exc)]
    problems = hash_problems(folder, manifest)
    cells_found = cell_file_problems(folder, config, month)
    problems.extend(cells_found.all())
    if cells_found.keys or cells_found.values:
        return problems  # the audit needs a whole release
    cells = PublishedCells.read_csv(folder / PUBLISHED).frame
    bilag = PublishedCells.read_csv(folder / PUBLISHED_BILAG).frame
    report = audit(PublishedCells(pd.concat([cells, bilag], ignore_index=True)), config)
    if not report.ok:
        problems.append(f"{folder}: audit: {report.summary()}")
    return problems


__all__ = ["CellFileProblems", "cell_file_problems", "infer_month", "sha256_of", "verify_release"]
