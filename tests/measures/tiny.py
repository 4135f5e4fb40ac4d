"""Tiny registers built by hand, straight into the store (the checks are tested apart)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import pyarrow as pa

from akassemonitor.cells import ExactCells
from akassemonitor.config import Config, config_from_dict
from akassemonitor.measures import compute_cells
from akassemonitor.months import Month
from akassemonitor.registers.schema import FORLOEB, SAMTALER, TILBUD
from akassemonitor.store import open_store


def d(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def spell(fid, person, akasse, start, slut=None, aarsag=None):
    return (fid, person, akasse, d(start), d(slut), aarsag)


def talk(sid, person, dato, typ, individuel=True):
    return (sid, person, d(dato), typ, individuel)


def offer(tid, person, start, kategori):
    return (tid, person, d(start), kategori)


def _table(schema: pa.Schema, rows: Sequence[tuple]) -> pa.Table:
    columns = list(zip(*rows, strict=True)) if rows else [[] for _ in schema]
    return pa.table(
        {f.name: pa.array(list(c), f.type) for f, c in zip(schema, columns, strict=True)},
        schema=schema,
    )


def build_store(forloeb=(), samtaler=(), tilbud=()):
    return open_store(
        {
            "forloeb": _table(FORLOEB.schema, forloeb),
            "samtaler": _table(SAMTALER.schema, samtaler),
            "tilbud": _table(TILBUD.schema, tilbud),
        }
    )


# A short trial keeps the grids small: three a-kasser, trial from 2021M01.
SMALL = config_from_dict(
    {
        "trial_start": "2021M01",
        "akasser": ["A", "B", "C"],
        "focus": {"excluded_months": "2021M02..2021M02"},
    }
)


def cells_for(month: str = "2021M04", config: Config = SMALL, **registers) -> ExactCells:
    return compute_cells(build_store(**registers), config, Month.parse(month))
