"""Tema 1 – Visitation: spells started, ended and persons covered (measures 1.1–1.3)."""

from __future__ import annotations

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


def _month_index(date: ir.DateValue) -> ir.IntegerValue:
    """Months since year 0: consecutive months are consecutive integers."""
    return date.year() * 12 + date.month() - 1


def _in_last_week(date: ir.DateValue) -> ir.BooleanValue:
    """The date lies on one of the last LAST_WEEK_DAYS days of its month (from its parts:
    no date arithmetic, which could leave the years 1 to 9999)."""
    year, month = date.year(), date.month()
    leap = ((year % 4 == 0) & (year % 100 != 0)) | (year % 400 == 0)
    days = ibis.cases(
        (month.isin([4, 6, 9, 11]), 30),
        (month == 2, ibis.cases((leap, 29), else_=28)),
        else_=31,
    )
    return date.day() > days - LAST_WEEK_DAYS


def covered_counts(ctx: MeasureContext, months: list[Month]) -> ir.Table:
    """(month, akasse, n): persons with a spell active in the last 7 days of m, per
    a-kasse and for ``ALLE``.

    A person counts once, for the a-kasse of the latest-starting such spell. A person's
    spells never overlap (overlaps are quarantined), so a spell active in the week is
    the latest one exactly when the person's next spell starts after the week, and the
    count of spells that are active and latest is the count of persons.

    The months a spell counts for are consecutive: from the month of its start to the
    month of its end (the month before, when it ends before that month's last week),
    except that it does not count for its end month when the person's next spell
    starts after it in that month (then both lie in the week: the next one is the
    latest). So each spell adds +1 at its first month and -1 after its last one, and a
    month's count is the running sum of those steps: one pass over the spells, grouped
    by (a-kasse, month), with no window over the spells and no spells × months rows.
    """
    s = ctx.spells
    ended = s.filter(s.slut_dato.notnull())
    in_week = _in_last_week(ended.slut_dato)
    last = _month_index(ended.slut_dato) - ibis.cases((in_week, 0), else_=1)
    # A spell ending in its month's last week, followed by the person's next spell
    # starting later in that month: that one counts for the month instead.
    ending = ended.filter(_in_last_week(ended.slut_dato))
    starting = s.filter(_in_last_week(s.start_dato)).select(
        next_person=s.person_id, next_start=s.start_dato
    )
    superseded = ending.semi_join(
        starting,
        [
            ending.person_id == starting.next_person,
            _month_index(ending.slut_dato) == _month_index(starting.next_start),
            starting.next_start > ending.slut_dato,
        ],
    )
    removed = _month_index(superseded.slut_dato)

    def step(table: ir.Table, index: ir.IntegerValue, delta: int) -> ir.Table:
        return table.select(
            akasse=table.akasse,
            index=index.cast("int64"),
            delta=ibis.literal(delta, "int64"),
        )

    steps = step(s, _month_index(s.start_dato), 1).union(
        step(ended, last + 1, -1),
        step(superseded, removed, -1),
        step(superseded, removed + 1, 1),
    )
    per_index = steps.group_by(["akasse", "index"]).agg(delta=steps.delta.sum())
    calendar = ibis.memtable(
        pa.table(
            {
                "month": [str(m) for m in months],
                "month_index": pa.array([m.year * 12 + m.month - 1 for m in months], pa.int64()),
            }
        )
    )
    running = per_index.join(calendar, per_index.index <= calendar.month_index)
    per_akasse = running.group_by([calendar.month, per_index.akasse]).agg(
        n=per_index.delta.sum()
    )
    per_akasse = per_akasse.filter(per_akasse.n != 0)
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
