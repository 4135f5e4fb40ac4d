"""Tema 3 – Indsats: offers started (measure 3.1)."""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from akassemonitor.catalogue import measure_info
from akassemonitor.codes import TOTAL
from akassemonitor.measures.base import MeasureContext, on_grid_counts, on_grid_ratio, with_alle


def _offers_in_period(ctx: MeasureContext) -> ir.Table:
    o = ctx.offers
    return o.filter(ctx.in_period(o.start_dato)).mutate(category=o.kategori)


def tilbud_personer(ctx: MeasureContext) -> ir.Table:
    """Distinct persons starting an offer of each category in m; ``I_ALT``: any category."""
    offers = _offers_in_period(ctx)
    by_category = with_alle(
        offers, ["month", "category"], lambda t: {"n": t.person_id.nunique()}
    )
    any_category = with_alle(
        offers, ["month"], lambda t: {"n": t.person_id.nunique()}
    ).mutate(category=ibis.literal(TOTAL))
    counts = by_category.union(any_category.select(by_category.columns))
    return on_grid_counts(ctx.grid(measure_info("tilbud_personer")), counts)


def tilbud_fordeling(ctx: MeasureContext) -> ir.Table:
    """Share of the period's offer starts (rows, not persons) by category."""
    offers = _offers_in_period(ctx)
    numerator = with_alle(offers, ["category"], lambda t: {"n": t.count()})
    denominator = with_alle(offers, [], lambda t: {"d": t.count()})
    return on_grid_ratio(ctx.grid(measure_info("tilbud_fordeling")), numerator, denominator)
