"""Every measure of SPEC §3, one small Ibis function each, and the run over all of them."""

from __future__ import annotations

from collections.abc import Callable

import ibis.expr.types as ir
import pandas as pd

from akassemonitor.catalogue import MEASURES, MeasureInfo
from akassemonitor.cells import ExactCells, sort_cells
from akassemonitor.config import Config
from akassemonitor.measures import contact, offers, visitation
from akassemonitor.measures.base import MeasureContext
from akassemonitor.months import Month
from akassemonitor.quality import Warning
from akassemonitor.store import Store

MeasureFunction = Callable[[MeasureContext], ir.Table]

_THEMES = {"visitation": visitation, "contact": contact, "offers": offers}


def _function(info: MeasureInfo) -> MeasureFunction:
    theme, name = info.compute.split(".")
    function = getattr(_THEMES[theme], name, None)
    if function is None:
        raise ImportError(f"measure {info.id}: no function {info.compute} in the measures")
    return function  # type: ignore[no-any-return]


# The catalogue's ids, each bound to the function its record names.
COMPUTE: dict[str, MeasureFunction] = {info.id: _function(info) for info in MEASURES}


def measure_expression(store: Store, config: Config, month: Month, measure_id: str) -> ir.Table:
    """The Ibis expression of one measure (columns month, akasse, category, value, denominator)."""
    ctx = MeasureContext(store, config, month)
    return COMPUTE[measure_id](ctx)


def compute_cells(
    store: Store,
    config: Config,
    month: Month,
    *,
    progress: Callable[[str], None] | None = None,
    context: MeasureContext | None = None,
) -> ExactCells:
    """Compute every measure for the period ``trial_start..month``: the exact cells.

    ``context``: a materialised MeasureContext of the same store and month (one made
    for :func:`attribution_warnings`), else one is made here.
    """
    if month < config.trial_start:
        raise ValueError(
            f"report month {month} lies before trial_start {config.trial_start}; "
            "choose a later --month"
        )
    ctx = context if context is not None else MeasureContext(store, config, month).materialize()
    frames = []
    for info in MEASURES:
        frame = store.con.execute(COMPUTE[info.id](ctx))
        frame.insert(0, "measure", info.id)
        frames.append(frame)
        if progress:
            progress(info.id)
    cells = pd.concat(frames, ignore_index=True)
    cells["value"] = cells["value"].astype(float)
    cells["denominator"] = cells["denominator"].astype(float)
    return ExactCells(sort_cells(cells))


def attribution_warnings(
    store: Store, config: Config, month: Month, *, context: MeasureContext | None = None
) -> list[Warning]:
    """Conversations and offers that fall in no spell: not part of the trial, but counted.

    ``context``: a materialised MeasureContext of the same store, to share its relations.
    """
    ctx = context if context is not None else MeasureContext(store, config, month)
    # Rows of one samtale_id fall in the same spell or none (one person, one date).
    m, c = ctx.meetings, ctx.conversations
    inside = m.agg(meetings=m.count(), rows=m.rows.sum()).to_pyarrow().to_pylist()[0]
    everything = c.agg(meetings=c.count(), rows=c.rows.sum()).to_pyarrow().to_pylist()[0]
    attributed_rows = inside["rows"] or 0
    total_rows = everything["rows"] or 0
    outside_meetings = everything["meetings"] - inside["meetings"]
    offers_attributed = ctx.offers.count().to_pyarrow().as_py()
    total_offers = store.tilbud.count().to_pyarrow().as_py()
    warnings = []
    if total_rows - attributed_rows:
        warnings.append(
            Warning(
                "samtaler",
                "samtale_outside_spell",
                f"conversation rows in no spell ({outside_meetings} meetings): "
                "left out of every measure",
                f"samtalerækker uden for et forløb ({outside_meetings} samtaler): "
                "indgår ikke i opgørelsen",
                int(total_rows - attributed_rows),
            )
        )
    if total_offers - offers_attributed:
        warnings.append(
            Warning(
                "tilbud",
                "tilbud_outside_spell",
                "offers starting in no spell: left out of every measure",
                "tilbud som ikke starter i et forløb: indgår ikke i opgørelsen",
                int(total_offers - offers_attributed),
            )
        )
    return warnings


__all__ = ["COMPUTE", "attribution_warnings", "compute_cells", "measure_expression"]
