"""Tema 1 – Visitation: spells started, ended and persons covered (measures 1.1–1.3)."""

from __future__ import annotations

import datetime as dt

import ibis
import ibis.expr.types as ir
import pyarrow as pa

from akassemonitor.catalogue import measure_info
from akassemonitor.codes import TOTAL
from akassemonitor.config import ALLE
from akassemonitor.measures.base import (
    MeasureContext,
    month_of,
    on_grid_counts,
    on_grid_ratio,
    with_alle,
)
from akassemonitor.months import Month

LAST_WEEK_DAYS = 7


def paabegyndte_forloeb(ctx: MeasureContext) -> ir.Table:
    """Spells with start_dato in month m."""
    s = ctx.spells
    started = s.filter(ctx.in_period(s.start_dato)).mutate(month=month_of(s.start_dato))
    counts = with_alle(started, ["month"], lambda t: {"n": t.count()})
    return on_grid_counts(ctx.grid(measure_info("paabegyndte_forloeb")), counts)


def _ended_in_period(ctx: MeasureContext) -> ir.Table:
    s = ctx.spells
    return s.filter(ctx.in_period(s.slut_dato)).mutate(month=s.slut_month, category=s.slut_aarsag)


def afsluttede_forloeb(ctx: MeasureContext) -> ir.Table:
    """Spells with slut_dato in month m, by end reason, and in total (``I_ALT``)."""
    ended = _ended_in_period(ctx)
    by_reason = with_alle(ended, ["month", "category"], lambda t: {"n": t.count()})
    total = with_alle(ended, ["month"], lambda t: {"n": t.count()}).mutate(
        category=ibis.literal(TOTAL)
    )
    counts = by_reason.union(total.select(by_reason.columns))
    return on_grid_counts(ctx.grid(measure_info("afsluttede_forloeb")), counts)


def afslutningsaarsag_andel(ctx: MeasureContext) -> ir.Table:
    """Share of the period's ended spells by end reason."""
    ended = _ended_in_period(ctx)
    numerator = with_alle(ended, ["category"], lambda t: {"n": t.count()})
    denominator = with_alle(ended, [], lambda t: {"d": t.count()})
    return on_grid_ratio(ctx.grid(measure_info("afslutningsaarsag_andel")), numerator, denominator)


def covered_counts(ctx: MeasureContext, months: list[Month]) -> ir.Table:
    """(month, akasse, n): persons with a spell active in the last 7 days of m, per
    a-kasse and for ``ALLE``.

    A person counts once, for the a-kasse of the latest-starting such spell. A person's
    spells never overlap (overlaps are quarantined), so a spell active in the week is
    the latest one exactly when the person's next spell starts after the week: a later
    spell active in it would have the next one active in it too. So the count of
    spells that are active and latest is the count of persons, with no grouping by
    person of the months × spells rows.
    """
    calendar = ibis.memtable(
        pa.table(
            {
                "month": [str(m) for m in months],
                "week_start": pa.array(
                    [m.last_day - dt.timedelta(days=LAST_WEEK_DAYS - 1) for m in months],
                    pa.date32(),
                ),
                "week_end": pa.array([m.last_day for m in months], pa.date32()),
            }
        )
    )
    s = ctx.spells
    following = ibis.window(group_by=s.person_id, order_by=s.start_dato)
    s = s.select(
        "akasse", "start_dato", "slut_or_open", next_start=s.start_dato.lead().over(following)
    )
    latest = s.join(
        calendar,
        [
            s.start_dato <= calendar.week_end,
            s.slut_or_open >= calendar.week_start,
            s.next_start.isnull() | (s.next_start > calendar.week_end),
        ],
    )
    per_akasse = latest.group_by([calendar.month, s.akasse]).agg(n=ibis._.count())
    alle = per_akasse.group_by("month").agg(n=per_akasse.n.sum()).mutate(akasse=ibis.literal(ALLE))
    return per_akasse.union(alle.select(per_akasse.columns))


def personer_omfattet(ctx: MeasureContext) -> ir.Table:
    """Distinct persons with a spell active on at least one of the last 7 days of m."""
    counts = covered_counts(ctx, ctx.months)
    return on_grid_counts(ctx.grid(measure_info("personer_omfattet")), counts)


def personer_omfattet_andel(ctx: MeasureContext) -> ir.Table:
    """Each a-kasse's share of ``ALLE``'s persons covered in the report month."""
    numerator = covered_counts(ctx, [ctx.month])
    everyone = numerator.filter(numerator.akasse == ALLE).select(d=numerator.n)
    akasser = ibis.memtable({"akasse": list(ctx.config.akasser_and_alle)})
    denominator = akasser.cross_join(everyone).mutate(month=ibis.literal(str(ctx.month)))
    grid = ctx.grid(measure_info("personer_omfattet_andel"))
    return on_grid_ratio(grid, numerator, denominator)
