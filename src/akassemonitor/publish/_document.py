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
from akassemonitor.months import Month, month_range
from akassemonitor.publish import _charts as charts
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

REPORT_TITLE = "Mere ansvar til a-kasser — Monitorering"
EXCLUDED_TEXT = "Udgået pga. suspension af dagpengeperioden"
COMBINED_HEADERS = {"JOB": "Jobsamtaler", "FAELLES_JOB": "Fælles jobsamtaler"}
READING_GUIDE = (
    "Tegnforklaring: * = diskretioneret (tallet vises ikke), – = intet tal. "
    "Andele og gennemsnit vises med den præcision, de er offentliggjort med."
)


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
        Section("tema-1", "Tema 1 – Visitation til og fra forsøget", 1, new_page=True),
        _measure_1_1(ctx),
        _measure_1_2(ctx),
        _measure_1_3(ctx),
        Section("tema-2", "Tema 2 – Kontaktforløbet", 1, new_page=True),
        _measure_2_1(ctx),
        _measure_2_2(ctx),
        _measure_2_3(ctx),
        Section("tema-3", "Tema 3 – Indsats", 1, new_page=True),
        _measure_3_1(ctx),
        _bilag_1(ctx, discretion_note),
        _bilag_2(quality),
    )
    return Report(
        akasse=akasse,
        akasse_label=akasse_label(akasse, ALLE),
        month=str(month),
        month_name=month.danish_name,
        title=REPORT_TITLE,
        subtitle=f"Rapport – {month.danish_name}",
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
    return Table(sheet, title, _headers("Måned", *(h for h, _, _ in columns)), rows)


# --- Status -----------------------------------------------------------------------------


def _status(ctx: ReportContext, discretion_note: str) -> Section:
    m = ctx.month
    visitation = KeyFigureGroup(
        "Visitation",
        "Visitation til og fra forsøget",
        (
            KeyFigure("Antal påbegyndte forløb i måneden", ctx.cell("paabegyndte_forloeb", m)),
            KeyFigure(
                "Antal afsluttede forløb i måneden", ctx.cell("afsluttede_forloeb", m, TOTAL)
            ),
            KeyFigure(
                "Antal personer omfattet af forsøget sidste uge i måneden",
                ctx.cell("personer_omfattet", m),
            ),
        ),
    )
    contact = KeyFigureGroup(
        "Kontaktforløbet",
        "Antal afholdte samtaler i forsøget i måneden",
        (
            KeyFigure("Antal unikke samtaler", ctx.cell("samtaler", m, UNIQUE)),
            KeyFigure(
                "Antal unikke samtaler per deltager – personer m. fuld forsøgsperiode",
                ctx.cell("gns_samtaler", m),
            ),
        ),
    )
    focus = KeyFigureGroup(
        "Fokusmål",
        f"Gennemsnit for perioden: {months_text(ctx.included)}",
        (
            KeyFigure(
                "Andel m. fuld forsøgsperiode, som har deltaget i minimum "
                f"{ctx.config.focus.min_job_conversations} individuelle jobsamtaler",
                ctx.cell("fokus_gennemsnit"),
            ),
            KeyFigure(
                f"Fokusmålet på {format_percent_value(ctx.config.focus.target_share, 0)}",
                ctx.cell("fokus_opfyldt"),
            ),
        ),
    )
    offers = KeyFigureGroup(
        "Indsats",
        "Tilbud efter lov om en aktiv beskæftigelsesindsats kapitel 11-14",
        (
            KeyFigure(
                "Antal personer som påbegyndte et tilbud i måneden",
                ctx.cell("tilbud_personer", m, TOTAL),
            ),
            *(
                KeyFigure(OFFER_CATEGORIES[code], ctx.cell("tilbud_personer", m, code))
                for code in _top_offer_categories(ctx, limit=3)
            ),
        ),
    )
    return Section(
        "status",
        f"Status på forsøget – {m.danish_name}",
        1,
        (visitation, contact, focus, offers, Paragraph(discretion_note), Paragraph(READING_GUIDE)),
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


def _measure_1_1(ctx: ReportContext) -> Section:
    svg = charts.monthly_bars(_points(ctx, "paabegyndte_forloeb"), ctx.month_keys, "Forløb")
    return Section(
        "maaling-1-1",
        "Måling 1.1 – Visitation til forsøget – antal påbegyndte forløb – "
        f"{ctx.period_text}",
        2,
        (
            Chart(
                "Visitation til forsøget – antal påbegyndte forløb – per måned",
                svg,
                "Søjlediagram: antal påbegyndte forløb per måned.",
            ),
            _monthly_table(
                ctx,
                "1.1 Påbegyndte forløb",
                "Antal påbegyndte forløb – per måned",
                [("Påbegyndte forløb", "paabegyndte_forloeb", "")],
            ),
        ),
    )


def _measure_1_2(ctx: ReportContext) -> Section:
    reasons = tuple(END_REASONS)
    points = [p for code in reasons for p in _points(ctx, "afsluttede_forloeb", code, code)]
    stacked = charts.monthly_stacked(points, ctx.month_keys, reasons, "Forløb")
    shares = [
        (
            END_REASONS[code],
            ctx.cells.value("afslutningsaarsag_andel", "", ctx.akasse, code),
            ctx.cell("afslutningsaarsag_andel", "", code).text,
        )
        for code in reasons
    ]
    share_table = Table(
        "1.2 Afslutningsårsager, andel",
        f"Afsluttede forløb fordelt på afslutningsårsager – andel – {ctx.period_text}",
        _headers("Afslutningsårsag", "Andel af afsluttede forløb"),
        tuple(
            Row((_text(END_REASONS[code]), ctx.cell("afslutningsaarsag_andel", "", code)))
            for code in reasons
        ),
    )
    return Section(
        "maaling-1-2",
        "Måling 1.2 – Visitation ud af forsøget – antal afsluttede forløb fordelt på "
        f"afslutningsårsager – {ctx.period_text}",
        2,
        (
            Chart(
                "Afsluttede forløb fordelt på afslutningsårsager – per måned",
                stacked,
                "Stablet søjlediagram: afsluttede forløb per måned fordelt på afslutningsårsag.",
                "Diskretionerede tal (*) er udeladt af figuren; se tabellen.",
            ),
            _monthly_table(
                ctx,
                "1.2 Afsluttede forløb",
                "Antal afsluttede forløb fordelt på afslutningsårsager – per måned",
                [(END_REASONS[c], "afsluttede_forloeb", c) for c in reasons]
                + [("I alt", "afsluttede_forloeb", TOTAL)],
            ),
            Chart(
                f"Afsluttede forløb fordelt på afslutningsårsager – {ctx.period_text}",
                charts.share_bars(shares, codes=reasons),
                "Liggende søjler: andel af periodens afsluttede forløb per afslutningsårsag.",
            ),
            share_table,
        ),
    )


def _measure_1_3(ctx: ReportContext) -> Section:
    line = charts.monthly_lines(
        _points(ctx, "personer_omfattet"), ctx.month_keys, (), "Personer"
    )
    m = ctx.month
    akasser = ctx.config.akasser
    shares = [
        (
            a,
            ctx.cells.value("personer_omfattet_andel", m, a),
            ctx.cells.cell("personer_omfattet_andel", m, a).text,
        )
        for a in akasser
    ]
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
        "Måling 1.3 – Personer omfattet af forsøget – antal personer omfattet af forsøget "
        f"sidste uge i måneden – {ctx.period_text}",
        2,
        (
            Chart(
                "Personer omfattet af forsøget sidste uge i måneden – per måned",
                line,
                "Linjediagram: personer omfattet af forsøget sidste uge i måneden.",
            ),
            _monthly_table(
                ctx,
                "1.3 Personer omfattet",
                "Antal personer omfattet af forsøget sidste uge i måneden – per måned",
                [("Personer omfattet", "personer_omfattet", "")],
            ),
            Chart(
                f"Personer omfattet af forsøget per a-kasse – andel – {m.danish_name}",
                charts.share_bars(shares, highlight=highlight),
                "Liggende søjler: hver a-kasses andel af personerne omfattet af forsøget.",
            ),
            Table(
                "1.3 Personer per a-kasse",
                "Personer omfattet af forsøget per a-kasse – antal og andel – "
                f"{m.danish_name}",
                _headers("A-kasse", "Personer omfattet", "Andel"),
                rows,
            ),
        ),
    )


# --- Tema 2 -----------------------------------------------------------------------------


def _measure_2_1(ctx: ReportContext) -> Section:
    buckets = CONVERSATION_BUCKETS
    shares = [
        (
            CATEGORY_LABELS[b],
            ctx.cells.value("samtaler_fordeling_andel", "", ctx.akasse, b),
            ctx.cell("samtaler_fordeling_andel", "", b).text,
        )
        for b in buckets
    ]
    distribution = Table(
        "2.1 Samtaler per deltager",
        "Personer m. fuld forsøgsperiode fordelt på antal unikke samtaler – "
        f"{ctx.period_text}",
        _headers("Antal unikke samtaler", "Personer", "Andel"),
        tuple(
            Row(
                (
                    _text(CATEGORY_LABELS[b]),
                    ctx.cell("samtaler_fordeling", "", b),
                    ctx.cell("samtaler_fordeling_andel", "", b),
                )
            )
            for b in buckets
        ),
    )
    mean_line = charts.monthly_lines(
        _points(ctx, "gns_samtaler"), ctx.month_keys, (), "Samtaler", y_format=",.1f"
    )
    return Section(
        "maaling-2-1",
        "Måling 2.1 – Samtaler per deltager – andelen af forsøgsdeltagere, som har deltaget "
        "i hhv. 0, 1, 2 eller 3+ unikke samtaler i løbet af forsøgsperioden – personer m. "
        f"fuld forsøgsperiode – {ctx.period_text}",
        2,
        (
            Chart(
                "Andel personer m. fuld forsøgsperiode fordelt på antal unikke samtaler",
                charts.share_bars(shares, codes=buckets),
                "Liggende søjler: andel personer med 0, 1, 2 og 3+ unikke samtaler.",
            ),
            distribution,
            KeyFigureGroup(
                "Gennemsnit for perioden",
                f"Gns. antal unikke samtaler per deltager – personer m. fuld forsøgsperiode – "
                f"{ctx.period_text}",
                (
                    KeyFigure(
                        "gns. antal unikke samtaler per forløb",
                        ctx.cell("gns_samtaler_periode"),
                    ),
                ),
            ),
            Chart(
                "Gennemsnitligt antal unikke samtaler per deltager – personer m. fuld "
                "forsøgsperiode – per måned",
                mean_line,
                "Linjediagram: gennemsnitligt antal unikke samtaler per deltager per måned.",
                "Måneden er den måned, hvor forsøgsperioden blev afsluttet.",
            ),
            _monthly_table(
                ctx,
                "2.1 Gns. samtaler per måned",
                "Gennemsnitligt antal unikke samtaler per deltager – personer m. fuld "
                "forsøgsperiode – per måned",
                [
                    ("Personer m. fuld forsøgsperiode", "afsluttede_forloeb", FULL_PERIOD),
                    ("Gns. antal unikke samtaler", "gns_samtaler", ""),
                ],
            ),
        ),
    )


def _measure_2_2(ctx: ReportContext) -> Section:
    focus = ctx.config.focus
    target_text = format_percent_value(focus.target_share, 0)
    mean_cell = ctx.cell("fokus_gennemsnit")
    excluded_keys = {str(m) for m in ctx.excluded}
    chart_svg = charts.focus_chart(
        _points(ctx, "fokus_andel"),
        ctx.month_keys,
        sorted(excluded_keys),
        focus.target_share,
        f"Mål {target_text}",
        mean_cell.number,
        f"Gennemsnit {mean_cell.text}",
    )
    info = [
        f"Minimum {target_text} af de personer, som har modtaget den fulde tre måneders "
        "forsøgsperiode i a-kassen, skal have deltaget i minimum "
        f"{focus.min_job_conversations} individuelle jobsamtaler.",
        "Fokusmålet opgøres som et gennemsnit af resultaterne for de individuelle måneder. "
        "En person tæller med i den måned, hvor forsøgsperioden blev afsluttet.",
    ]
    if ctx.excluded:
        info.append(
            f"{months_text(ctx.excluded).capitalize()} indgår ikke i gennemsnittet: "
            f"{EXCLUDED_TEXT.lower()}. Månederne vises i figur og tabel, markeret som udgået."
        )
    rows = [
        Row(
            (
                _text(m),
                ctx.cell("fokus_ja", m),
                ctx.cell("fokus_nej", m),
                ctx.cell("afsluttede_forloeb", m, FULL_PERIOD),
                ctx.cell("fokus_andel", m),
                _text("Udgået" if m in excluded_keys else "Indgår"),
            )
        )
        for m in ctx.newest_first
    ]
    for label, measure in (
        ("I alt, indgående måneder", "bilag_fokus_1a"),
        ("I alt, hele perioden", "bilag_fokus_1b"),
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
    table = Table(
        "2.2 Fokusmål per måned",
        f"Antal personer m. fuld forsøgsperiode, som har deltaget i minimum "
        f"{focus.min_job_conversations} individuelle jobsamtaler (Ja/Nej) – per måned",
        _headers("Måned", "Ja", "Nej", "I alt", "Andel Ja", "Fokusmål"),
        tuple(rows),
    )
    return Section(
        "maaling-2-2",
        "Måling 2.2 – Tilsynsmåling – Fokusmål for kontaktforløbet: andel af personer m. fuld "
        f"forsøgsperiode, som har deltaget i minimum {focus.min_job_conversations} individuelle "
        f"jobsamtaler – gennemsnit for perioden: {months_text(ctx.included)}",
        2,
        (
            KeyFigureGroup(
                "Resultat",
                f"Gennemsnit for perioden: {months_text(ctx.included)}",
                (
                    KeyFigure("Gennemsnit af månedernes andele", mean_cell),
                    KeyFigure(f"Fokusmålet på {target_text}", ctx.cell("fokus_opfyldt")),
                ),
            ),
            InfoBox("Infoboks – Fokusmål for kontaktforløbet", tuple(info)),
            Chart(
                f"Andel af personer m. fuld forsøgsperiode, som har deltaget i minimum "
                f"{focus.min_job_conversations} individuelle jobsamtaler – per måned",
                chart_svg,
                "Linjediagram: månedlig andel, målet og periodens gennemsnit; udgåede "
                "måneder er skraverede.",
                "Udgåede måneder er gråtonede og indgår ikke i gennemsnittet.",
            ),
            table,
        ),
    )


def _measure_2_3(ctx: ReportContext) -> Section:
    types = (*CONVERSATION_TYPES, UNIQUE)
    points = [p for code in types for p in _points(ctx, "samtaler", code, code)]
    lines = charts.monthly_lines(points, ctx.month_keys, types, "Samtaler")
    return Section(
        "maaling-2-3",
        f"Måling 2.3 – Samtaler i forsøget – antal samtaler per måned – {ctx.period_text}",
        2,
        (
            Chart(
                "Antal samtaler fordelt på samtaletype og i alt unikke samtaler – per måned",
                lines,
                "Linjediagram: samtaler per måned per samtaletype og i alt unikke samtaler.",
                "En samtale kan dække flere samtaletyper; derfor er »I alt unikke« ikke "
                "summen af typerne.",
            ),
            _monthly_table(
                ctx,
                "2.3 Samtaler per måned",
                "Antal samtaletyper afholdt – per måned",
                [(CATEGORY_LABELS[c], "samtaler", c) for c in types],
            ),
            _monthly_table(
                ctx,
                "2.3 Kombinerede samtaler",
                "Andel af jobsamtaler, som blev afholdt sammen med en CV- eller "
                "rådighedssamtale – per måned",
                [(COMBINED_HEADERS[c], "kombineret_andel", c) for c in JOB_TYPES],
            ),
        ),
    )


# --- Tema 3 -----------------------------------------------------------------------------


def _measure_3_1(ctx: ReportContext) -> Section:
    categories = tuple(OFFER_CATEGORIES)
    points = [p for code in categories for p in _points(ctx, "tilbud_personer", code, code)]
    stacked = charts.monthly_stacked(points, ctx.month_keys, categories, "Personer")
    shares = [
        (
            OFFER_CATEGORIES[code],
            ctx.cells.value("tilbud_fordeling", "", ctx.akasse, code),
            ctx.cell("tilbud_fordeling", "", code).text,
        )
        for code in categories
    ]
    return Section(
        "maaling-3-1",
        "Måling 3.1 – Tilbud og indsatser i forsøgsperioden – antal personer, som "
        f"påbegyndte et tilbud eller en indsats – {ctx.period_text}",
        2,
        (
            Chart(
                "Personer, som påbegyndte et tilbud, fordelt på kategorier – per måned",
                stacked,
                "Stablet søjlediagram: personer, som påbegyndte et tilbud, per kategori.",
                "En person, der påbegynder tilbud i flere kategorier, tæller i hver af dem. "
                "Diskretionerede tal (*) er udeladt af figuren; se tabellen.",
            ),
            _monthly_table(
                ctx,
                "3.1 Tilbud per måned",
                "Antal personer, som påbegyndte et tilbud eller en indsats, fordelt på "
                "kategorier – per måned",
                [(OFFER_CATEGORIES[c], "tilbud_personer", c) for c in categories]
                + [("I alt", "tilbud_personer", TOTAL)],
            ),
            Chart(
                f"Tilbud fordelt på kategorier – {ctx.period_text}",
                charts.share_bars(shares, codes=categories),
                "Liggende søjler: andel af periodens påbegyndte tilbud per kategori.",
            ),
            Table(
                "3.1 Tilbud fordeling",
                f"Tilbud fordelt på kategorier – {ctx.period_text}",
                _headers("Tilbudskategori", "Andel af påbegyndte tilbud"),
                tuple(
                    Row((_text(OFFER_CATEGORIES[c]), ctx.cell("tilbud_fordeling", "", c)))
                    for c in categories
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
                part_a = (_text(EXCLUDED_TEXT, span=3, note=True),)
            else:
                part_a = (_text(""), _text(""), _text(""))
            rows.append(
                Row(
                    (_text(label), *part_a, *full),
                    kind="group" if akasse == ALLE else "body",
                )
            )
    rows.append(Row((_text("I alt for perioden"), *(_text("") for _ in range(6))), "group"))
    for akasse in akasser:
        rows.append(
            Row(
                (_text(akasse), *totals("bilag_fokus_1a", akasse),
                 *totals("bilag_fokus_1b", akasse)),
            )
        )
    rows.append(
        Row(
            (_text("Hovedtotal"), *totals("bilag_fokus_1a", ALLE),
             *totals("bilag_fokus_1b", ALLE)),
            kind="total",
        )
    )
    header = (
        (
            Header(""),
            Header("Bilag 1a: personer der indgår i opgørelsen af fokusmålet", 3),
            Header("Bilag 1b: totalopgørelse", 3),
        ),
        tuple(Header(t) for t in ("Måned / a-kasse", "Ja", "Nej", "I alt", "Ja", "Nej", "I alt")),
    )
    min_conv = ctx.config.focus.min_job_conversations
    explanation = (
        f"Antal personer m. fuld forsøgsperiode i a-kassen, som har modtaget "
        f"{min_conv} eller flere individuelle jobsamtaler i løbet af forsøgsperioden "
        f"(Ja/Nej). Bilag 1a: {months_text(ctx.included)}. "
        f"Bilag 1b: {ctx.period_text}."
    )
    if ctx.excluded:
        explanation += (
            f" {months_text(ctx.excluded).capitalize()} er udgået af bilag 1a pga. "
            "suspension af dagpengeperioden."
        )
    table = Table(
        "Bilag 1 Fokusmål per a-kasse",
        "Fokusmål for kontaktforløbet (Ja/Nej) per måned og a-kasse",
        header,
        tuple(rows),
        note=discretion_note,
        compact=True,
    )
    return Section(
        "bilag-1",
        "Bilag 1 – Fokusmål for kontaktforløbet – antal personer m. "
        f"{min_conv} eller flere samtaler (Ja/Nej) – per a-kasse",
        1,
        (Paragraph(explanation), table),
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
        _headers("Register", what, "Rækker"),
        tuple(Row((_text(i.register), _text(i.text_da), _count(i.rows))) for i in items),
    )


def _bilag_2(quality: DataQuality) -> Section:
    """The data-quality annex: counts of input rows, not statistics about persons."""
    blocks: list[Block] = [
        Paragraph(
            "Bilaget viser, hvordan de indlæste rækker er brugt: rækker læst = rækker brugt + "
            "rækker i karantæne, per register. Rækker i karantæne indgår ikke i opgørelsen."
        )
    ]
    if quality.reconciliation:
        blocks.append(
            Table(
                "Bilag 2 Afstemning",
                "Afstemning per register",
                _headers("Register", "Fil", "Læst", "Brugt", "I karantæne", "Afstemt"),
                tuple(
                    Row(
                        (
                            _text(r.register),
                            _text(PurePath(r.source).name),
                            _count(r.read),
                            _count(r.used),
                            _count(r.quarantined),
                            _text("Ja" if r.balanced else "Nej"),
                        )
                    )
                    for r in quality.reconciliation
                ),
            )
        )
    else:
        blocks.append(Paragraph("Der foreligger ingen afstemning for denne kørsel."))
    blocks.append(_row_counts(
        quality.quarantined, "Bilag 2 Karantæne", "Rækker i karantæne fordelt på årsag",
        "Årsag", "Ingen rækker er sat i karantæne.",
    ))
    blocks.append(_row_counts(
        quality.warnings, "Bilag 2 Advarsler", "Advarsler: rækker, der er brugt, men bør efterses",
        "Advarsel", "Ingen advarsler.",
    ))
    return Section("bilag-2", "Bilag 2 – Datakvalitet", 1, tuple(blocks), new_page=True)
