"""Tema 2 – Kontaktforløbet: conversations and the focus goal (measures 2.1–2.3)."""

from __future__ import annotations

import ibis
import ibis.expr.types as ir

from akassemonitor.catalogue import measure_info
from akassemonitor.codes import CONVERSATION_TYPES, JOB_TYPES, TOTAL, UNIQUE
from akassemonitor.measures.base import (
    MeasureContext,
    on_grid_counts,
    on_grid_ratio,
    on_grid_values,
    with_alle,
)


def samtaler(ctx: MeasureContext) -> ir.Table:
    """Meetings held in m: distinct samtale_id having each type, and all (``UNIK``).

    ``meetings`` has one row per samtale_id, so a count of rows is the distinct count.
    """
    m = ctx.meetings
    held = m.filter(ctx.in_period(m.dato))
    flags = {
        "CV": held.has_cv,
        "JOB": held.has_job,
        "FAELLES_JOB": held.has_faelles_job,
        "RAADIGHED": held.has_raadighed,
    }
    assert set(flags) == set(CONVERSATION_TYPES)
    parts = [
        with_alle(held.filter(flag), ["month"], lambda t: {"n": t.count()}).mutate(
            category=ibis.literal(code)
        )
        for code, flag in flags.items()
    ]
    parts.append(
        with_alle(held, ["month"], lambda t: {"n": t.count()}).mutate(
            category=ibis.literal(UNIQUE)
        )
    )
    counts = parts[0].union(*[p.select(parts[0].columns) for p in parts[1:]])
    return on_grid_counts(ctx.grid(measure_info("samtaler")), counts)


def kombineret_andel(ctx: MeasureContext) -> ir.Table:
    """Of the meetings in m having the type, the share that also have CV or RAADIGHED."""
    m = ctx.meetings
    held = m.filter(ctx.in_period(m.dato))
    combined = held.has_cv | held.has_raadighed
    held = held.mutate(combined=combined)
    numerators, denominators = [], []
    for code, flag in zip(JOB_TYPES, ("has_job", "has_faelles_job"), strict=True):
        of_type = held.filter(held[flag])
        numerators.append(
            with_alle(of_type.filter(of_type.combined), ["month"], lambda t: {"n": t.count()})
            .mutate(category=ibis.literal(code))
        )
        denominators.append(
            with_alle(of_type, ["month"], lambda t: {"d": t.count()}).mutate(
                category=ibis.literal(code)
            )
        )
    numerator = numerators[0].union(numerators[1].select(numerators[0].columns))
    denominator = denominators[0].union(denominators[1].select(denominators[0].columns))
    return on_grid_ratio(
        ctx.grid(measure_info("kombineret_andel")), numerator, denominator, by_category=True
    )


def _bucketed(ctx: MeasureContext) -> ir.Table:
    fp = ctx.full_period_spells
    n = fp.unique_conversations
    bucket = ibis.cases((n == 0, "0"), (n == 1, "1"), (n == 2, "2"), else_="3+")
    return fp.mutate(category=bucket)


def samtaler_fordeling(ctx: MeasureContext) -> ir.Table:
    """Full-period spells of the period by their number of unique conversations."""
    counts = with_alle(_bucketed(ctx), ["category"], lambda t: {"n": t.count()})
    return on_grid_counts(ctx.grid(measure_info("samtaler_fordeling")), counts)


def samtaler_fordeling_andel(ctx: MeasureContext) -> ir.Table:
    """The same distribution as shares of the period's full-period spells."""
    bucketed = _bucketed(ctx)
    numerator = with_alle(bucketed, ["category"], lambda t: {"n": t.count()})
    denominator = with_alle(bucketed, [], lambda t: {"d": t.count()})
    return on_grid_ratio(
        ctx.grid(measure_info("samtaler_fordeling_andel")), numerator, denominator
    )


def gns_samtaler(ctx: MeasureContext) -> ir.Table:
    """Mean unique conversations per full-period spell of cohort m."""
    fp = ctx.full_period_spells
    numerator = with_alle(fp, ["month"], lambda t: {"n": t.unique_conversations.sum()})
    denominator = with_alle(fp, ["month"], lambda t: {"d": t.count()})
    return on_grid_ratio(ctx.grid(measure_info("gns_samtaler")), numerator, denominator)


def gns_samtaler_periode(ctx: MeasureContext) -> ir.Table:
    """Mean unique conversations per full-period spell over all cohorts of the period."""
    fp = ctx.full_period_spells
    numerator = with_alle(fp, [], lambda t: {"n": t.unique_conversations.sum()})
    denominator = with_alle(fp, [], lambda t: {"d": t.count()})
    return on_grid_ratio(ctx.grid(measure_info("gns_samtaler_periode")), numerator, denominator)


def fokus_ja(ctx: MeasureContext) -> ir.Table:
    """Full-period spells of cohort m with at least 2 individual job meetings."""
    fp = ctx.full_period_spells
    counts = with_alle(fp.filter(fp.focus_met), ["month"], lambda t: {"n": t.count()})
    return on_grid_counts(ctx.grid(measure_info("fokus_ja")), counts)


def fokus_nej(ctx: MeasureContext) -> ir.Table:
    """Full-period spells of cohort m without at least 2 individual job meetings."""
    fp = ctx.full_period_spells
    counts = with_alle(fp.filter(~fp.focus_met), ["month"], lambda t: {"n": t.count()})
    return on_grid_counts(ctx.grid(measure_info("fokus_nej")), counts)


def _monthly_focus(ctx: MeasureContext) -> ir.Table:
    """(month, akasse, ja, n) per cohort, ALLE from the records."""
    fp = ctx.full_period_spells
    return with_alle(
        fp,
        ["month"],
        lambda t: {"ja": t.count(where=t.focus_met), "n": t.count()},
    )


def fokus_andel(ctx: MeasureContext) -> ir.Table:
    """fokus_ja / (fokus_ja + fokus_nej) for cohort m."""
    monthly = _monthly_focus(ctx)
    return on_grid_ratio(
        ctx.grid(measure_info("fokus_andel")),
        monthly.select("month", "akasse", n=monthly.ja),
        monthly.select("month", "akasse", d=monthly.n),
    )


SHARE_UNITS = 10**12  # a monthly share in whole 10^-12, for an exact sum


def _focus_mean(ctx: MeasureContext) -> ir.Table:
    """Unweighted mean of the monthly shares over included months that have a cohort.

    Each share is rounded to whole 10^-12 (integer arithmetic) and those integers are
    summed: an integer sum is exact in any order, so every engine, however it splits
    the work, gives the same last digit (a float sum does not, and SQL has no ordered
    sum). The mean is then one division, within 10^-12 of the exact mean of the shares;
    fokus_opfyldt and the published figures round to 9 and 3 decimals.
    """
    excluded = [str(m) for m in ctx.config.focus.excluded_months]
    monthly = _monthly_focus(ctx)
    included = monthly.filter(~monthly.month.isin(excluded) if excluded else ibis.literal(True))
    ja = included.ja.cast("int64")
    n = included.n.cast("int64")
    units = (2 * ja * SHARE_UNITS + n) // (2 * n)  # round(ja / n * 10^12), half up
    summed = included.mutate(units=units).group_by("akasse").agg(
        units=ibis._.units.sum(), months=ibis._.units.count(), d=ibis._.n.sum()
    )
    scale = summed.months.cast("float64") * float(SHARE_UNITS)
    return summed.select("akasse", "d", value=summed.units.cast("float64") / scale)


def fokus_gennemsnit(ctx: MeasureContext) -> ir.Table:
    """The period's focus goal: mean of fokus_andel, leaving out the excluded months."""
    return on_grid_values(ctx.grid(measure_info("fokus_gennemsnit")), _focus_mean(ctx))


def fokus_opfyldt(ctx: MeasureContext) -> ir.Table:
    """1 if fokus_gennemsnit (rounded to 9 decimals) reaches the target share, else 0."""
    mean = _focus_mean(ctx)
    target = ctx.config.focus.target_share
    flag = ibis.cases((mean.value.round(9) >= target, 1.0), else_=0.0)
    return on_grid_values(
        ctx.grid(measure_info("fokus_opfyldt")), mean.mutate(value=flag)
    )


def _bilag(ctx: MeasureContext, measure_id: str, leave_out_excluded: bool) -> ir.Table:
    fp = ctx.full_period_spells
    if leave_out_excluded and ctx.config.focus.excluded_months:
        fp = fp.filter(~fp.month.isin([str(m) for m in ctx.config.focus.excluded_months]))
    answer = ibis.cases((fp.focus_met, "JA"), else_="NEJ")
    fp = fp.mutate(category=answer)
    by_answer = with_alle(fp, ["category"], lambda t: {"n": t.count()})
    total = with_alle(fp, [], lambda t: {"n": t.count()}).mutate(category=ibis.literal(TOTAL))
    counts = by_answer.union(total.select(by_answer.columns))
    return on_grid_counts(ctx.grid(measure_info(measure_id)), counts)


def bilag_fokus_1a(ctx: MeasureContext) -> ir.Table:
    """Bilag 1a totals: Ja/Nej/I alt over the period's included months."""
    return _bilag(ctx, "bilag_fokus_1a", leave_out_excluded=True)


def bilag_fokus_1b(ctx: MeasureContext) -> ir.Table:
    """Bilag 1b totals: Ja/Nej/I alt over all months of the period."""
    return _bilag(ctx, "bilag_fokus_1b", leave_out_excluded=False)
