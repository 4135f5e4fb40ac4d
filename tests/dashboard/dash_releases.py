"""Helpers of the dashboard tests: the session's releases and what to compare them with."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

REPORTED = ("FTF-A", "ALLE")
INTERNAL_CANARY = "CANARY-internal-only-7f3a"


@dataclass(frozen=True)
class Releases:
    root: Path
    data: Path
    months: tuple[str, ...]

    def folder(self, month: str) -> Path:
        return self.root / month


def show_small_count(path: Path) -> tuple[str, ...]:
    """Replace the first suppressed count in a cell file by ``1``; return its key."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    for row in rows[1:]:
        if row[4] == "*" and row[0] in ("paabegyndte_forloeb", "fokus_ja", "fokus_nej"):
            row[4] = "1"
            with path.open("w", encoding="utf-8", newline="") as handle:
                csv.writer(handle, lineterminator="\n").writerows(rows)
            return tuple(row[:4])
    raise AssertionError(f"{path}: no suppressed count to tamper with")


def published_lines(folder: Path) -> list[str]:
    """The cell lines of a release (published.csv, then published_bilag.csv), no header."""
    lines: list[str] = []
    for name in ("published.csv", "published_bilag.csv"):
        lines.extend((folder / name).read_text(encoding="utf-8").splitlines()[1:])
    return lines
