"""Exact cells built by hand: tiny tables for the tests, and a full random release
(every catalogue measure, every key) whose values satisfy every declared relation."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

import numpy as np
import pandas as pd

from akassemonitor.cells import ExactCells, PublishedCells
from akassemonitor.codes import CONVERSATION_BUCKETS, END_REASONS, OFFER_CATEGORIES
from akassemonitor.config import ALLE, Config
from akassemonitor.months import Month, month_range

NAN = float("nan")


def cells(rows: Iterable[tuple]) -> ExactCells:
    """(measure, month, akasse, category, value[, denominator]) rows → ExactCells."""
    out = []
    for row in rows:
        measure, month, akasse, category, value, *rest = row
        den = rest[0] if rest else NAN
        out.append((measure, month, akasse, category, float(value), float(den)))
    frame = pd.DataFrame(
        out, columns=["measure", "month", "akasse", "category", "value", "denominator"]
    )
    return ExactCells(frame)


def published(rows: Iterable[tuple]) -> PublishedCells:
    """(measure, month, akasse, category, value or None for '*') rows → PublishedCells."""
    frame = pd.DataFrame(
        [(m, mo, a, c, float("nan") if v is None else float(v), v is None)
         for m, mo, a, c, v in rows],
        columns=["measure", "month", "akasse", "category", "value", "suppressed"],
    )
    return PublishedCells(frame)


def interval_of(report, measure: str, month: str, akasse: str, category: str = "") -> tuple:
    """The audit's interval (lo, hi) of one hidden cell of ``report``."""
    for c in report.intervals:
        if (c.measure, c.month, c.akasse, c.category) == (measure, month, akasse, category):
            return (c.lo, c.hi)
    raise KeyError((measure, month, akasse, category))


def small_config(akasser: tuple[str, ...], **disclosure) -> Config:
    """Three or so a-kasser; disclosure settings as given, else the defaults."""
    config = replace(Config(), akasser=akasser)
    return replace(config, disclosure=replace(config.disclosure, **disclosure))


def full_release(config: Config, last: Month, seed: int, scale: float = 1.0) -> ExactCells:
    """A plausible trial-scale release: a-kasser of very different size, many small cells."""
    rng = np.random.default_rng(seed)
    months = [str(m) for m in month_range(config.trial_start, last)]
    excluded = {str(m) for m in config.focus.excluded_months}
    akasser = list(config.akasser)
    size = {a: scale * s for a, s in zip(akasser, rng.choice([0.3, 2, 6, 15, 40], len(akasser)),
                                         strict=True)}
    rows: list[tuple] = []
    reasons = list(END_REASONS)
    offers = list(OFFER_CATEGORIES)
    keep: dict[tuple, float] = {}

    def put(measure, month, akasse, category, value, den=NAN):
        rows.append((measure, month, akasse, category, float(value), float(den)))
        keep[(measure, month, akasse, category)] = float(value)

    ja, fp, conv = {}, {}, {}
    for m in months:
        for a in akasser:
            s = size[a]
            put("paabegyndte_forloeb", m, a, "", rng.poisson(s * 3))
            ended = rng.multinomial(rng.poisson(s * 3), [0.5, 0.3, 0.08, 0.05, 0.05, 0.02])
            for r, n in zip(reasons, ended, strict=True):
                put("afsluttede_forloeb", m, a, r, n)
            put("afsluttede_forloeb", m, a, "I_ALT", ended.sum())
            fp[m, a] = int(ended[0])
            ja[m, a] = int(rng.binomial(fp[m, a], 0.88))
            put("fokus_ja", m, a, "", ja[m, a])
            put("fokus_nej", m, a, "", fp[m, a] - ja[m, a])
            conv[m, a] = 3 * fp[m, a] + int(rng.poisson(s))
            put("personer_omfattet", m, a, "", rng.poisson(s * 10))
            unique = rng.poisson(s * 6)
            types = {t: rng.binomial(unique, q) for t, q in
                     (("CV", 0.3), ("JOB", 0.6), ("FAELLES_JOB", 0.2), ("RAADIGHED", 0.25))}
            for t, n in types.items():
                put("samtaler", m, a, t, n)
            total = sum(types.values())
            put("samtaler", m, a, "UNIK", min(max(unique, max(types.values())), total))
            tp = {c: rng.poisson(s * q) for c, q in zip(offers, (0.02, 0.3, 0.2, 0.5, 0.01),
                                                         strict=True)}
            for c, n in tp.items():
                put("tilbud_personer", m, a, c, n)
            put("tilbud_personer", m, a, "I_ALT", sum(tp.values()))
        _alle(put, keep, m, akasser)
    _period_cells(put, keep, rng, config, months, excluded, akasser, ja, fp, conv)
    return ExactCells(pd.DataFrame(
        rows, columns=["measure", "month", "akasse", "category", "value", "denominator"]
    ))


def _alle(put, keep, m, akasser) -> None:
    for measure, cats in (
        ("paabegyndte_forloeb", [""]), ("afsluttede_forloeb", [*END_REASONS, "I_ALT"]),
        ("fokus_ja", [""]), ("fokus_nej", [""]), ("personer_omfattet", [""]),
        ("samtaler", ["CV", "JOB", "FAELLES_JOB", "RAADIGHED", "UNIK"]),
        ("tilbud_personer", [*OFFER_CATEGORIES, "I_ALT"]),
    ):
        for c in cats:
            put(measure, m, ALLE, c, sum(keep[(measure, m, a, c)] for a in akasser))


def _period_cells(put, keep, rng, config, months, excluded, akasser, ja, fp, conv) -> None:
    everyone = [*akasser, ALLE]
    for a in akasser:
        for m in months:
            ja[m, ALLE] = ja.get((m, ALLE), 0) + ja[m, a]
            fp[m, ALLE] = fp.get((m, ALLE), 0) + fp[m, a]
            conv[m, ALLE] = conv.get((m, ALLE), 0) + conv[m, a]
    buckets: dict[tuple[str, str], int] = {}
    starts: dict[tuple[str, str], int] = {}
    combined: dict[tuple[str, str, str], int] = {}
    for a in akasser:
        yes = sum(ja[m, a] for m in months)
        no = sum(fp[m, a] for m in months) - yes
        split_no = rng.multinomial(no, [0.3, 0.3, 0.2, 0.2])
        high = rng.binomial(yes, 0.7)
        counts = split_no + np.array([0, 0, yes - high, high])
        for b, n in zip(CONVERSATION_BUCKETS, counts, strict=True):
            buckets[a, b] = int(n)
        for c in OFFER_CATEGORIES:
            starts[a, c] = int(sum(keep[("tilbud_personer", m, a, c)] for m in months)
                               + rng.poisson(1))
        for m in months:
            for t in ("JOB", "FAELLES_JOB"):
                room = min(keep[("samtaler", m, a, t)],
                           keep[("samtaler", m, a, "CV")] + keep[("samtaler", m, a, "RAADIGHED")])
                combined[m, a, t] = int(rng.binomial(int(room), 0.8))
    for b in CONVERSATION_BUCKETS:
        buckets[ALLE, b] = sum(buckets[a, b] for a in akasser)
    for c in OFFER_CATEGORIES:
        starts[ALLE, c] = sum(starts[a, c] for a in akasser)
    for m in months:
        for t in ("JOB", "FAELLES_JOB"):
            combined[m, ALLE, t] = sum(combined[m, a, t] for a in akasser)
    report = months[-1]
    included = [m for m in months if m not in excluded]
    for a in everyone:
        ended = sum(keep[("afsluttede_forloeb", m, a, "I_ALT")] for m in months)
        for r in END_REASONS:
            part = sum(keep[("afsluttede_forloeb", m, a, r)] for m in months)
            put("afslutningsaarsag_andel", "", a, r, _ratio(part, ended), ended)
        alle_persons = keep[("personer_omfattet", report, ALLE, "")]
        put("personer_omfattet_andel", report, a, "",
            _ratio(keep[("personer_omfattet", report, a, "")], alle_persons), alle_persons)
        for m in months:
            for t in ("JOB", "FAELLES_JOB"):
                d = keep[("samtaler", m, a, t)]
                put("kombineret_andel", m, a, t, _ratio(combined[m, a, t], d), d)
            put("gns_samtaler", m, a, "", _ratio(conv[m, a], fp[m, a]), fp[m, a])
            put("fokus_andel", m, a, "", _ratio(ja[m, a], fp[m, a]), fp[m, a])
        total_fp = sum(buckets[a, b] for b in CONVERSATION_BUCKETS)
        for b in CONVERSATION_BUCKETS:
            put("samtaler_fordeling", "", a, b, buckets[a, b])
            put("samtaler_fordeling_andel", "", a, b, _ratio(buckets[a, b], total_fp), total_fp)
        put("gns_samtaler_periode", "", a, "",
            _ratio(sum(conv[m, a] for m in months), total_fp), total_fp)
        shares = [ja[m, a] / fp[m, a] for m in included if fp[m, a] > 0]
        mean = float(np.mean(shares)) if shares else NAN
        den = sum(fp[m, a] for m in included)
        put("fokus_gennemsnit", "", a, "", mean, den)
        put("fokus_opfyldt", "", a, "", NAN if not shares else float(
            round(mean, 9) >= config.focus.target_share), den)
        all_starts = sum(starts[a, c] for c in OFFER_CATEGORIES)
        for c in OFFER_CATEGORIES:
            put("tilbud_fordeling", "", a, c, _ratio(starts[a, c], all_starts), all_starts)
        for measure, chosen in (("bilag_fokus_1a", included), ("bilag_fokus_1b", months)):
            y = sum(ja[m, a] for m in chosen)
            n = sum(fp[m, a] for m in chosen) - y
            put(measure, "", a, "JA", y)
            put(measure, "", a, "NEJ", n)
            put(measure, "", a, "I_ALT", y + n)


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else NAN
