"""The pages as data: what the overview, an a-kasse's page and the data-quality page
show, built from one served release's published cells.

Every figure is a published cell looked up by its key and shown as the report shows
it (``publish._formats``); nothing is added, divided or rounded here. Wording follows
the report (``publish._document``): the same Danish titles for the same measures.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

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
from akassemonitor.config import ALLE
from akassemonitor.dashboard import _charts as charts
from akassemonitor.dashboard._library import ServedRelease
from akassemonitor.months import Month, month_range
from akassemonitor.publish import report_stem
from akassemonitor.publish._formats import (
    SUPPRESSED_MARK,
    akasse_label,
    format_percent_value,
    month_span_text,
    months_text,
)

FORMAT_LABELS = {"pdf": "PDF", "html": "HTML", "xlsx": "Excel"}
COMBINED_HEADERS = {"JOB": "Jobsamtaler", "FAELLES_JOB": "Fælles jobsamtaler"}


@dataclass(frozen=True)
class CellView:
    """A table cell: its text, and the key of the published cell it shows (if any)."""

    text: str
    key: str = ""  # "measure|month|akasse|category" for published cells
    suppressed: bool = False
    numeric: bool = False
    header: bool = False


@dataclass(frozen=True)
class TableView:
    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[CellView, ...], ...]


@dataclass(frozen=True)
class ChartView:
    id: str
    title: str
    description: str
    spec: str  # Vega-Lite JSON
    table: TableView
    note: str = ""


@dataclass(frozen=True)
class Figure:
    label: str
    cell: CellView


@dataclass(frozen=True)
class FigureGroup:
    title: str
    subtitle: str
    figures: tuple[Figure, ...]


@dataclass(frozen=True)
class Measure:
    """One measure of a theme: its heading, key figures, charts and plain tables."""

    id: str
    title: str
    figures: tuple[FigureGroup, ...] = ()
    charts: tuple[ChartView, ...] = ()
    tables: tuple[TableView, ...] = ()
    info: tuple[str, ...] = ()


@dataclass(frozen=True)
class Theme:
    id: str
    title: str
    measures: tuple[Measure, ...]


@dataclass(frozen=True)
class Download:
    label: str
    href: str
    filename: str


@dataclass(frozen=True)
class AkassePage:
    akasse: str
    label: str
    month: str
    month_name: str
    period_text: str
    status: tuple[FigureGroup, ...]
    themes: tuple[Theme, ...]
    downloads: tuple[Download, ...]


@dataclass(frozen=True)
class OverviewFigure:
    label: str
    cell: CellView
    spark: str  # inline SVG


@dataclass(frozen=True)
class OverviewCard:
    akasse: str
    label: str
    href: str
    focus: CellView
    focus_met: bool | None  # None: the mean or the flag is suppressed
    focus_text: str
    figures: tuple[OverviewFigure, ...]


@dataclass(frozen=True)
class OverviewPage:
    month: str
    month_name: str
    period_text: str
    focus_period: str
    target_text: str
    cards: tuple[OverviewCard, ...]
    whole: OverviewCard


@dataclass
class _Context:
    served: ServedRelease
    akasse: str
    months: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        first = self.served.config.trial_start
        self.months = tuple(str(m) for m in month_range(first, self.served.month))

    @property
    def newest_first(self) -> tuple[str, ...]:
        return tuple(reversed(self.months))

    @property
    def period_text(self) -> str:
        return month_span_text(Month.parse(self.months[0]), Month.parse(self.months[-1]))

    @property
    def excluded(self) -> tuple[Month, ...]:
        excluded = set(self.served.config.focus.excluded_months)
        return tuple(Month.parse(m) for m in self.months if Month.parse(m) in excluded)

    @property
    def included(self) -> tuple[Month, ...]:
        excluded = set(self.excluded)
        return tuple(Month.parse(m) for m in self.months if Month.parse(m) not in excluded)

    def cell(self, measure: str, month: str = "", category: str = "",
             akasse: str | None = None) -> CellView:
        a = self.akasse if akasse is None else akasse
        shown = self.served.cells.cell(measure, month, a, category)
        return CellView(shown.text, f"{measure}|{month}|{a}|{category}", shown.suppressed,
                        numeric=True)

    def value(self, measure: str, month: str = "", category: str = "",
              akasse: str | None = None) -> float | None:
        a = self.akasse if akasse is None else akasse
        return self.served.cells.value(measure, month, a, category)

    def series(self, measure: str, category: str = "", series: str = "") -> list[charts.Datum]:
        return [
            charts.Datum(m, series, self.value(measure, m, category),
                         self.cell(measure, m, category).text)
            for m in self.months
        ]


def _text(text: str, *, header: bool = False) -> CellView:
    return CellView(text, header=header)


def _monthly_table(ctx: _Context, caption: str,
                   columns: list[tuple[str, str, str]]) -> TableView:
    rows = tuple(
        (_text(m, header=True), *(ctx.cell(measure, m, cat) for _, measure, cat in columns))
        for m in ctx.newest_first
    )
    return TableView(caption, ("Måned", *(h for h, _, _ in columns)), rows)


def _chart(chart_id: str, title: str, spec: dict[str, Any], table: TableView,
           note: str = "") -> ChartView:
    return ChartView(chart_id, title, spec["description"],
                     json.dumps(spec, ensure_ascii=False, separators=(",", ":")), table, note)


# --- the a-kasse page -------------------------------------------------------------------


def akasse_page(served: ServedRelease, akasse: str) -> AkassePage:
    """The report's themes for one a-kasse (or ``ALLE``) in one release."""
    ctx = _Context(served, akasse)
    stem = report_stem(akasse)
    downloads = [
        Download(f"Rapport som {FORMAT_LABELS[fmt]}",
                 f"/filer/{served.key}/{stem}.{fmt}", f"{stem}-{served.key}.{fmt}")
        for fmt in served.reports.get(akasse, ())
    ]
    query = f"akasse={akasse}&month={served.key}&format=csv".replace(" ", "+")
    downloads.append(Download("Tal (celler) som CSV", f"/api/cells?{query}",
                              f"celler-{stem}-{served.key}.csv"))
    themes = (
        Theme("tema-1", "Tema 1 – Visitation til og fra forsøget",
              (_measure_1_1(ctx), _measure_1_2(ctx), _measure_1_3(ctx))),
        Theme("tema-2", "Tema 2 – Kontaktforløbet",
              (_measure_2_1(ctx), _measure_2_2(ctx), _measure_2_3(ctx))),
        Theme("tema-3", "Tema 3 – Indsats", (_measure_3_1(ctx),)),
        Theme("bilag", "Bilag", (_bilag_1(ctx),)),
    )
    return AkassePage(
        akasse, akasse_label(akasse, ALLE), served.key, served.month.danish_name,
        ctx.period_text, _status(ctx), themes, tuple(downloads),
    )


def _status(ctx: _Context) -> tuple[FigureGroup, ...]:
    m = str(ctx.served.month)
    focus = ctx.served.config.focus
    return (
        FigureGroup("Visitation", "Visitation til og fra forsøget", (
            Figure("Påbegyndte forløb i måneden", ctx.cell("paabegyndte_forloeb", m)),
            Figure("Afsluttede forløb i måneden", ctx.cell("afsluttede_forloeb", m, TOTAL)),
            Figure("Personer omfattet af forsøget sidste uge i måneden",
                   ctx.cell("personer_omfattet", m)),
        )),
        FigureGroup("Kontaktforløbet", "Afholdte samtaler i forsøget i måneden", (
            Figure("Unikke samtaler", ctx.cell("samtaler", m, UNIQUE)),
            Figure("Unikke samtaler per deltager – personer m. fuld forsøgsperiode",
                   ctx.cell("gns_samtaler", m)),
        )),
        FigureGroup("Fokusmål", f"Gennemsnit for perioden: {months_text(ctx.included)}", (
            Figure(f"Andel m. fuld forsøgsperiode med minimum {focus.min_job_conversations} "
                   "individuelle jobsamtaler", ctx.cell("fokus_gennemsnit")),
            Figure(f"Fokusmålet på {format_percent_value(focus.target_share, 0)}",
                   ctx.cell("fokus_opfyldt")),
        )),
        FigureGroup("Indsats", "Tilbud efter LAB kapitel 11-14", (
            Figure("Personer som påbegyndte et tilbud i måneden",
                   ctx.cell("tilbud_personer", m, TOTAL)),
        )),
    )


def _measure_1_1(ctx: _Context) -> Measure:
    table = _monthly_table(ctx, "Antal påbegyndte forløb – per måned",
                           [("Påbegyndte forløb", "paabegyndte_forloeb", "")])
    spec = charts.monthly_bars(ctx.series("paabegyndte_forloeb"), ctx.months, "Forløb",
                               "Søjlediagram: antal påbegyndte forløb per måned.")
    return Measure("maaling-1-1", "Måling 1.1 – Påbegyndte forløb", charts=(
        _chart("graf-1-1", "Påbegyndte forløb – per måned", spec, table),))


def _measure_1_2(ctx: _Context) -> Measure:
    reasons = tuple(END_REASONS)
    data = [d for c in reasons for d in ctx.series("afsluttede_forloeb", c, c)]
    stacked = charts.monthly_stacked(
        data, ctx.months, reasons, "Forløb",
        "Stablet søjlediagram: afsluttede forløb per måned fordelt på afslutningsårsag.")
    table = _monthly_table(
        ctx, "Antal afsluttede forløb fordelt på afslutningsårsager – per måned",
        [(END_REASONS[c], "afsluttede_forloeb", c) for c in reasons]
        + [("I alt", "afsluttede_forloeb", TOTAL)])
    shares = [charts.Datum(END_REASONS[c], "", ctx.value("afslutningsaarsag_andel", "", c),
                           ctx.cell("afslutningsaarsag_andel", "", c).text) for c in reasons]
    share_table = TableView(
        f"Afsluttede forløb fordelt på afslutningsårsager – andel – {ctx.period_text}",
        ("Afslutningsårsag", "Andel"),
        tuple((_text(END_REASONS[c], header=True), ctx.cell("afslutningsaarsag_andel", "", c))
              for c in reasons))
    share_spec = charts.share_bars(
        shares, "Liggende søjler: andel af periodens afsluttede forløb per årsag.",
        codes=reasons)
    return Measure("maaling-1-2", "Måling 1.2 – Afsluttede forløb og afslutningsårsager",
                   charts=(
                       _chart("graf-1-2", "Afsluttede forløb fordelt på afslutningsårsager – "
                              "per måned", stacked, table,
                              "Diskretionerede tal (*) er udeladt af figuren; se tabellen."),
                       _chart("graf-1-2-andel", "Afslutningsårsager – andel – "
                              f"{ctx.period_text}", share_spec, share_table),
                   ))


def _measure_1_3(ctx: _Context) -> Measure:
    m = str(ctx.served.month)
    line = charts.monthly_lines(
        ctx.series("personer_omfattet"), ctx.months, (), "Personer",
        "Linjediagram: personer omfattet af forsøget sidste uge i måneden.")
    table = _monthly_table(ctx, "Personer omfattet af forsøget sidste uge i måneden – per "
                           "måned", [("Personer omfattet", "personer_omfattet", "")])
    akasser = ctx.served.config.akasser
    shares = [charts.Datum(a, "", ctx.value("personer_omfattet_andel", m, akasse=a),
                           ctx.cell("personer_omfattet_andel", m, akasse=a).text)
              for a in akasser]
    per_akasse = TableView(
        f"Personer omfattet af forsøget per a-kasse – {Month.parse(m).danish_name}",
        ("A-kasse", "Personer omfattet", "Andel"),
        tuple((_text(akasse_label(a, ALLE), header=True),
               ctx.cell("personer_omfattet", m, akasse=a),
               ctx.cell("personer_omfattet_andel", m, akasse=a))
              for a in (*akasser, ALLE)))
    share_spec = charts.share_bars(
        shares, "Liggende søjler: hver a-kasses andel af personerne omfattet af forsøget.",
        highlight=ctx.akasse if ctx.akasse != ALLE else None)
    return Measure("maaling-1-3", "Måling 1.3 – Personer omfattet af forsøget", charts=(
        _chart("graf-1-3", "Personer omfattet sidste uge i måneden – per måned", line, table),
        _chart("graf-1-3-andel", "Personer omfattet per a-kasse – andel – "
               f"{Month.parse(m).danish_name}", share_spec, per_akasse),
    ))


def _measure_2_1(ctx: _Context) -> Measure:
    buckets = CONVERSATION_BUCKETS
    shares = [charts.Datum(CATEGORY_LABELS[b], "",
                           ctx.value("samtaler_fordeling_andel", "", b),
                           ctx.cell("samtaler_fordeling_andel", "", b).text) for b in buckets]
    distribution = TableView(
        f"Personer m. fuld forsøgsperiode fordelt på antal unikke samtaler – "
        f"{ctx.period_text}",
        ("Unikke samtaler", "Personer", "Andel"),
        tuple((_text(CATEGORY_LABELS[b], header=True), ctx.cell("samtaler_fordeling", "", b),
               ctx.cell("samtaler_fordeling_andel", "", b)) for b in buckets))
    mean_line = charts.monthly_lines(
        ctx.series("gns_samtaler"), ctx.months, (), "Samtaler",
        "Linjediagram: gennemsnitligt antal unikke samtaler per deltager per måned.",
        y_format=",.1f")
    mean_table = _monthly_table(
        ctx, "Gns. antal unikke samtaler per deltager – personer m. fuld forsøgsperiode",
        [("Personer m. fuld forsøgsperiode", "afsluttede_forloeb", FULL_PERIOD),
         ("Gns. antal unikke samtaler", "gns_samtaler", "")])
    return Measure(
        "maaling-2-1", "Måling 2.1 – Samtaler per deltager",
        figures=(FigureGroup("Gennemsnit for perioden", ctx.period_text, (
            Figure("Gns. antal unikke samtaler per forløb", ctx.cell("gns_samtaler_periode")),
        )),),
        charts=(
            _chart("graf-2-1", "Personer m. fuld forsøgsperiode fordelt på antal unikke "
                   "samtaler", charts.share_bars(
                       shares, "Liggende søjler: andel personer med 0, 1, 2 og 3+ unikke "
                       "samtaler.", codes=buckets), distribution),
            _chart("graf-2-1-gns", "Gns. antal unikke samtaler per deltager – per måned",
                   mean_line, mean_table,
                   "Måneden er den måned, hvor forsøgsperioden blev afsluttet."),
        ))


def _measure_2_2(ctx: _Context) -> Measure:
    focus = ctx.served.config.focus
    target_text = format_percent_value(focus.target_share, 0)
    mean = ctx.cell("fokus_gennemsnit")
    excluded = {str(m) for m in ctx.excluded}
    spec = charts.focus_chart(
        ctx.series("fokus_andel"), ctx.months, sorted(excluded), focus.target_share,
        f"Mål {target_text}", ctx.value("fokus_gennemsnit"), f"Gennemsnit {mean.text}",
        "Linjediagram: månedlig andel, målet og periodens gennemsnit; udgåede måneder er "
        "skraverede.")
    rows = tuple(
        (_text(m, header=True), ctx.cell("fokus_ja", m), ctx.cell("fokus_nej", m),
         ctx.cell("afsluttede_forloeb", m, FULL_PERIOD), ctx.cell("fokus_andel", m),
         _text("Udgået" if m in excluded else "Indgår"))
        for m in ctx.newest_first
    )
    table = TableView(
        f"Personer m. fuld forsøgsperiode med minimum {focus.min_job_conversations} "
        "individuelle jobsamtaler (Ja/Nej) – per måned",
        ("Måned", "Ja", "Nej", "I alt", "Andel Ja", "Fokusmål"), rows)
    info = [
        f"Minimum {target_text} af de personer, som har modtaget den fulde tre måneders "
        "forsøgsperiode i a-kassen, skal have deltaget i minimum "
        f"{focus.min_job_conversations} individuelle jobsamtaler.",
        "Fokusmålet opgøres som et gennemsnit af de enkelte måneders andele. En person "
        "tæller med i den måned, hvor forsøgsperioden blev afsluttet.",
    ]
    if ctx.excluded:
        info.append(f"{months_text(ctx.excluded).capitalize()} indgår ikke i gennemsnittet "
                    "(suspension af dagpengeperioden).")
    return Measure(
        "maaling-2-2", "Måling 2.2 – Fokusmål for kontaktforløbet",
        figures=(FigureGroup("Resultat", f"Gennemsnit for perioden: "
                             f"{months_text(ctx.included)}", (
                                 Figure("Gennemsnit af månedernes andele", mean),
                                 Figure(f"Fokusmålet på {target_text}",
                                        ctx.cell("fokus_opfyldt")),
                             )),),
        charts=(_chart("graf-2-2", "Andel med minimum "
                       f"{focus.min_job_conversations} individuelle jobsamtaler – per måned",
                       spec, table,
                       "Udgåede måneder er gråtonede og indgår ikke i gennemsnittet."),),
        info=tuple(info))


def _measure_2_3(ctx: _Context) -> Measure:
    types = (*CONVERSATION_TYPES, UNIQUE)
    data = [d for c in types for d in ctx.series("samtaler", c, c)]
    lines = charts.monthly_lines(
        data, ctx.months, types, "Samtaler",
        "Linjediagram: samtaler per måned per samtaletype og i alt unikke samtaler.")
    table = _monthly_table(ctx, "Samtaler per måned fordelt på samtaletype",
                           [(CATEGORY_LABELS[c], "samtaler", c) for c in types])
    combined = _monthly_table(
        ctx, "Andel af jobsamtaler afholdt sammen med en CV- eller rådighedssamtale",
        [(COMBINED_HEADERS[c], "kombineret_andel", c) for c in JOB_TYPES])
    return Measure(
        "maaling-2-3", "Måling 2.3 – Samtaler i forsøget",
        charts=(_chart("graf-2-3", "Samtaler fordelt på samtaletype – per måned", lines,
                       table, "En samtale kan dække flere samtaletyper; derfor er »I alt "
                       "unikke« ikke summen af typerne."),),
        tables=(combined,))


def _measure_3_1(ctx: _Context) -> Measure:
    categories = tuple(OFFER_CATEGORIES)
    data = [d for c in categories for d in ctx.series("tilbud_personer", c, c)]
    stacked = charts.monthly_stacked(
        data, ctx.months, categories, "Personer",
        "Stablet søjlediagram: personer, som påbegyndte et tilbud, per kategori.")
    table = _monthly_table(
        ctx, "Personer, som påbegyndte et tilbud, fordelt på kategorier – per måned",
        [(OFFER_CATEGORIES[c], "tilbud_personer", c) for c in categories]
        + [("I alt", "tilbud_personer", TOTAL)])
    shares = [charts.Datum(OFFER_CATEGORIES[c], "", ctx.value("tilbud_fordeling", "", c),
                           ctx.cell("tilbud_fordeling", "", c).text) for c in categories]
    share_table = TableView(
        f"Tilbud fordelt på kategorier – {ctx.period_text}", ("Tilbudskategori", "Andel"),
        tuple((_text(OFFER_CATEGORIES[c], header=True), ctx.cell("tilbud_fordeling", "", c))
              for c in categories))
    return Measure(
        "maaling-3-1", "Måling 3.1 – Tilbud og indsatser",
        charts=(
            _chart("graf-3-1", "Personer, som påbegyndte et tilbud – per måned", stacked,
                   table, "En person kan tælle i flere kategorier. Diskretionerede tal (*) er "
                   "udeladt af figuren; se tabellen."),
            _chart("graf-3-1-andel", f"Tilbud fordelt på kategorier – {ctx.period_text}",
                   charts.share_bars(shares, "Liggende søjler: andel af periodens "
                                     "påbegyndte tilbud per kategori.", codes=categories),
                   share_table),
        ))


def _bilag_1(ctx: _Context) -> Measure:
    akasser = (*ctx.served.config.akasser, ALLE)
    rows = tuple(
        (_text(akasse_label(a, ALLE), header=True),
         *(ctx.cell(measure, "", c, akasse=a)
           for measure in ("bilag_fokus_1a", "bilag_fokus_1b") for c in ("JA", "NEJ", TOTAL)))
        for a in akasser
    )
    table = TableView(
        "Fokusmål (Ja/Nej) for perioden per a-kasse – 1a: "
        f"{months_text(ctx.included)}; 1b: {ctx.period_text}",
        ("A-kasse", "1a Ja", "1a Nej", "1a I alt", "1b Ja", "1b Nej", "1b I alt"), rows)
    return Measure("bilag-1", "Bilag 1 – Fokusmål for kontaktforløbet per a-kasse",
                   tables=(table,))


# --- the overview -----------------------------------------------------------------------


def overview_page(served: ServedRelease) -> OverviewPage:
    """All a-kasser side by side for the release's month, and the whole trial."""
    config = served.config
    cards = tuple(_card(_Context(served, a)) for a in config.akasser)
    whole = _card(_Context(served, ALLE))
    ctx = _Context(served, ALLE)
    return OverviewPage(
        served.key, served.month.danish_name, ctx.period_text, months_text(ctx.included),
        format_percent_value(config.focus.target_share, 0), cards, whole,
    )


def _card(ctx: _Context) -> OverviewCard:
    m = ctx.served.key
    mean = ctx.cell("fokus_gennemsnit")
    flag = ctx.value("fokus_opfyldt")
    met = None if mean.suppressed or flag is None else flag == 1
    target = format_percent_value(ctx.served.config.focus.target_share, 0)
    if met is None:
        focus_text = "Fokusmål: diskretioneret"  # the value beside it is the *
    else:
        focus_text = f"Fokusmål {target}: {'opfyldt' if met else 'ikke opfyldt'}"
    figures = []
    for label, measure, category in (
        ("Personer omfattet", "personer_omfattet", ""),
        ("Påbegyndte forløb", "paabegyndte_forloeb", ""),
        ("Afsluttede forløb", "afsluttede_forloeb", TOTAL),
        ("Unikke samtaler per deltager", "gns_samtaler", ""),
    ):
        values = [ctx.value(measure, month, category) for month in ctx.months]
        cell = ctx.cell(measure, m, category)
        spark_label = (f"Udvikling {month_span_text(Month.parse(ctx.months[0]), ctx.served.month)}"
                       f", {ctx.months[-1]}: {cell.text}")
        figures.append(OverviewFigure(label, cell, charts.sparkline(values, spark_label)))
    href = f"/akasse/{report_stem(ctx.akasse)}?month={m}"
    return OverviewCard(ctx.akasse, akasse_label(ctx.akasse, ALLE), href, mean, met,
                        focus_text, tuple(figures))


# --- the data-quality page --------------------------------------------------------------


@dataclass(frozen=True)
class QualityPage:
    month: str
    month_name: str
    reconciliation: TableView | None
    quarantined: TableView | None
    warnings: TableView | None
    manifest: tuple[tuple[str, str], ...]  # (key path, value) in the manifest's order


MANIFEST_LABELS = {
    "format": "Format",
    "month": "Måned",
    "created": "Dannet",
    "inputs": "Inddata",
    "config": "Konfiguration",
    "method": "Metode",
    "verdict": "Resultat af kontrollen",
    "audit": "Revision (angreb på de offentliggjorte tal)",
    "versions": "Versioner",
    "files": "Filer",
}


def quality_page(served: ServedRelease) -> QualityPage:
    quality = served.release.quality

    def count(n: int) -> CellView:
        return CellView(f"{n:,}".replace(",", "."), numeric=True)

    reconciliation = TableView(
        "Afstemning per register: rækker læst = rækker brugt + rækker i karantæne",
        ("Register", "Fil", "Læst", "Brugt", "I karantæne", "Afstemt"),
        tuple((_text(r.register, header=True), _text(PurePath(r.source).name), count(r.read),
               count(r.used), count(r.quarantined), _text("Ja" if r.balanced else "Nej"))
              for r in quality.reconciliation),
    ) if quality.reconciliation else None
    quarantined = TableView(
        "Rækker i karantæne fordelt på årsag", ("Register", "Årsag", "Rækker"),
        tuple((_text(q.register, header=True), _text(q.text_da), count(q.rows))
              for q in quality.quarantined),
    ) if quality.quarantined else None
    warnings = TableView(
        "Advarsler: rækker, der er brugt, men bør efterses", ("Register", "Advarsel", "Rækker"),
        tuple((_text(w.register, header=True), _text(w.text_da), count(w.rows))
              for w in quality.warnings),
    ) if quality.warnings else None
    return QualityPage(served.key, served.month.danish_name, reconciliation, quarantined,
                       warnings, tuple(_flatten(served.release.manifest)))


def manifest_label(key: str) -> str:
    head = key.split(".", 1)[0]
    return MANIFEST_LABELS.get(head, head) + (key[len(head):] if "." in key else "")


def _flatten(value: Any, prefix: str = "") -> list[tuple[str, str]]:
    if isinstance(value, dict):
        out: list[tuple[str, str]] = []
        for k, v in value.items():
            out.extend(_flatten(v, f"{prefix}.{k}" if prefix else str(k)))
        return out
    if isinstance(value, list) and all(not isinstance(v, dict | list) for v in value):
        return [(prefix, ", ".join(str(v) for v in value) or "–")]
    if isinstance(value, list):
        out = []
        for i, v in enumerate(value):
            out.extend(_flatten(v, f"{prefix}[{i + 1}]"))
        return out
    if value is None:
        return [(prefix, "–")]
    if isinstance(value, bool):
        return [(prefix, "ja" if value else "nej")]
    return [(prefix, str(value))]


__all__ = ["SUPPRESSED_MARK", "akasse_page", "overview_page", "quality_page"]
