"""Shared building blocks of the measures: the context, attribution and key grids.

Every measure is a small function ``(ctx) -> ibis.Table`` returning the columns
``month, akasse, category, value, denominator`` over the *full* key grid of the
measure (zero counts included). The helpers here keep those functions to their
definition: what is counted, by which keys, over which records.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property

import ibis
import ibis.expr.types as ir

from akassemonitor.catalogue import MeasureInfo
from akassemonitor.codes import FULL_PERIOD
from akassemonitor.config import ALLE, Config
from akassemonitor.months import Month, month_range
from akassemonitor.registers.warehouse import analyse
from akassemonitor.store import Store

KEYS = ["month", "akasse", "category"]
OPEN_END = dt.date(9999, 12, 31)


def month_of(date: ir.DateValue) -> ir.StringValue:
    """``2022M04`` for a date, as an expression (from its parts: every engine agrees)."""
    return date.year().cast("string") + "M" + date.month().cast("string").lpad(2, "0")


@dataclass(frozen=True)
class MeasureContext:
    """The store, the configuration and the report month, with derived relations."""

    store: Store
    config: Config
    month: Month  # the report month M

    @property
    def months(self) -> list[Month]:
        return month_range(self.config.trial_start, self.month)

    @property
    def period_start(self) -> dt.date:
        return self.config.trial_start.first_day

    @property
    def period_end(self) -> dt.date:
        return self.month.last_day

    def in_period(self, date: ir.DateValue) -> ir.BooleanValue:
        return date.between(self.period_start, self.period_end)

    @cached_property
    def spells(self) -> ir.Table:
        f = self.store.forloeb
        return f.mutate(
            slut_or_open=f.slut_dato.fill_null(OPEN_END),
            slut_month=month_of(f.slut_dato),
        )

    @cached_property
    def conversations(self) -> ir.Table:
        """One row per samtale_id (every one, in a spell or not): person, date, its set
        of types as flags and ``rows``, its conversation rows.

        The rows of a samtale_id share person_id and dato (rows that disagree are
        quarantined), so the meeting is formed before it is attributed to a spell.
        """
        if self.store.conversations_table is not None:
            from akassemonitor.registers.checks import conversations_of

            # The checks' own group-by by samtale_id: not grouped a second time.
            return conversations_of(self.store.con.table(self.store.conversations_table))
        t = self.store.samtaler
        is_job_individual = t.samtaletype.isin(["JOB", "FAELLES_JOB"]) & t.individuel
        return t.group_by("samtale_id").agg(
            person_id=t.person_id.min(),
            dato=t.dato.min(),
            has_cv=(t.samtaletype == "CV").any(),
            has_job=(t.samtaletype == "JOB").any(),
            has_faelles_job=(t.samtaletype == "FAELLES_JOB").any(),
            has_raadighed=(t.samtaletype == "RAADIGHED").any(),
            counts_for_focus=is_job_individual.any(),
            rows=t.count(),
        )

    @cached_property
    def meetings(self) -> ir.Table:
        """One row per held meeting (distinct samtale_id) in a spell, with the spell:
        one join of the meetings, not of every conversation row."""
        flags = ["has_cv", "has_job", "has_faelles_job", "has_raadighed", "counts_for_focus"]
        return attribute_to_spells(
            self.conversations, "dato", self.spells, ["samtale_id", "dato", *flags, "rows"]
        ).mutate(month=month_of(ibis._.dato))

    @cached_property
    def offers(self) -> ir.Table:
        """Offer starts with the spell they fall in."""
        return attribute_to_spells(
            self.store.tilbud, "start_dato", self.spells,
            ["tilbud_id", "kategori", "start_dato"],
        ).mutate(month=month_of(ibis._.start_dato))

    @cached_property
    def full_period_spells(self) -> ir.Table:
        """Full-period spells of the period, one row each, with their conversation counts."""
        s = self.spells
        fp = s.filter((s.slut_aarsag == FULL_PERIOD) & self.in_period(s.slut_dato)).select(
            "forloeb_id", "akasse", month=s.slut_month
        )
        m = self.meetings
        per_spell = m.group_by("forloeb_id").agg(
            # One row per samtale_id in meetings: a count is the distinct count.
            unique_conversations=m.count(),
            focus_conversations=m.count(where=m.counts_for_focus),
        )
        joined = fp.left_join(per_spell, "forloeb_id").select(
            fp.forloeb_id,
            fp.akasse,
            fp.month,
            unique_conversations=per_spell.unique_conversations.fill_null(0),
            focus_conversations=per_spell.focus_conversations.fill_null(0),
        )
        minimum = self.config.focus.min_job_conversations
        return joined.mutate(focus_met=joined.focus_conversations >= minimum)

    def materialize(self) -> MeasureContext:
        """Compute the shared derived relations once, as temporary tables in the store.

        Many measures read the attributed meetings and the full-period spells; at a
        million spells, joining 10 million conversation rows once instead of per measure
        is most of the run time.
        """
        names = ["conversations", "meetings", "offers", "full_period_spells"]
        if self.store.conversations_table is not None:
            names.remove("conversations")  # a filter of a table already written
        for name in names:
            # Table.cache: a temporary table on DuckDB and PostgreSQL, a cached
            # DataFrame on Spark; released when the connection closes.
            cached = getattr(self, name).cache()
            # PostgreSQL plans the measures' joins and group-bys over these by their
            # statistics, which a temporary table has only once analysed.
            analyse(self.store.con, cached.op().name)
            self.__dict__[name] = cached  # replaces the expression
        return self

    def grid(self, info: MeasureInfo) -> ir.Table:
        """Every key of a measure: months × (a-kasser + ALLE) × categories."""
        if info.month == "period":
            months = [str(m) for m in self.months]
        elif info.month == "report":
            months = [str(self.month)]
        else:
            months = [""]
        categories = list(info.categories) or [""]
        rows = [
            (m, a, c) for m in months for a in self.config.akasser_and_alle for c in categories
        ]
        return ibis.memtable(
            {
                "month": [r[0] for r in rows],
                "akasse": [r[1] for r in rows],
                "category": [r[2] for r in rows],
            },
            schema={"month": "string", "akasse": "string", "category": "string"},
        )


def attribute_to_spells(
    table: ir.Table, date_column: str, spells: ir.Table, keep: Sequence[str]
) -> ir.Table:
    """Rows of ``table`` joined to the spell of the same person containing their date.

    Spells of one person never overlap (overlaps are quarantined), so a row lies in
    at most one spell.
    """
    date = table[date_column]
    joined = table.join(
        spells,
        [
            table.person_id == spells.person_id,
            date >= spells.start_dato,
            date <= spells.slut_or_open,
        ],
    )
    return joined.select(
        *[table[c] for c in keep],
        person_id=table.person_id,
        forloeb_id=spells.forloeb_id,
        akasse=spells.akasse,
    )


def with_alle(
    table: ir.Table,
    keys: Sequence[str],
    aggregate: Callable[[ir.Table], dict[str, ir.Value]],
) -> ir.Table:
    """Aggregate by ``keys`` per a-kasse and for ``ALLE``, each computed from the records."""
    per_akasse = table.group_by([*keys, "akasse"]).agg(**aggregate(table))
    grouped = table.group_by(list(keys)) if keys else table
    alle = grouped.agg(**aggregate(table)).mutate(akasse=ibis.literal(ALLE))
    return per_akasse.union(alle.select(per_akasse.columns))


def on_grid_counts(grid: ir.Table, counts: ir.Table) -> ir.Table:
    """Counts completed to the grid: keys with no records count 0."""
    counts = _with_key_columns(counts)
    joined = grid.left_join(counts, KEYS)
    return joined.select(
        grid.month,
        grid.akasse,
        grid.category,
        value=joined.n.fill_null(0).cast("float64"),
        denominator=ibis.null().cast("float64"),
    )


def on_grid_ratio(
    grid: ir.Table, numerator: ir.Table, denominator: ir.Table, *, by_category: bool = False
) -> ir.Table:
    """``numerator.n / denominator.d`` on the grid; empty (null) where the denominator is 0.

    ``numerator`` and ``denominator`` carry columns ``n``/``d`` keyed like the grid;
    the denominator is keyed without category unless ``by_category``.
    """
    numerator = _with_key_columns(numerator)
    den_keys = KEYS if by_category else ["month", "akasse"]
    den = denominator
    if "month" not in den.columns:
        den = den.mutate(month=ibis.literal(""))
    if by_category and "category" not in den.columns:
        den = den.mutate(category=ibis.literal(""))
    den = den.select(*den_keys, "d")
    with_num = grid.left_join(numerator, KEYS).select(
        grid.month, grid.akasse, grid.category, n=numerator.n.fill_null(0)
    )
    joined = with_num.left_join(den, den_keys)
    d = joined.d.fill_null(0).cast("float64")
    return joined.select(
        with_num.month,
        with_num.akasse,
        with_num.category,
        value=ibis.cases((d > 0, joined.n.cast("float64") / d), else_=ibis.null("float64")),
        denominator=d,
    )


def _with_key_columns(table: ir.Table) -> ir.Table:
    """Add empty ``month``/``category`` columns where a sparse result has none."""
    if "month" not in table.columns:
        table = table.mutate(month=ibis.literal(""))
    if "category" not in table.columns:
        table = table.mutate(category=ibis.literal(""))
    return table.select(*KEYS, "n")


def on_grid_values(grid: ir.Table, values: ir.Table) -> ir.Table:
    """Ready values (``value`` with denominator ``d``, keyed by a-kasse) on the grid.

    For measures that are not a plain ratio of two counts (the mean of monthly
    shares); empty where the denominator is 0.
    """
    values = _with_key_columns_values(values)
    joined = grid.left_join(values, KEYS)
    d = joined.d.fill_null(0).cast("float64")
    return joined.select(
        grid.month,
        grid.akasse,
        grid.category,
        value=ibis.cases((d > 0, joined.value.cast("float64")), else_=ibis.null("float64")),
        denominator=d,
    )


def _with_key_columns_values(table: ir.Table) -> ir.Table:
    if "month" not in table.columns:
        table = table.mutate(month=ibis.literal(""))
    if "category" not in table.columns:
        table = table.mutate(category=ibis.literal(""))
    return table.select(*KEYS, "value", "d")
