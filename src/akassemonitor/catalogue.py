"""The catalogue of measures (SPEC §3): one record per measure, depending on no stage.

Each :class:`MeasureInfo` says everything about one measure: its id and keys, its kind,
its decimals in ``published.csv`` and how a report shows it, its Danish label and
definition, the function that computes it and the builder of its declared relations.
The stages read it: :mod:`akassemonitor.measures` resolves ``compute`` in its theme
modules, :mod:`akassemonitor.measures.relations` resolves ``relations``, disclosure
control reads the keys and kinds, publishers the display, decimals and labels. A new
measure is one record here plus its function (and, for a share, mean or flag, its
relation builder); import-time checks in those modules insist that both exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from akassemonitor.codes import (
    CONVERSATION_BUCKETS,
    CONVERSATION_TYPES,
    END_REASONS,
    JOB_TYPES,
    OFFER_CATEGORIES,
    TOTAL,
    UNIQUE,
)

Kind = Literal["count", "share", "mean", "flag"]
MonthKey = Literal["period", "report", "none"]
Display = Literal["count", "percent", "decimal", "flag"]


@dataclass(frozen=True)
class MeasureInfo:
    """One measure.

    ``month``: ``"period"`` = one cell per month ``trial_start..M``; ``"report"`` = the
    month column holds ``M``; ``"none"`` = empty month.
    ``additive``: the ``ALLE`` cell equals the sum of the a-kasser's cells (and, with
    ``total_category``, that category is the sum of the others). Non-additive counts
    (distinct persons or meetings over categories) declare it here so discretion does
    not assume a relation that does not hold.
    ``decimals``: in ``published.csv`` (None: an integer). ``display``: how a report
    shows the value (a count ``3.850``, a percent ``85,3 %``, a decimal ``2,90`` or the
    flag's words). ``compute``: ``theme.function`` in :mod:`akassemonitor.measures`.
    ``relations``: the builder of its declared relations in
    :mod:`akassemonitor.measures.relations` (None: only those the flags above imply).
    """

    id: str
    kind: Kind
    month: MonthKey
    categories: tuple[str, ...]
    additive: bool
    total_category: str | None
    decimals: int | None
    display: Display
    label: str  # Danish, for tables and reports
    definition: str  # Danish, for the catalogue of the dashboard and API
    section: str  # the reference report's measure number
    compute: str
    relations: str | None = None
    in_spec: bool = True  # False: supplementary cells the report needs (bilag totals)

    @property
    def has_category(self) -> bool:
        return bool(self.categories)


_REASONS = tuple(END_REASONS)
_OFFERS = tuple(OFFER_CATEGORIES)
_CONV = (*CONVERSATION_TYPES, UNIQUE)
BILAG_CATEGORIES = ("JA", "NEJ", TOTAL)
_FULL = "forløb med fuld forsøgsperiode"

MEASURES: tuple[MeasureInfo, ...] = (
    MeasureInfo(
        "paabegyndte_forloeb", "count", "period", (), True, None, None, "count",
        "Påbegyndte forløb",
        "Forløb med startdato i måneden.",
        "1.1", "visitation.paabegyndte_forloeb",
    ),
    MeasureInfo(
        "afsluttede_forloeb", "count", "period", (*_REASONS, TOTAL), True, TOTAL, None,
        "count",
        "Afsluttede forløb",
        "Forløb med slutdato i måneden, fordelt på afslutningsårsag og i alt.",
        "1.2", "visitation.afsluttede_forloeb",
    ),
    MeasureInfo(
        "afslutningsaarsag_andel", "share", "none", _REASONS, False, None, 3, "percent",
        "Afsluttede forløb fordelt på afslutningsårsager",
        "Andel af periodens afsluttede forløb med hver afslutningsårsag.",
        "1.2", "visitation.afslutningsaarsag_andel", "afslutningsaarsag_andel",
    ),
    MeasureInfo(
        "personer_omfattet", "count", "period", (), True, None, None, "count",
        "Personer omfattet af forsøget sidste uge i måneden",
        "Personer med et aktivt forløb på mindst én af månedens sidste 7 dage; en person "
        "tælles i a-kassen for det senest startede af disse forløb.",
        "1.3", "visitation.personer_omfattet",
    ),
    MeasureInfo(
        "personer_omfattet_andel", "share", "report", (), False, None, 3, "percent",
        "Andel af personer omfattet af forsøget",
        "A-kassens andel af alle personer omfattet af forsøget i rapportmåneden.",
        "1.3", "visitation.personer_omfattet_andel", "personer_omfattet_andel",
    ),
    MeasureInfo(
        "samtaler", "count", "period", _CONV, True, None, None, "count",
        "Afholdte samtaler",
        "Samtaler afholdt i måneden efter samtaletype; UNIK er alle unikke samtaler.",
        "2.3", "contact.samtaler",
    ),
    MeasureInfo(
        "kombineret_andel", "share", "period", JOB_TYPES, False, None, 3, "percent",
        "Andel jobsamtaler afholdt sammen med CV- eller rådighedssamtale",
        "Af månedens samtaler af typen, andelen der også var en CV- eller "
        "rådighedssamtale.",
        "2.3", "contact.kombineret_andel", "kombineret_andel",
    ),
    MeasureInfo(
        "samtaler_fordeling", "count", "none", CONVERSATION_BUCKETS, True, None, None,
        "count",
        "Personer m. fuld forsøgsperiode fordelt på antal unikke samtaler",
        f"Periodens {_FULL} fordelt på antal unikke samtaler (0, 1, 2, 3+).",
        "2.1", "contact.samtaler_fordeling", "samtaler_fordeling",
    ),
    MeasureInfo(
        "samtaler_fordeling_andel", "share", "none", CONVERSATION_BUCKETS, False, None, 3,
        "percent",
        "Andel personer m. fuld forsøgsperiode fordelt på antal unikke samtaler",
        f"Periodens {_FULL} fordelt på antal unikke samtaler, som andele.",
        "2.1", "contact.samtaler_fordeling_andel", "samtaler_fordeling_andel",
    ),
    MeasureInfo(
        "gns_samtaler", "mean", "period", (), False, None, 2, "decimal",
        "Gns. antal unikke samtaler per deltager m. fuld forsøgsperiode",
        f"Gennemsnitligt antal unikke samtaler i {_FULL}, der sluttede i måneden.",
        "2.1", "contact.gns_samtaler", "gns_samtaler",
    ),
    MeasureInfo(
        "gns_samtaler_periode", "mean", "none", (), False, None, 2, "decimal",
        "Gns. antal unikke samtaler per deltager m. fuld forsøgsperiode, perioden",
        f"Gennemsnitligt antal unikke samtaler i periodens {_FULL}.",
        "2.1", "contact.gns_samtaler_periode", "gns_samtaler_periode",
    ),
    MeasureInfo(
        "fokus_ja", "count", "period", (), True, None, None, "count",
        "Fokusmål opfyldt (Ja)",
        f"{_FULL.capitalize()}, der sluttede i måneden, med mindst 2 individuelle "
        "jobsamtaler.",
        "2.2", "contact.fokus_ja",
    ),
    MeasureInfo(
        "fokus_nej", "count", "period", (), True, None, None, "count",
        "Fokusmål ikke opfyldt (Nej)",
        f"{_FULL.capitalize()}, der sluttede i måneden, med færre end 2 individuelle "
        "jobsamtaler.",
        "2.2", "contact.fokus_nej", "fokus_links",
    ),
    MeasureInfo(
        "fokus_andel", "share", "period", (), False, None, 3, "percent",
        "Andel m. mindst 2 individuelle jobsamtaler",
        f"Andel af månedens {_FULL} med mindst 2 individuelle jobsamtaler.",
        "2.2", "contact.fokus_andel", "fokus_andel",
    ),
    MeasureInfo(
        "fokus_gennemsnit", "mean", "none", (), False, None, 3, "percent",
        "Fokusmål, gennemsnit for perioden",
        "Uvægtet gennemsnit af de månedlige andele i periodens måneder med forløb, "
        "uden de udgåede måneder.",
        "2.2", "contact.fokus_gennemsnit", "fokus_gennemsnit",
    ),
    MeasureInfo(
        "fokus_opfyldt", "flag", "none", (), False, None, None, "flag",
        "Fokusmål opfyldt",
        "Opfyldt, når periodens gennemsnit er mindst målet (85 %).",
        "2.2", "contact.fokus_opfyldt", "fokus_opfyldt",
    ),
    # Distinct persons: a person may start offers of several categories, or (rarely)
    # in two a-kasser in one month, so neither I_ALT nor ALLE is a sum.
    MeasureInfo(
        "tilbud_personer", "count", "period", (*_OFFERS, TOTAL), False, None, None, "count",
        "Personer som påbegyndte et tilbud",
        "Personer, der påbegyndte et tilbud af kategorien i måneden; I_ALT: af enhver "
        "kategori.",
        "3.1", "offers.tilbud_personer",
    ),
    MeasureInfo(
        "tilbud_fordeling", "share", "none", _OFFERS, False, None, 3, "percent",
        "Tilbud fordelt på kategorier",
        "Andel af periodens påbegyndte tilbud i hver kategori.",
        "3.1", "offers.tilbud_fordeling", "tilbud_fordeling",
    ),
    # Supplementary cells: the bilag's period totals of the focus goal (SPEC §3,
    # "Appendix"), 1a over the included months only, 1b over all months of the period.
    # Released and protected with the rest, written apart from the SPEC §4 files.
    MeasureInfo(
        "bilag_fokus_1a", "count", "none", BILAG_CATEGORIES, True, TOTAL, None, "count",
        "Bilag 1a: fokusmål, perioden uden udgåede måneder",
        f"Periodens {_FULL} med og uden opfyldt fokusmål, uden de udgåede måneder.",
        "Bilag 1a", "contact.bilag_fokus_1a", "bilag_1a_links", in_spec=False,
    ),
    MeasureInfo(
        "bilag_fokus_1b", "count", "none", BILAG_CATEGORIES, True, TOTAL, None, "count",
        "Bilag 1b: fokusmål, totalopgørelse",
        f"Periodens {_FULL} med og uden opfyldt fokusmål, alle måneder.",
        "Bilag 1b", "contact.bilag_fokus_1b", "bilag_1b_links", in_spec=False,
    ),
)

MEASURE_BY_ID: dict[str, MeasureInfo] = {m.id: m for m in MEASURES}
SPEC_MEASURE_IDS: tuple[str, ...] = tuple(m.id for m in MEASURES if m.in_spec)


def measure_info(measure_id: str) -> MeasureInfo:
    try:
        return MEASURE_BY_ID[measure_id]
    except KeyError:
        raise KeyError(f"unknown measure {measure_id!r}") from None
