"""The linear relations among the cells of a release, declared next to the measures.

Disclosure control (SPEC §5) must know every way an attacker can combine published
cells. The relations are generated, not listed per cell:

* from the catalogue's flags: ``additive`` (``ALLE`` = Σ a-kasser), ``total_category``
  (``I_ALT`` = Σ categories), and *union totals* (a count of distinct persons or
  meetings: ``UNIK`` over the conversation types, ``I_ALT`` of ``tilbud_personer``,
  ``ALLE`` of a non-additive count) which lie between the largest part and the sum;
* from the builder each catalogue record names (``relations``): the measure's own
  links to other tables (the focus cohorts, the bilag totals) and, for every share,
  mean and flag, what its numerator and denominator are. A new measure names its
  builder in the catalogue; an import-time check insists
  that every share, mean and flag has one.

Numerators that are no cell of the release (the conversations behind a mean, the
combined meetings behind ``kombineret_andel``, the offer starts behind
``tilbud_fordeling``) are *hidden* cells: measure ids starting with ``_``. They are
never published, but they carry relations, so the attacker may use them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Literal

from akassemonitor.catalogue import MEASURES, MeasureInfo, measure_info
from akassemonitor.codes import CONVERSATION_BUCKETS, FULL_PERIOD, TOTAL, UNIQUE
from akassemonitor.config import ALLE, Config

CellKey = tuple[str, str, str, str]  # measure, month, akasse, category
Terms = tuple[tuple[CellKey, float], ...]

HIDDEN_PREFIX = "_"
CONVERSATIONS_OF_COHORT = "_samtaler_sum"  # unique conversations of cohort m's full-period spells
COMBINED_MEETINGS = "_kombinerede"  # meetings of a job type that also had CV or RAADIGHED
OFFER_STARTS = "_tilbud_starter"  # offer starts (rows) of the period by category


@dataclass(frozen=True)
class Linear:
    """``Σ coef · cell = 0`` (``eq``) or ``≥ 0`` (``ge``)."""

    terms: Terms
    sense: Literal["eq", "ge"]
    why: str


@dataclass(frozen=True)
class Ratio:
    """A share or mean cell: ``value ≈ numerator / denominator`` within its rounding.

    An empty numerator means the value constrains nothing linear (only that the
    denominator is above the threshold, which its publication reveals).
    """

    cell: CellKey
    numerator: Terms
    denominator: Terms


@dataclass(frozen=True)
class MeanOfRatios:
    """``value`` = unweighted mean of ``num/den`` over the parts with ``den > 0``.

    Linear in the numerators once every denominator is published (fokus_gennemsnit).
    """

    cell: CellKey
    parts: tuple[tuple[CellKey, CellKey], ...]


@dataclass(frozen=True)
class Follows:
    """``cell`` is published exactly when ``leader`` is (fokus_opfyldt)."""

    cell: CellKey
    leader: CellKey


Relation = Linear | Ratio | MeanOfRatios | Follows


@dataclass(frozen=True)
class Period:
    """What the relations of one release depend on."""

    months: tuple[str, ...]  # trial_start..M as text
    akasser: tuple[str, ...]  # without ALLE
    excluded_months: frozenset[str]
    min_job_conversations: int

    @property
    def report_month(self) -> str:
        return self.months[-1]

    @property
    def included_months(self) -> tuple[str, ...]:
        return tuple(m for m in self.months if m not in self.excluded_months)

    @property
    def all_akasser(self) -> tuple[str, ...]:
        return (*self.akasser, ALLE)

    @classmethod
    def of(cls, config: Config, months: Sequence[str]) -> Period:
        return cls(
            months=tuple(months),
            akasser=config.akasser,
            excluded_months=frozenset(str(m) for m in config.focus.excluded_months),
            min_job_conversations=config.focus.min_job_conversations,
        )


def is_hidden(key: CellKey) -> bool:
    """A cell that no release publishes (a numerator behind a share or mean)."""
    return key[0].startswith(HIDDEN_PREFIX)


def union_total(info: MeasureInfo) -> str | None:
    """The category that counts distinct units over the others (not their sum), if any."""
    if UNIQUE in info.categories:
        return UNIQUE
    if TOTAL in info.categories and info.total_category is None:
        return TOTAL
    return None


# Measures without categories that are parts of a split, not totals: fokus_ja and
# fokus_nej split a cohort (afsluttede_forloeb FULD_PERIODE), and their ALLE cells may be
# complements like any part (else one small ALLE cohort count could never be protected).
SPLIT_MEASURES = frozenset({"fokus_ja", "fokus_nej"})


def grand_total_category(info: MeasureInfo) -> str | None:
    """The category of a count table's grand total (with akasse ``ALLE``)."""
    if info.kind != "count" or info.id in SPLIT_MEASURES:
        return None
    if not info.categories:
        return ""
    return info.total_category or union_total(info)


def _month_keys(info: MeasureInfo, period: Period) -> tuple[str, ...]:
    if info.month == "period":
        return period.months
    if info.month == "report":
        return (period.report_month,)
    return ("",)


def _catalogue_relations(info: MeasureInfo, period: Period) -> Iterator[Relation]:
    """ALLE over a-kasser and totals over categories, from the catalogue's flags."""
    if info.kind != "count":
        return
    categories = info.categories or ("",)
    parts_total = info.total_category or union_total(info)
    for month in _month_keys(info, period):
        for category in categories:
            alle = (info.id, month, ALLE, category)
            parts = [(info.id, month, a, category) for a in period.akasser]
            if info.additive:
                yield _sum_is(alle, parts, f"{info.id}: ALLE = Σ a-kasser")
            else:
                yield from _union_is(alle, parts, f"{info.id}: ALLE counts distinct units")
        if parts_total is None:
            continue
        for akasse in period.all_akasser:
            total = (info.id, month, akasse, parts_total)
            parts = [(info.id, month, akasse, c) for c in categories if c != parts_total]
            if parts_total == info.total_category:
                yield _sum_is(total, parts, f"{info.id}: {parts_total} = Σ categories")
            else:
                why = f"{info.id}: {parts_total} counts distinct units"
                yield from _union_is(total, parts, why)


def _sum_is(total: CellKey, parts: Sequence[CellKey], why: str) -> Linear:
    return Linear(((total, 1.0), *((p, -1.0) for p in parts)), "eq", why)


def _union_is(total: CellKey, parts: Sequence[CellKey], why: str) -> Iterator[Linear]:
    """A distinct count: at least each part, at most their sum."""
    yield Linear(((total, -1.0), *((p, 1.0) for p in parts)), "ge", why)
    for part in parts:
        yield Linear(((total, 1.0), (part, -1.0)), "ge", why)


def _cohort(month: str, akasse: str) -> CellKey:
    return ("afsluttede_forloeb", month, akasse, FULL_PERIOD)


def _terms(keys: Sequence[CellKey], coef: float = 1.0) -> Terms:
    return tuple((k, coef) for k in keys)


# Each measure's own relations: links to other tables, and what a share or mean is a
# ratio of. Keyed by measure id; one function each, given the period.


def _fokus_links(p: Period) -> Iterator[Relation]:
    for m in p.months:
        for a in p.all_akasser:
            yield Linear(
                (
                    (_cohort(m, a), 1.0),
                    (("fokus_ja", m, a, ""), -1.0),
                    (("fokus_nej", m, a, ""), -1.0),
                ),
                "eq",
                "fokus_ja + fokus_nej = the cohort (afsluttede_forloeb FULD_PERIODE)",
            )


def _samtaler_fordeling_links(p: Period) -> Iterator[Relation]:
    buckets = CONVERSATION_BUCKETS
    for a in p.all_akasser:
        spells = [("samtaler_fordeling", "", a, b) for b in buckets]
        cohorts = [_cohort(m, a) for m in p.months]
        yield Linear(
            (*_terms(spells), *_terms(cohorts, -1.0)),
            "eq",
            "Σ buckets = the period's full-period spells",
        )
        # Buckets by their least number of conversations: the conversations behind
        # gns_samtaler_periode are at least Σ bucket_min · spells.
        conversations = [(CONVERSATIONS_OF_COHORT, m, a, "") for m in p.months]
        yield Linear(
            (
                *_terms(conversations),
                *((k, -float(_bucket_min(k[3]))) for k in spells if _bucket_min(k[3])),
            ),
            "ge",
            "conversations of the period's full-period spells ≥ Σ bucket minimum",
        )
        # A spell meeting the focus goal has at least min_job_conversations meetings.
        able = [k for k in spells if _bucket_max(k[3]) >= p.min_job_conversations]
        yes = [("fokus_ja", m, a, "") for m in p.months]
        yield Linear(
            (*_terms(able), *_terms(yes, -1.0)),
            "ge",
            "spells meeting the focus goal lie in buckets with enough conversations",
        )


def _bucket_min(bucket: str) -> int:
    return int(bucket.rstrip("+"))


def _bucket_max(bucket: str) -> float:
    return float("inf") if bucket.endswith("+") else int(bucket)


def _bilag_links(measure: str, months_of: Callable[[Period], Sequence[str]]):
    def links(p: Period) -> Iterator[Relation]:
        months = months_of(p)
        for a in p.all_akasser:
            for category, monthly in (("JA", "fokus_ja"), ("NEJ", "fokus_nej")):
                yield Linear(
                    (
                        ((measure, "", a, category), 1.0),
                        *_terms([(monthly, m, a, "") for m in months], -1.0),
                    ),
                    "eq",
                    f"{measure} {category} = Σ months {monthly}",
                )
            if measure == "bilag_fokus_1b":
                yield Linear(
                    (
                        ((measure, "", a, TOTAL), 1.0),
                        *_terms([("samtaler_fordeling", "", a, b) for b in CONVERSATION_BUCKETS],
                                -1.0),
                    ),
                    "eq",
                    "bilag 1b I_ALT = Σ samtaler_fordeling buckets",
                )

    return links


def _afslutningsaarsag_andel(p: Period) -> Iterator[Relation]:
    info = measure_info("afslutningsaarsag_andel")
    for a in p.all_akasser:
        ended = _terms([("afsluttede_forloeb", m, a, TOTAL) for m in p.months])
        for r in info.categories:
            yield Ratio(
                (info.id, "", a, r),
                _terms([("afsluttede_forloeb", m, a, r) for m in p.months]),
                ended,
            )


def _personer_omfattet_andel(p: Period) -> Iterator[Relation]:
    m = p.report_month
    for a in p.all_akasser:
        yield Ratio(
            ("personer_omfattet_andel", m, a, ""),
            _terms([("personer_omfattet", m, a, "")]),
            _terms([("personer_omfattet", m, ALLE, "")]),
        )


def _kombineret_andel(p: Period) -> Iterator[Relation]:
    for m in p.months:
        for t in measure_info("kombineret_andel").categories:
            alle = (COMBINED_MEETINGS, m, ALLE, t)
            yield _sum_is(alle, [(COMBINED_MEETINGS, m, a, t) for a in p.akasser],
                          "combined meetings: ALLE = Σ a-kasser")
            for a in p.all_akasser:
                combined = (COMBINED_MEETINGS, m, a, t)
                of_type = ("samtaler", m, a, t)
                yield Ratio(("kombineret_andel", m, a, t), _terms([combined]), _terms([of_type]))
                yield Linear(((of_type, 1.0), (combined, -1.0)), "ge",
                             "combined meetings ≤ meetings of the type")
                yield Linear(
                    (
                        (("samtaler", m, a, "CV"), 1.0),
                        (("samtaler", m, a, "RAADIGHED"), 1.0),
                        (combined, -1.0),
                    ),
                    "ge",
                    "combined meetings ≤ CV + RAADIGHED meetings",
                )


def _samtaler_fordeling_andel(p: Period) -> Iterator[Relation]:
    for a in p.all_akasser:
        spells = [("samtaler_fordeling", "", a, b) for b in CONVERSATION_BUCKETS]
        for key in spells:
            yield Ratio(("samtaler_fordeling_andel", "", a, key[3]), _terms([key]),
                        _terms(spells))


def _gns_samtaler(p: Period) -> Iterator[Relation]:
    for m in p.months:
        yield _sum_is((CONVERSATIONS_OF_COHORT, m, ALLE, ""),
                      [(CONVERSATIONS_OF_COHORT, m, a, "") for a in p.akasser],
                      "conversations of a cohort: ALLE = Σ a-kasser")
        for a in p.all_akasser:
            conversations = (CONVERSATIONS_OF_COHORT, m, a, "")
            yield Ratio(("gns_samtaler", m, a, ""), _terms([conversations]),
                        _terms([_cohort(m, a)]))
            yield Linear(
                ((conversations, 1.0), (("fokus_ja", m, a, ""), -float(p.min_job_conversations))),
                "ge",
                "a spell meeting the focus goal had at least that many conversations",
            )


def _gns_samtaler_periode(p: Period) -> Iterator[Relation]:
    for a in p.all_akasser:
        yield Ratio(
            ("gns_samtaler_periode", "", a, ""),
            _terms([(CONVERSATIONS_OF_COHORT, m, a, "") for m in p.months]),
            _terms([_cohort(m, a) for m in p.months]),
        )


def _fokus_andel(p: Period) -> Iterator[Relation]:
    for m in p.months:
        for a in p.all_akasser:
            yield Ratio(("fokus_andel", m, a, ""), _terms([("fokus_ja", m, a, "")]),
                        _terms([_cohort(m, a)]))


def _fokus_gennemsnit(p: Period) -> Iterator[Relation]:
    for a in p.all_akasser:
        parts = tuple((("fokus_ja", m, a, ""), _cohort(m, a)) for m in p.included_months)
        yield MeanOfRatios(("fokus_gennemsnit", "", a, ""), parts)
        # Its publication also reveals that its denominator is above the threshold.
        yield Ratio(("fokus_gennemsnit", "", a, ""), (), _terms([k for _, k in parts]))


def _fokus_opfyldt(p: Period) -> Iterator[Relation]:
    for a in p.all_akasser:
        yield Follows(("fokus_opfyldt", "", a, ""), ("fokus_gennemsnit", "", a, ""))


def _tilbud_fordeling(p: Period) -> Iterator[Relation]:
    categories = measure_info("tilbud_fordeling").categories
    for c in categories:
        yield _sum_is((OFFER_STARTS, "", ALLE, c), [(OFFER_STARTS, "", a, c) for a in p.akasser],
                      "offer starts: ALLE = Σ a-kasser")
    for a in p.all_akasser:
        starts = [(OFFER_STARTS, "", a, c) for c in categories]
        for key in starts:
            c = key[3]
            yield Ratio(("tilbud_fordeling", "", a, c), _terms([key]), _terms(starts))
            # Each person starting an offer in a month started at least one.
            yield Linear(
                ((key, 1.0), *_terms([("tilbud_personer", m, a, c) for m in p.months], -1.0)),
                "ge",
                "offer starts ≥ Σ months persons starting one",
            )


# Each builder by the name the catalogue's records use (``MeasureInfo.relations``).
_BUILDERS: dict[str, Callable[[Period], Iterator[Relation]]] = {
    "fokus_links": _fokus_links,
    "samtaler_fordeling": _samtaler_fordeling_links,
    "bilag_1a_links": _bilag_links("bilag_fokus_1a", lambda p: p.included_months),
    "bilag_1b_links": _bilag_links("bilag_fokus_1b", lambda p: p.months),
    "afslutningsaarsag_andel": _afslutningsaarsag_andel,
    "personer_omfattet_andel": _personer_omfattet_andel,
    "kombineret_andel": _kombineret_andel,
    "samtaler_fordeling_andel": _samtaler_fordeling_andel,
    "gns_samtaler": _gns_samtaler,
    "gns_samtaler_periode": _gns_samtaler_periode,
    "fokus_andel": _fokus_andel,
    "fokus_gennemsnit": _fokus_gennemsnit,
    "fokus_opfyldt": _fokus_opfyldt,
    "tilbud_fordeling": _tilbud_fordeling,
}
_UNKNOWN = [m.id for m in MEASURES if m.relations is not None and m.relations not in _BUILDERS]
assert not _UNKNOWN, f"measures naming no relation builder: {_UNKNOWN}"
_UNDECLARED = [m.id for m in MEASURES if m.kind != "count" and m.relations is None]
assert not _UNDECLARED, f"shares, means and flags must declare their relations: {_UNDECLARED}"


def release_relations(period: Period, measures: Sequence[str] | None = None) -> list[Relation]:
    """Every relation among the cells of a release over ``period``.

    ``measures`` limits the generation to those measure ids (default: the catalogue);
    relations may still name cells of other measures, which the caller treats as
    unknown when they are not in the release.
    """
    chosen = set(measures) if measures is not None else {m.id for m in MEASURES}
    relations: list[Relation] = []
    for info in MEASURES:
        if info.id not in chosen:
            continue
        relations.extend(_catalogue_relations(info, period))
        if info.relations is not None:
            relations.extend(_BUILDERS[info.relations](period))
    return relations


def relation_keys(rel: Relation) -> list[CellKey]:
    """Every cell a relation names."""
    if isinstance(rel, Linear):
        return [k for k, _ in rel.terms]
    if isinstance(rel, Ratio):
        return [rel.cell, *(k for k, _ in rel.numerator), *(k for k, _ in rel.denominator)]
    if isinstance(rel, MeanOfRatios):
        return [rel.cell, *(k for part in rel.parts for k in part)]
    return [rel.cell, rel.leader]


def map_keys(rel: Relation, f: Callable[[CellKey], CellKey]) -> Relation:
    """The same relation over renamed cells."""
    def terms(ts: Terms) -> Terms:
        return tuple((f(k), c) for k, c in ts)

    if isinstance(rel, Linear):
        return Linear(terms(rel.terms), rel.sense, rel.why)
    if isinstance(rel, Ratio):
        return Ratio(f(rel.cell), terms(rel.numerator), terms(rel.denominator))
    if isinstance(rel, MeanOfRatios):
        return MeanOfRatios(f(rel.cell), tuple((f(n), f(d)) for n, d in rel.parts))
    return Follows(f(rel.cell), f(rel.leader))
