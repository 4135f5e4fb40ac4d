"""The JSON API's answers, computed from the served cells and kept once made.

Every answer depends only on its (validated) parameters and the releases loaded at
start, so it is built once and its bytes are reused: a request costs a dictionary
look-up. The parameter space is small and closed (known measures, a-kasser,
categories and months), so the cache is bounded by it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache

from akassemonitor.catalogue import MEASURE_BY_ID, MEASURES
from akassemonitor.codes import CATEGORY_LABELS
from akassemonitor.dashboard._library import CSV_HEADER, Library, PublishedRow
from akassemonitor.months import Month, MonthError

CELL_PARAMETERS = ("measure", "akasse", "month", "category", "format")
FORMATS = ("json", "csv")
BILAG_CATEGORY_LABELS = {"JA": "Ja", "NEJ": "Nej"}


class ParameterError(ValueError):
    """A request parameter that cannot be answered: 422 with this message."""


@dataclass(frozen=True)
class CellQuery:
    month: str
    measure: str | None = None
    akasse: str | None = None
    category: str | None = None
    format: str = "json"


def parse_cell_query(library: Library, params: Mapping[str, str]) -> CellQuery:
    """Validate ``/api/cells``'s parameters; ParameterError naming the bad one and the fix."""
    unknown = sorted(set(params) - set(CELL_PARAMETERS))
    if unknown:
        raise ParameterError(
            f"unknown parameter(s) {', '.join(unknown)}; allowed: {', '.join(CELL_PARAMETERS)}"
        )
    values = {k: (v.strip() or None) for k, v in params.items()}
    fmt = values.get("format") or "json"
    if fmt not in FORMATS:
        raise ParameterError(f"format must be json or csv, got {fmt!r}")
    month = validate_month(library, values.get("month"))
    served = library.get(month)
    measure = values.get("measure")
    if measure is not None and measure not in MEASURE_BY_ID:
        raise ParameterError(
            f"unknown measure {measure!r}; see /api/measures for the {len(MEASURES)} measures"
        )
    akasse = values.get("akasse")
    known_akasser = served.config.akasser_and_alle
    if akasse is not None and akasse not in known_akasser:
        raise ParameterError(
            f"unknown a-kasse {akasse!r}; choose from {', '.join(known_akasser)}"
        )
    category = values.get("category")
    if category is not None:
        allowed = (
            MEASURE_BY_ID[measure].categories
            if measure is not None
            else tuple(dict.fromkeys(c for m in MEASURES for c in m.categories))
        )
        if category not in allowed:
            where = f"measure {measure!r}" if measure else "any measure"
            choices = ", ".join(allowed) if allowed else "none (it has no category)"
            raise ParameterError(
                f"category {category!r} is not one of {where}; choose from {choices}"
            )
    return CellQuery(served.key, measure, akasse, category, fmt)


def validate_month(library: Library, month: str | None) -> str | None:
    """A served release month, or None for the latest; ParameterError otherwise."""
    if month is None:
        if not library.served:
            raise ParameterError("no release is served; see / for why")
        return None
    try:
        Month.parse(month)
    except MonthError:
        raise ParameterError(
            f"month {month!r} is not a month; write it as YYYYMmm, e.g. 2022M04"
        ) from None
    if month not in library.served:
        served = ", ".join(library.months) or "none"
        raise ParameterError(f"no release of {month} is served (served: {served})")
    return month


class Answers:
    """The API's answers for one library, each built once."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self.cells = lru_cache(maxsize=8192)(self._cells)

    def _cells(self, query: CellQuery) -> bytes:
        served = self.library.get(query.month)
        rows = [
            r
            for r in served.rows
            if (query.measure is None or r.measure == query.measure)
            and (query.akasse is None or r.akasse == query.akasse)
            and (query.category is None or r.category == query.category)
        ]
        if query.format == "csv":
            return ("\n".join([CSV_HEADER, *(r.csv_line for r in rows)]) + "\n").encode()
        return _json(
            {
                "month": served.key,
                "count": len(rows),
                "cells": [_cell_json(r) for r in rows],
            }
        )

    @property
    def months(self) -> bytes:
        return _months_json(self.library)

    @property
    def measures(self) -> bytes:
        return _measures_json()


def _cell_json(row: PublishedRow) -> dict[str, object]:
    return {
        "measure": row.measure,
        "month": row.month,
        "akasse": row.akasse,
        "category": row.category,
        "value": row.number,
        "suppressed": row.suppressed,
        "text": row.text,
        "display": row.display,
    }


def _months_json(library: Library) -> bytes:
    latest = library.latest
    return _json(
        {
            "latest": latest.key if latest else None,
            "months": [
                {
                    "month": s.key,
                    "name": s.month.danish_name,
                    "folder": s.release.path.name,
                    "cells": len(s.rows),
                    "reports": {a: list(f) for a, f in s.reports.items()},
                }
                for s in library.served.values()
            ],
            "refused": [
                {"folder": r.name, "problems": list(r.problems)} for r in library.refused
            ],
        }
    )


@lru_cache(maxsize=1)
def _measures_json() -> bytes:
    return _json(
        {
            "measures": [
                {
                    "id": m.id,
                    "label": m.label,
                    "definition": m.definition,
                    "section": m.section,
                    "kind": m.kind,
                    "display": m.display,
                    "decimals": m.decimals,
                    "month": m.month,
                    "categories": [
                        {"code": c, "label": category_label(c)} for c in m.categories
                    ],
                    "in_spec": m.in_spec,
                }
                for m in MEASURES
            ]
        }
    )


def category_label(code: str) -> str:
    return CATEGORY_LABELS.get(code) or BILAG_CATEGORY_LABELS.get(code, code)


def _json(value: object) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
