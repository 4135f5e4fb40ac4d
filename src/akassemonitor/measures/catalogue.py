"""The catalogue of measures (SPEC §3): what each measure is, its keys and its kind.

This module holds the *description* of every measure; the expressions that compute
them live in the theme modules (``visitation``, ``contact``, ``offers``) and are
registered here by id. Everything downstream (output, discretion, reports) reads the
keys and kinds from :data:`MEASURES`, so a new measure is declared once, here.
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


@dataclass(frozen=True)
class MeasureInfo:
    """One measure's identity and keys.

    ``month``: ``"period"`` = one cell per month ``trial_start..M``; ``"report"`` = the
    month column holds ``M``; ``"none"`` = empty month.
    ``additive``: the ``ALLE`` cell equals the sum of the a-kasser's cells (and, with
    ``total_category``, that category is the sum of the others). Non-additive counts
    (distinct persons or meetings over categories) declare it here so discretion does
    not assume a relation that does not hold.
    """

    id: str
    kind: Kind
    month: MonthKey
    categories: tuple[str, ...]
    additive: bool
    total_category: str | None
    label: str  # Danish, for tables and reports
    section: str  # the reference report's measure number
    in_spec: bool = True  # False: supplementary cells the report needs (bilag totals)

    @property
    def decimals(self) -> int | None:
        """Decimals in ``published.csv``: counts and flags are integers."""
        if self.kind in ("count", "flag"):
            return None
        return 2 if self.id.startswith("gns_") else 3

    @property
    def has_category(self) -> bool:
        return bool(self.categories)


_REASONS = tuple(END_REASONS)
_OFFERS = tuple(OFFER_CATEGORIES)
_CONV = (*CONVERSATION_TYPES, UNIQUE)
BILAG_CATEGORIES = ("JA", "NEJ", TOTAL)

MEASURES: tuple[MeasureInfo, ...] = (
    MeasureInfo("paabegyndte_forloeb", "count", "period", (), True, None,
                "Påbegyndte forløb", "1.1"),
    MeasureInfo("afsluttede_forloeb", "count", "period", (*_REASONS, TOTAL), True, TOTAL,
                "Afsluttede forløb", "1.2"),
    MeasureInfo("afslutningsaarsag_andel", "share", "none", _REASONS, False, None,
                "Afsluttede forløb fordelt på afslutningsårsager", "1.2"),
    MeasureInfo("personer_omfattet", "count", "period", (), True, None,
                "Personer omfattet af forsøget sidste uge i måneden", "1.3"),
    MeasureInfo("personer_omfattet_andel", "share", "report", (), False, None,
                "Andel af personer omfattet af forsøget", "1.3"),
    MeasureInfo("samtaler", "count", "period", _CONV, True, None,
                "Afholdte samtaler", "2.3"),
    MeasureInfo("kombineret_andel", "share", "period", JOB_TYPES, False, None,
                "Andel jobsamtaler afholdt sammen med CV- eller rådighedssamtale", "2.3"),
    MeasureInfo("samtaler_fordeling", "count", "none", CONVERSATION_BUCKETS, True, None,
                "Personer m. fuld forsøgsperiode fordelt på antal unikke samtaler", "2.1"),
    MeasureInfo("samtaler_fordeling_andel", "share", "none", CONVERSATION_BUCKETS, False, None,
                "Andel personer m. fuld forsøgsperiode fordelt på antal unikke samtaler", "2.1"),
    MeasureInfo("gns_samtaler", "mean", "period", (), False, None,
                "Gns. antal unikke samtaler per deltager m. fuld forsøgsperiode", "2.1"),
    MeasureInfo("gns_samtaler_periode", "mean", "none", (), False, None,
                "Gns. antal unikke samtaler per deltager m. fuld forsøgsperiode, perioden", "2.1"),
    MeasureInfo("fokus_ja", "count", "period", (), True, None,
                "Fokusmål opfyldt (Ja)", "2.2"),
    MeasureInfo("fokus_nej", "count", "period", (), True, None,
                "Fokusmål ikke opfyldt (Nej)", "2.2"),
    MeasureInfo("fokus_andel", "share", "period", (), False, None,
                "Andel m. mindst 2 individuelle jobsamtaler", "2.2"),
    MeasureInfo("fokus_gennemsnit", "mean", "none", (), False, None,
                "Fokusmål, gennemsnit for perioden", "2.2"),
    MeasureInfo("fokus_opfyldt", "flag", "none", (), False, None,
                "Fokusmål opfyldt", "2.2"),
    # Distinct persons: a person may start offers of several categories, or (rarely)
    # in two a-kasser in one month, so neither I_ALT nor ALLE is a sum.
    MeasureInfo("tilbud_personer", "count", "period", (*_OFFERS, TOTAL), False, None,
                "Personer som påbegyndte et tilbud", "3.1"),
    MeasureInfo("tilbud_fordeling", "share", "none", _OFFERS, False, None,
                "Tilbud fordelt på kategorier", "3.1"),
    # Supplementary cells: the bilag's period totals of the focus goal (SPEC §3,
    # "Appendix"), 1a over the included months only, 1b over all months of the period.
    # Released and protected with the rest, written apart from the SPEC §4 files.
    MeasureInfo("bilag_fokus_1a", "count", "none", BILAG_CATEGORIES, True, TOTAL,
                "Bilag 1a: fokusmål, perioden uden udgåede måneder", "Bilag 1a", in_spec=False),
    MeasureInfo("bilag_fokus_1b", "count", "none", BILAG_CATEGORIES, True, TOTAL,
                "Bilag 1b: fokusmål, totalopgørelse", "Bilag 1b", in_spec=False),
)

MEASURE_BY_ID: dict[str, MeasureInfo] = {m.id: m for m in MEASURES}
SPEC_MEASURE_IDS: tuple[str, ...] = tuple(m.id for m in MEASURES if m.in_spec)


def measure_info(measure_id: str) -> MeasureInfo:
    try:
        return MEASURE_BY_ID[measure_id]
    except KeyError:
        raise KeyError(f"unknown measure {measure_id!r}") from None
