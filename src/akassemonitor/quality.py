"""Data quality of a run: reconciliation, quarantine reasons and warnings.

Aggregate counts of rows only (no person-level data), so the report's data-quality
annex and the CLI can both show them. Built by the register checks and completed by
the store (conversations and offers that fall in no spell are known only after
attribution).
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Reconciliation:
    """rows read = rows used + rows quarantined, for one register."""

    register: str
    source: str  # the file read
    read: int
    used: int
    quarantined: int

    @property
    def balanced(self) -> bool:
        return self.read == self.used + self.quarantined


@dataclass(frozen=True)
class QuarantineCount:
    register: str
    reason: str  # stable code, e.g. "duplicate_id"
    text: str  # English, as in the rejects file
    text_da: str  # Danish, for the report's annex
    rows: int


@dataclass(frozen=True)
class Warning:
    """A data-quality warning: rows kept and used, but worth a look."""

    register: str
    code: str  # e.g. "short_full_period", "samtale_outside_spell"
    text: str
    text_da: str
    rows: int


@dataclass(frozen=True)
class DataQuality:
    reconciliation: tuple[Reconciliation, ...] = ()
    quarantined: tuple[QuarantineCount, ...] = ()
    warnings: tuple[Warning, ...] = field(default_factory=tuple)

    def with_warnings(self, extra: list[Warning]) -> DataQuality:
        return DataQuality(self.reconciliation, self.quarantined, (*self.warnings, *extra))

    def to_json(self, path: Path) -> None:
        path.write_text(json.dumps(asdict(self), ensure_ascii=False, indent=2), encoding="utf-8")

    @classmethod
    def from_json(cls, path: Path) -> DataQuality:
        raw = json.loads(path.read_text(encoding="utf-8"))
        return cls(
            tuple(Reconciliation(**r) for r in raw["reconciliation"]),
            tuple(QuarantineCount(**q) for q in raw["quarantined"]),
            tuple(Warning(**w) for w in raw["warnings"]),
        )
