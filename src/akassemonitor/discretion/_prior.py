"""Last month's release as the attacker's knowledge (differencing between releases).

Monthly cells keep last month's status (see ``_previous_pattern``), so differencing
them gives nothing. The *period* cells (no month: bilag 1a/1b, the distributions and
period shares) and the report-month cells of last month's release are other figures:
bilag 1b Ja this month minus last month's is this month's cohort's Ja. Those cells are
added to the attacker's system as fixed knowledge, with their relations over last
month's period, renamed so they do not collide with this release's period cells
(month ``"prior:2022M03"``). Monthly cells and hidden monthly quantities are shared:
they are the same figures in both releases.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from akassemonitor.catalogue import MEASURE_BY_ID
from akassemonitor.cells import PublishedCells
from akassemonitor.measures.relations import (
    CellKey,
    Period,
    Relation,
    map_keys,
    relation_keys,
    release_relations,
)

PRIOR_TAG = "prior:"


@dataclass(frozen=True)
class Prior:
    relations: list[Relation]
    values: dict[CellKey, float]  # NaN: hidden in that release


def prior_knowledge(previous: PublishedCells, period: Period, report_month: str) -> Prior | None:
    """The relations and values last month's release adds, or None if it adds nothing
    (no previous release, or one for this month or later)."""
    if period.report_month >= report_month:
        return None
    tag = f"{PRIOR_TAG}{period.report_month}"

    def rename(key: CellKey) -> CellKey:
        return (key[0], tag, key[2], key[3]) if key[1] == "" else key

    def is_prior(key: CellKey) -> bool:
        if key[1] == tag:
            return True
        info = MEASURE_BY_ID.get(key[0])
        return info is not None and info.month == "report" and key[1] == period.report_month

    relations = []
    for rel in release_relations(period):
        renamed = map_keys(rel, rename)
        if any(is_prior(k) for k in relation_keys(renamed)):
            relations.append(renamed)
    values: dict[CellKey, float] = {}
    frame = previous.frame
    for measure, month, akasse, category, value, suppressed in zip(
        frame.measure, frame.month, frame.akasse, frame.category, frame.value,
        frame.suppressed, strict=True,
    ):
        key = rename((measure, month, akasse, category))
        if is_prior(key):
            values[key] = math.nan if suppressed or value is None else float(value)
    return Prior(relations, values)
