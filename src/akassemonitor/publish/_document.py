"""Build one report (a :class:`Report`) from published cells: wording, tables, charts.

Every figure shown is a published cell, looked up by its key and shown as published:
nothing here adds, divides or re-rounds cells. Where the reference report shows a
total that is not a cell, the report leaves it out or shows the cell that *is* that
total (``afsluttede_forloeb`` ``I_ALT``, ``bilag_fokus_1a/1b``). Every heading that
names a period derives it from the months of the cells.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePath
from typing import Protocol

from akassemonitor.codes import (
    CATEGORY_LABELS,
    CONVERSATION_BUCKETS,
    CONVERSATION_TYPES,
    END_REASONS,
    FULL_PERIOD,
    JOB_TYPES,
    OFFER_CATEGORIES,
    TOTAL,
    UNIQUE,
)
from akassemonitor.config import ALLE, Config
from akassemonitor.discretion import hidden_share_da
from akassemonitor.months import Month, month_range
from akassemonitor.publish import _charts as charts
from akassemonitor.publish import _describe as describe
from akassemonitor.publish import _texts as T
from akassemonitor.publish._cells import CellIndex
from akassemonitor.publish._formats import (
    akasse_label,
    format_count,
    format_percent_value,
    month_span_text,
    months_text,
)
from akassemonitor.publish._model import (
    Block,
    Cell,
    Chart,
    Header,
    InfoBox,
    KeyFigure,
    KeyFigureGroup,
    Paragraph,
    Report,
    Row,
    Section,
    Table,
)
from akassemonitor.quality import DataQuality


@dataclass(frozen=True)
class ReportContext:
    """What every section needs: the cells, the a-kasse, the month and the period."""

    cells: CellIndex
    config: Config
    akasse: str
    month: Month
    months: tuple[Month, ...]  # the period, first month of the data .. month

    @property
    def month_keys(self) -> tuple[str, ...]:
        return tuple(str(m) for m in self.months)

    @property
    def newest_first(self) -> tuple[str, ...]:
        return tuple(reversed(self.month_keys))

    @property
    def period_text(self) -> str:
        return month_span_text(self.months[0], self.months[-1])

    @property
    def excluded(self) -> tuple[Month, ...]:
        return tuple(m for m in self.months if m in set(self.config.focus.excluded_months))

    @property
    def included(self) -> tuple[Month, ...]:
        excluded = set(self.excluded)
        return tuple(m for m in self.months if m not in excluded)

    def cell(self, measure: str, month: Month | str = "", category: str = "") -> Cell:
        return self.cells.cell(measure, month, self.akasse, category)

    def monthly_cells(self, measure: str, category: str = "") -> list[Cell]:
        """The cells of ``measure`` for every month of the period, in order."""
        return [self.cell(measure, m, category) for m in self.month_keys]

    def texts(self) -> dict[str, str]:
        """The values of the wording's ``{names}`` (see :mod:`._texts`)."""
        focus = self.config.focus
        return {
            "period": self.period_text,
            "month": self.month.danish_name,
            "included": months_text(self.included),
            "excluded": months_text(self.excluded).capitalize(),
            "min_conv": str(focus.min_job_conversations),
            "target": format_percent_value(focus.target_share, 0),
        }

    def text(self, template: str) -> str:
        """A text of :mod:`._texts` with this report's values filled in."""
        return template.format(**self.texts())


def build_report(
    cells: CellIndex,
    quality: DataQuality,
    config: Config,
    month: Month,
    akasse: str,
    *,
    discretion_note: str,
) -> Report:
    """The whole report of one a-kasse (or ``ALLE``) for the report month, as data."""
    first = min(Month.parse(m) for m in cells.months)
    ctx = ReportContext(cells, config, akasse, month, tuple(month_range(first, month)))
    sections = (
        _status(ctx, discretion_note),
        Section("tema-1", T.TEMA_1, 1, new_page=True),
        _measure_1_1(ctx),
        _measure_1_2(ctx),
        _measure_1_3(ctx),
        Section("tema-2", T.TEMA_2, 1, new_page=True),
        _measure_2_1(ctx),
        _measure_2_2(ctx),
        _measure_2_3(ctx),
        Section("tema-3", T.TEMA_3, 1, new_page=True),
        _measure_3_1(ctx),
        _bilag_1(ctx, discretion_note),
        _bilag_2(quality),
    )
    return Report(
        akasse=akasse,
        akasse_label=akasse_label(akasse, ALLE),
        month=str(month),
        month_name=month.danish_name,
        title=T.REPORT_TITLE,
        subtitle=ctx.text(T.SUBTITLE),
        period_text=ctx.period_text,
        sections=sections,
        discretion_note=discretion_note,
    )


# --- small builders -------------------------------------------------------------------


def _text(text: str, *, span: int = 1, note: bool = False) -> Cell:
    return Cell(text, span=span, note=note)


def _count(value: int) -> Cell:
    """A count that is not a published cell (the data-quality annex)."""
    return Cell(format_count(value), float(value), "count")


def _headers(*texts: str) -> tuple[tuple[Header, ...], ...]:
    return (tuple(Header(t) for t in texts),)


def _points(
    ctx: ReportContext, measure: str, category: str = "", series: str = ""
) -> list[charts.Point]:
    return [
        charts.Point(m, series, ctx.cells.value(measure, m, ctx.akasse, category))
        for m in ctx.month_keys
    ]


def _monthly_table(
    ctx: ReportContext,
    sheet: str,
    title: str,
    columns: Sequence[tuple[str, str, str]],
) -> Table:
    """Months (newest first) × columns given as (header, measure, category)."""
    rows = tuple(
        Row((_text(m), *(ctx.cell(measure, m, category) for _, measure, category in columns)))
        for m in ctx.newest_first
    )
    return Table(sheet, title, _headers(T.MONTH, *(h for h, _, _ in columns)), rows)


# --- Status -----------------------------------------------------------------------------


def _status(ctx: ReportContext, discretion_note: str) -> Section:
    m = ctx.month
    visitation = KeyFigureGroup(
        T.STATUS_VISITATION,
        T.STATUS_VISITATION_SUB,
        (
            KeyFigure(T.STATUS_STARTED, ctx.cell("paabegyndte_forloeb", m)),
            KeyFigure(T.STATUS_ENDED, ctx.cell("afsluttede_forloeb", m, TOTAL)),
            KeyFigure(T.STATUS_COVERED, ctx.cell("personer_omfattet", m)),
        ),
    )
    contact = KeyFigureGroup(
        T.STATUS_CONTACT,
        T.STATUS_CONTACT_SUB,
        (
            KeyFigure(T.STATUS_UNIQUE, ctx.cell("samtaler", m, UNIQUE)),
            KeyFigure(T.STATUS_PER_PARTICIPANT, ctx.cell("gns_samtaler", m)),
        ),
    )
    focus = KeyFigureGroup(
        T.STATUS_FOCUS,
        ctx.text(T.PERIOD_MEAN),
        (
            KeyFigure(ctx.text(T.STATUS_FOCUS_SHARE), ctx.cell("fokus_gennemsnit")),
            KeyFigure(ctx.text(T.FOCUS_GOAL), ctx.cell("fokus_opfyldt")),
        ),
    )
    offers = KeyFigureGroup(
        T.STATUS_OFFERS,
        T.STATUS_OFFERS_SUB,
        (
            KeyFigure(T.STATUS_OFFER_PERSONS, ctx.cell("tilbud_personer", m, TOTAL)),
            *(
                KeyFigure(OFFER_CATEGORIES[code], ctx.cell("tilbud_personer", m, code))
                for code in _top_offer_categories(ctx, limit=3)
            ),
        ),
    )
    return Section(
        "status",
        ctx.text(T.STATUS),
        1,
        (
            visitation,
            contact,
            focus,
            offers,
            Paragraph(discretion_note),
            Paragraph(T.READING_GUIDE),
        ),
        new_page=True,
    )


def _top_offer_categories(ctx: ReportContext, *, limit: int) -> list[str]:
    """The categories with the most persons starting an offer in the month (published > 0)."""
    ranked = [
        (value, -i, code)
        for i, code in enumerate(OFFER_CATEGORIES)
        if (value := ctx.cells.value("tilbud_personer", ctx.month, ctx.akasse, code))
    ]
    return [code for _, _, code in sorted(ranked, reverse=True)[:limit]]


# --- Tema 1 -----------------------------------------------------------------------------


def _series_chart(
    ctx: ReportContext, title: str, what: str, svg: str, cells: Sequence[Cell], note: str = ""
) -> Chart:
    """A chart of one figure per month, described from its cells."""
    return Chart(title, svg, describe.series(what, ctx.months, cells), note)


def _labelled(labels: Sequence[str], cells: Sequence[Cell]) -> list[tuple[str, Cell]]:
    return list(zip(labels, cells, strict=True))


def _measure_1_1(ctx: ReportContext) -> Section:
    svg = charts.monthly_bars(_points(ctx, "paabegyndte_forloeb"), ctx.month_keys, T.M11_Y)
    return Section(
        "maaling-1-1",
        ctx.text(T.M11),
        2,
        (
            _series_chart(
                ctx, T.M11_CHART, T.M11_WHAT, svg, ctx.monthly_cells("paabegyndte_forloeb")
            ),
            _monthly_table(
                ctx, T.M11_SHEET, T.M11_TABLE, [(T.M11_COLUMN, "paabegyndte_forloeb", "")]
            ),
        ),
    )


def _measure_1_2(ctx: ReportContext) -> Section:
    reasons = tuple(END_REASONS)
    labels = [END_REASONS[code] for code in reasons]
    points = [p for code in reasons for p in _points(ctx, "afsluttede_forloeb", code, code)]
    stacked = charts.monthly_stacked(points, ctx.month_keys, reasons, T.M12_Y)
    share_cells = [ctx.cell("afslutningsaarsag_andel", "", code) for code in reasons]
    shares = [(label, c.number, c.text) for label, c in zip(labels, share_cells, strict=True)]
    month_cells = [ctx.cell("afsluttede_forloeb", ctx.month, code) for code in reasons]
    share_table = Table(
        T.M12_SHARE_SHEET,
        ctx.text(T.M12_SHARE_TABLE),
        _headers(*T.M12_SHARE_HEADERS),
        tuple(Row((_text(label), c)) for label, c in zip(labels, share_cells, strict=True)),
    )
    return Section(
        "maaling-1-2",
        ctx.text(T.M12),
        2,
        (
            Chart(
                T.M12_CHART,
                stacked,
                describe.categories(
                    T.M12_WHAT, ctx.months, ctx.month, _labelled(labels, month_cells)
                ),
                T.SUPPRESSED_LEFT_OUT,
            ),
            _monthly_table(
                ctx,
                T.M12_SHEET,
                T.M12_TABLE,
                [(END_REASONS[c], "afsluttede_forloeb", c) for c in reasons]
                + [(T.TOTAL, "afsluttede_forloeb", TOTAL)],
            ),
            Chart(
                ctx.text(T.M12_SHARE_CHART),
                charts.share_bars(shares, codes=reasons),
                describe.shares(T.M12_SHARE_WHAT, _labelled(labels, share_cells)),
            ),
            share_table,
        ),
    )


def _measure_1_3(ctx: ReportContext) -> Section:
    line = charts.monthly_lines(
        _points(ctx, "personer_omfattet"), ctx.month_keys, (), T.M13_Y
    )
    m = ctx.month
    akasser = ctx.config.akasser
    share_cells = [ctx.cells.cell("personer_omfattet_andel", m, a) for a in akasser]
    shares = [(a, c.number, c.text) for a, c in zip(akasser, share_cells, strict=True)]
    rows = tuple(
        Row(
            (
                _text(akasse_label(a, ALLE)),
                ctx.cells.cell("personer_omfattet", m, a),
                ctx.cells.cell("personer_omfattet_andel", m, a),
            ),
            kind="total" if a == ALLE else "body",
            highlight=a == ctx.akasse and a != ALLE,
        )
        for a in (*akasser, ALLE)
    )
    highlight = ctx.akasse if ctx.akasse != ALLE else None
    return Section(
        "maaling-1-3",
        ctx.text(T.M13),
        2,
        (
            _series_chart(
                ctx, T.M13_CHART, T.M13_WHAT, line, ctx.monthly_cells("personer_omfattet")
            ),
            _monthly_table(
                ctx, T.M13_SHEET, T.M13_TABLE, [(T.M13_COLUMN, "personer_omfattet", "")]
            ),
            Chart(
                ctx.text(T.M13_SHARE_CHART),
                charts.share_bars(shares, highlight=highlight),
                describe.shares(ctx.text(T.M13_SHARE_WHAT), _labelled(akasser, share_cells)),
            ),
            Table(
                T.M13_SHARE_SHEET, ctx.text(T.M13_SHARE_TABLE), _headers(*T.M13_SHARE_HEADERS),
                rows,
            ),
        ),
    )


# --- Tema 2 -----------------------------------------------------------------------------


def _measure_2_1(ctx: ReportContext) -> Section:
    buckets = CONVERSATION_BUCKETS
    labels = [CATEGORY_LABELS[b] for b in buckets]
    share_cells = [ctx.cell("samtaler_fordeling_andel", "", b) for b in buckets]
    shares = [(label, c.number, c.text) for label, c in zip(labels, share_cells, strict=True)]
    distribution = Table(
        T.M21_SHEET,
        ctx.text(T.M21_TABLE),
        _headers(*T.M21_HEADERS),
        tuple(
            Row((_text(label), ctx.cell("samtaler_fordeling", "", b), share))
            for label, b, share in zip(labels, buckets, share_cells, strict=True)
        ),
    )
    mean_line = charts.monthly_lines(
        _points(ctx, "gns_samtaler"), ctx.month_keys, (), T.M21_Y, y_format=",.1f"
    )
    persons, mean = T.M21_MONTH_COLUMNS
    return Section(
        "maaling-2-1",
        ctx.text(T.M21),
        2,
        (
            Chart(
                T.M21_SHARE_CHART,
                charts.share_bars(shares, codes=buckets),
                describe.shares(T.M21_SHARE_WHAT, _labelled(labels, share_cells)),
            ),
            distribution,
            KeyFigureGroup(
                T.M21_MEAN,
                ctx.text(T.M21_MEAN_SUB),
                (KeyFigure(T.M21_MEAN_LABEL, ctx.cell("gns_samtaler_periode")),),
            ),
            _series_chart(
                ctx, T.M21_CHART, T.M21_WHAT, mean_line, ctx.monthly_cells("gns_samtaler"),
                T.M21_NOTE,
            ),
            _monthly_table(
                ctx,
                T.M21_MONTH_SHEET,
                T.M21_MONTH_TABLE,
                [
                    (persons, "afsluttede_forloeb", FULL_PERIOD),
                    (mean, "gns_samtaler", ""),
                ],
            ),
        ),
    )


def _measure_2_2(ctx: ReportContext) -> Section:
    focus = ctx.config.focus
    target_text = format_percent_value(focus.target_share, 0)
    mean_cell = ctx.cell("fokus_gennemsnit")
    met_cell = ctx.cell("fokus_opfyldt")
    excluded_keys = {str(m) for m in ctx.excluded}
    chart_svg = charts.focus_chart(
        _points(ctx, "fokus_andel"),
        ctx.month_keys,
        sorted(excluded_keys),
        focus.target_share,
        ctx.text(T.M22_TARGET_LABEL),
        mean_cell.number,
        T.M22_MEAN_LINE_LABEL.format(mean=mean_cell.text),
    )
    info = [ctx.text(T.M22_INFO_GOAL), T.M22_INFO_MEAN]
    if ctx.excluded:
        info.append(ctx.text(T.M22_INFO_EXCLUDED))
    rows = [
        Row(
            (
                _text(m),
                ctx.cell("fokus_ja", m),
                ctx.cell("fokus_nej", m),
                ctx.cell("afsluttede_forloeb", m, FULL_PERIOD),
                ctx.cell("fokus_andel", m),
                _text(T.M22_EXCLUDED if m in excluded_keys else T.M22_INCLUDED),
            )
        )
        for m in ctx.newest_first
    ]
    for label, measure in (
        (T.M22_TOTAL_INCLUDED, "bilag_fokus_1a"),
        (T.M22_TOTAL_ALL, "bilag_fokus_1b"),
    ):
        rows.append(
            Row(
                (
                    _text(label),
                    ctx.cell(measure, "", "JA"),
                    ctx.cell(measure, "", "NEJ"),
                    ctx.cell(measure, "", TOTAL),
                    _text(""),
                    _text(""),
                ),
                kind="total",
            )
        )
    table = Table(T.M22_SHEET, ctx.text(T.M22_TABLE), _headers(*T.M22_HEADERS), tuple(rows))
    alternative = describe.focus(
        ctx.text(T.M22_WHAT),
        ctx.months,
        ctx.monthly_cells("fokus_andel"),
        target_text,
        mean_cell,
        met_cell,
        ctx.excluded,
        months_text(ctx.excluded),
    )
    return Section(
        "maaling-2-2",
        ctx.text(T.M22),
        2,
        (
            KeyFigureGroup(
                T.M22_RESULT,
                ctx.text(T.PERIOD_MEAN),
                (
                    KeyFigure(T.M22_MEAN_LABEL, mean_cell),
                    KeyFigure(ctx.text(T.FOCUS_GOAL), met_cell),
                ),
            ),
            InfoBox(T.M22_INFOBOX, tuple(info)),
            Chart(ctx.text(T.M22_CHART), chart_svg, alternative, T.M22_NOTE),
            table,
        ),
    )


def _measure_2_3(ctx: ReportContext) -> Section:
    types = (*CONVERSATION_TYPES, UNIQUE)
    labels = [CATEGORY_LABELS[c] for c in types]
    points = [p for code in types for p in _points(ctx, "samtaler", code, code)]
    lines = charts.monthly_lines(points, ctx.month_keys, types, T.M23_Y)
    month_cells = [ctx.cell("samtaler", ctx.month, c) for c in types]
    return Section(
        "maaling-2-3",
        ctx.text(T.M23),
        2,
        (
            Chart(
                T.M23_CHART,
                lines,
                describe.categories(
                    T.M23_WHAT, ctx.months, ctx.month, _labelled(labels, month_cells)
                ),
                T.M23_NOTE,
            ),
            _monthly_table(
                ctx, T.M23_SHEET, T.M23_TABLE,
                [(label, "samtaler", c) for label, c in zip(labels, types, strict=True)],
            ),
            _monthly_table(
                ctx,
                T.M23_COMBINED_SHEET,
                T.M23_COMBINED_TABLE,
                [(T.M23_COMBINED_COLUMNS[c], "kombineret_andel", c) for c in JOB_TYPES],
            ),
        ),
    )


# --- Tema 3 -----------------------------------------------------------------------------


def _measure_3_1(ctx: ReportContext) -> Section:
    categories = tuple(OFFER_CATEGORIES)
    labels = [OFFER_CATEGORIES[c] for c in categories]
    points = [p for code in categories for p in _points(ctx, "tilbud_personer", code, code)]
    stacked = charts.monthly_stacked(points, ctx.month_keys, categories, T.M31_Y)
    share_cells = [ctx.cell("tilbud_fordeling", "", code) for code in categories]
    shares = [(label, c.number, c.text) for label, c in zip(labels, share_cells, strict=True)]
    month_cells = [ctx.cell("tilbud_personer", ctx.month, c) for c in categories]
    return Section(
        "maaling-3-1",
        ctx.text(T.M31),
        2,
        (
            Chart(
                T.M31_CHART,
                stacked,
                describe.categories(
                    T.M31_WHAT, ctx.months, ctx.month, _labelled(labels, month_cells)
                ),
                T.M31_NOTE,
            ),
            _monthly_table(
                ctx,
                T.M31_SHEET,
                T.M31_TABLE,
                [(OFFER_CATEGORIES[c], "tilbud_personer", c) for c in categories]
                + [(T.TOTAL, "tilbud_personer", TOTAL)],
            ),
            Chart(
                ctx.text(T.M31_SHARE_CHART),
                charts.share_bars(shares, codes=categories),
                describe.shares(T.M31_SHARE_WHAT, _labelled(labels, share_cells)),
            ),
            Table(
                T.M31_SHARE_SHEET,
                ctx.text(T.M31_SHARE_TABLE),
                _headers(*T.M31_SHARE_HEADERS),
                tuple(
                    Row((_text(label), c)) for label, c in zip(labels, share_cells, strict=True)
                ),
            ),
        ),
    )


# --- Bilag ------------------------------------------------------------------------------


def _bilag_1(ctx: ReportContext, discretion_note: str) -> Section:
    """Focus goal Ja/Nej/I alt per month × a-kasse; 1a (included months) beside 1b (all).

    The same for every a-kasse (no row is set apart).
    """
    cells = ctx.cells
    excluded = {str(m) for m in ctx.excluded}
    akasser = ctx.config.akasser

    def monthly(month: str, akasse: str) -> tuple[Cell, ...]:
        return (
            cells.cell("fokus_ja", month, akasse),
            cells.cell("fokus_nej", month, akasse),
            cells.cell("afsluttede_forloeb", month, akasse, FULL_PERIOD),
        )

    def totals(measure: str, akasse: str) -> tuple[Cell, ...]:
        return tuple(cells.cell(measure, "", akasse, c) for c in ("JA", "NEJ", TOTAL))

    rows: list[Row] = []
    for month in ctx.month_keys:
        for akasse in (ALLE, *akasser):
            label = month if akasse == ALLE else akasse
            full = monthly(month, akasse)
            if month not in excluded:
                part_a: tuple[Cell, ...] = full
            elif akasse == ALLE:
                part_a = (_text(T.EXCLUDED, span=3, note=True),)
            else:
                part_a = (_text(""), _text(""), _text(""))
            rows.append(
                Row(
                    (_text(label), *part_a, *full),
                    kind="group" if akasse == ALLE else "body",
                )
            )
    rows.append(Row((_text(T.BILAG_1_PERIOD), *(_text("") for _ in range(6))), "group"))
    for akasse in akasser:
        rows.append(
            Row(
                (_text(akasse), *totals("bilag_fokus_1a", akasse),
                 *totals("bilag_fokus_1b", akasse)),
            )
        )
    rows.append(
        Row(
            (_text(T.BILAG_1_GRAND_TOTAL), *totals("bilag_fokus_1a", ALLE),
             *totals("bilag_fokus_1b", ALLE)),
            kind="total",
        )
    )
    header = (
        (
            Header(""),
            Header(T.BILAG_1A, 3),
            Header(T.BILAG_1B, 3),
        ),
        tuple(Header(t) for t in T.BILAG_1_HEADERS),
    )
    explanation = ctx.text(T.BILAG_1_EXPLANATION)
    if ctx.excluded:
        explanation += ctx.text(T.BILAG_1_EXCLUDED)
    table = Table(
        T.BILAG_1_SHEET,
        T.BILAG_1_TABLE,
        header,
        tuple(rows),
        note=discretion_note,
        compact=True,
    )
    return Section(
        "bilag-1",
        ctx.text(T.BILAG_1),
        1,
        (Paragraph(explanation), table, Paragraph(hidden_share_da(*cells.hidden()))),
        new_page=True,
    )


class _RowCount(Protocol):
    """A count of input rows by register and reason or warning (``quality``)."""

    @property
    def register(self) -> str: ...
    @property
    def text_da(self) -> str: ...
    @property
    def rows(self) -> int: ...


def _row_counts(
    items: Sequence[_RowCount], sheet: str, caption: str, what: str, none: str
) -> Block:
    """Rows per register and reason (quarantine) or warning, or a line saying none."""
    if not items:
        return Paragraph(none)
    return Table(
        sheet,
        caption,
        _headers(T.BILAG_2_REGISTER, what, T.BILAG_2_ROWS),
        tuple(Row((_text(i.register), _text(i.text_da), _count(i.rows))) for i in items),
    )


def _bilag_2(quality: DataQuality) -> Section:
    """The data-quality annex: counts of input rows, not statistics about persons."""
    blocks: list[Block] = [Paragraph(T.BILAG_2_INTRO)]
    if quality.reconciliation:
        blocks.append(
            Table(
                T.BILAG_2_RECONCILIATION_SHEET,
                T.BILAG_2_RECONCILIATION,
                _headers(*T.BILAG_2_RECONCILIATION_HEADERS),
                tuple(
                    Row(
                        (
                            _text(r.register),
                            _text(PurePath(r.source).name),
                            _count(r.read),
                            _count(r.used),
                            _count(r.quarantined),
                            _text(T.YES if r.balanced else T.NO),
                        )
                    )
                    for r in quality.reconciliation
                ),
            )
        )
    else:
        blocks.append(Paragraph(T.BILAG_2_NO_RECONCILIATION))
    blocks.append(_row_counts(
        quality.quarantined, T.BILAG_2_QUARANTINE_SHEET, T.BILAG_2_QUARANTINE,
        T.BILAG_2_QUARANTINE_WHAT, T.BILAG_2_NO_QUARANTINE,
    ))
    blocks.append(_row_counts(
        quality.warnings, T.BILAG_2_WARNINGS_SHEET, T.BILAG_2_WARNINGS,
        T.BILAG_2_WARNINGS_WHAT, T.BILAG_2_NO_WARNINGS,
    ))
    return Section("bilag-2", T.BILAG_2, 1, tuple(blocks), new_page=True)
