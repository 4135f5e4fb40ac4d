"""A realistic, deterministic set of published cells for the report tests.

Every key of every catalogued measure, for the configured a-kasser and ALLE, months
2020M09..2022M04, with magnitudes like the reference report (FTF-A: about 200 spells
started a month, 3.850 persons covered). Exact figures are simulated first, then
disclosure control is imitated (counts <= threshold and shares or means on a
denominator <= threshold become ``*``, plus a complementary ``*`` where one of Ja/Nej
alone would be suppressed), then values are rounded as for publication.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from akassemonitor.catalogue import MEASURE_BY_ID, MEASURES
from akassemonitor.cells import PublishedCells, round_half_away
from akassemonitor.codes import (
    CONVERSATION_BUCKETS,
    END_REASONS,
    FULL_PERIOD,
    OFFER_CATEGORIES,
    TOTAL,
    UNIQUE,
)
from akassemonitor.config import ALLE, Config
from akassemonitor.months import Month, month_range
from akassemonitor.quality import DataQuality, QuarantineCount, Reconciliation, Warning

REPORT_MONTH = Month(2022, 4)
SIZE = {
    "3F-A": 0.22, "BUPL-A": 0.03, "Dansk Metal": 0.08, "FOA-A": 0.12, "FTF-A": 0.20,
    "HK-A": 0.14, "MA-A": 0.13, "Min-A": 0.02, "SL-A": 0.06,
}
REASON_SHARES = {
    "FULD_PERIODE": 0.46, "BESKAEFTIGELSE": 0.34, "UDMELDT": 0.08, "SYGDOM": 0.05,
    "ANDEN_YDELSE": 0.04, "ANDET": 0.03,
}
OFFER_RATES = {  # offers started per person covered and month
    "LOENTILSKUD": 0.0003, "JOBRETTET_UDDANNELSE": 0.0008, "VIRKSOMHEDSPRAKTIK": 0.001,
    "VEJLEDNING_OPKVALIFICERING": 0.0018, "RAADIGHEDSAFPROEVNING": 0.0001,
}


class _Exact:
    """Exact simulated cells: {(measure, month, akasse, category): (value, denominator)}."""

    def __init__(self, config: Config, seed: int = 20220430) -> None:
        self.config = config
        self.rng = np.random.default_rng(seed)
        self.months = [str(m) for m in month_range(config.trial_start, REPORT_MONTH)]
        self.excluded = {str(m) for m in config.focus.excluded_months}
        self.cells: dict[tuple[str, str, str, str], tuple[float, float]] = {}
        for akasse in config.akasser:
            self._simulate(akasse, SIZE.get(akasse, 0.05))
        self._sum_alle()
        for akasse in config.akasser_and_alle:
            self._derive(akasse)

    def put(self, measure: str, month: str, akasse: str, category: str, value: float,
            denominator: float = math.nan) -> None:
        self.cells[(measure, month, akasse, category)] = (float(value), float(denominator))

    def get(self, measure: str, month: str, akasse: str, category: str = "") -> float:
        return self.cells[(measure, month, akasse, category)][0]

    def _simulate(self, akasse: str, size: float) -> None:
        rng = self.rng
        for i, month in enumerate(self.months):
            ramp = min(1.0, (i + 1) / 4)  # the trial starts slowly
            started = rng.poisson(1000 * size * ramp)
            self.put("paabegyndte_forloeb", month, akasse, "", started)
            ended_scale = 0.0 if i == 0 else 1500 * size * min(1.0, i / 4)
            for reason, share in REASON_SHARES.items():
                lam = ended_scale * share
                if reason == FULL_PERIOD and (i < 2 or month in self.excluded):
                    lam *= 0.02 if month in self.excluded else 0.1  # the suspension
                self.put("afsluttede_forloeb", month, akasse, reason, rng.poisson(lam))
            covered = rng.poisson(19000 * size * ramp)
            self.put("personer_omfattet", month, akasse, "", covered)
            unique = rng.poisson(0.175 * covered)
            for code, share in (("CV", 0.3), ("JOB", 0.65), ("FAELLES_JOB", 0.2),
                                ("RAADIGHED", 0.25)):
                self.put("samtaler", month, akasse, code, rng.binomial(unique, share))
            self.put("samtaler", month, akasse, UNIQUE, unique)
            full = self.get("afsluttede_forloeb", month, akasse, FULL_PERIOD)
            ja = rng.binomial(int(full), 0.88)
            self.put("fokus_ja", month, akasse, "", ja)
            self.put("fokus_nej", month, akasse, "", full - ja)
            mean = max(0.0, rng.normal(3.0, 0.3))
            self.put("_conv_sum", month, akasse, "", round(mean * full))
            any_offer = 0
            for code, rate in OFFER_RATES.items():
                n = rng.poisson(covered * rate)
                any_offer = max(any_offer, n)
                self.put("tilbud_personer", month, akasse, code, n)
                self.put("_offer_starts", month, akasse, code, n + rng.poisson(0.3))
            total = sum(self.get("tilbud_personer", month, akasse, c) for c in OFFER_RATES)
            self.put("tilbud_personer", month, akasse, TOTAL, max(any_offer, round(total * 0.95)))
            for code in ("JOB", "FAELLES_JOB"):
                held = self.get("samtaler", month, akasse, code)
                share = 0.86 if code == "JOB" else 0.02
                combined = rng.binomial(int(held), share)
                self.put("_combined", month, akasse, code, combined)

    def _sum_alle(self) -> None:
        per_month = {}
        for (measure, month, _, category), (value, _) in self.cells.items():
            if month:
                key = (measure, month, ALLE, category)
                per_month[key] = per_month.get(key, 0.0) + value
        for key, value in per_month.items():
            self.put(*key, value)

    def _derive(self, akasse: str) -> None:
        months = self.months
        for month in months:
            total = sum(self.get("afsluttede_forloeb", month, akasse, r) for r in END_REASONS)
            self.put("afsluttede_forloeb", month, akasse, TOTAL, total)
            full = self.get("afsluttede_forloeb", month, akasse, FULL_PERIOD)
            ja = self.get("fokus_ja", month, akasse)
            self.put("fokus_andel", month, akasse, "", ja / full if full else math.nan, full)
            conv = self.get("_conv_sum", month, akasse)
            self.put("gns_samtaler", month, akasse, "", conv / full if full else math.nan, full)
            for code in ("JOB", "FAELLES_JOB"):
                held = self.get("samtaler", month, akasse, code)
                combined = self.get("_combined", month, akasse, code)
                self.put("kombineret_andel", month, akasse, code,
                         combined / held if held else math.nan, held)
        ended = {r: sum(self.get("afsluttede_forloeb", m, akasse, r) for m in months)
                 for r in END_REASONS}
        all_ended = sum(ended.values())
        for reason, n in ended.items():
            self.put("afslutningsaarsag_andel", "", akasse, reason, n / all_ended, all_ended)
        m = str(REPORT_MONTH)
        covered = self.get("personer_omfattet", m, akasse)
        covered_all = self.get("personer_omfattet", m, ALLE)
        self.put("personer_omfattet_andel", m, akasse, "", covered / covered_all, covered_all)
        fulls = sum(self.get("afsluttede_forloeb", mo, akasse, FULL_PERIOD) for mo in months)
        convs = sum(self.get("_conv_sum", mo, akasse) for mo in months)
        buckets = (0.03, 0.07, 0.15, 0.75)
        counts = [round(fulls * b) for b in buckets[:3]]
        counts.append(fulls - sum(counts))
        for bucket, n in zip(CONVERSATION_BUCKETS, counts, strict=True):
            self.put("samtaler_fordeling", "", akasse, bucket, n)
            self.put("samtaler_fordeling_andel", "", akasse, bucket,
                     n / fulls if fulls else math.nan, fulls)
        self.put("gns_samtaler_periode", "", akasse, "", convs / fulls if fulls else math.nan,
                 fulls)
        included = [mo for mo in months if mo not in self.excluded]
        shares = [self.get("fokus_andel", mo, akasse) for mo in included]
        shares = [s for s in shares if not math.isnan(s)]
        in_cohorts = sum(self.get("afsluttede_forloeb", mo, akasse, FULL_PERIOD)
                         for mo in included)
        mean = sum(shares) / len(shares) if shares else math.nan
        self.put("fokus_gennemsnit", "", akasse, "", mean, in_cohorts)
        target = self.config.focus.target_share
        self.put("fokus_opfyldt", "", akasse, "",
                 math.nan if math.isnan(mean) else float(round(mean, 9) >= target), in_cohorts)
        starts = {c: sum(self.get("_offer_starts", mo, akasse, c) for mo in months)
                  for c in OFFER_CATEGORIES}
        all_starts = sum(starts.values())
        for code, n in starts.items():
            self.put("tilbud_fordeling", "", akasse, code, n / all_starts, all_starts)
        for measure, chosen in (("bilag_fokus_1a", included), ("bilag_fokus_1b", months)):
            ja = sum(self.get("fokus_ja", mo, akasse) for mo in chosen)
            nej = sum(self.get("fokus_nej", mo, akasse) for mo in chosen)
            self.put(measure, "", akasse, "JA", ja)
            self.put(measure, "", akasse, "NEJ", nej)
            self.put(measure, "", akasse, TOTAL, ja + nej)

    def rows(self) -> Iterator[tuple[str, str, str, str, float, float]]:
        for (measure, month, akasse, category), (value, den) in self.cells.items():
            if measure in MEASURE_BY_ID:
                yield measure, month, akasse, category, value, den


def make_published(config: Config) -> PublishedCells:
    """Simulate, suppress and round: the published cells of the fixture."""
    exact = _Exact(config)
    threshold = config.disclosure.threshold
    records = []
    for measure, month, akasse, category, value, den in exact.rows():
        info = MEASURE_BY_ID[measure]
        if info.kind == "count":
            hidden = value <= threshold
        else:
            hidden = math.isnan(value) or den <= threshold
        records.append([measure, month, akasse, category, value, hidden])
    frame = pd.DataFrame(records, columns=["measure", "month", "akasse", "category", "value",
                                           "suppressed"])
    # Complementary suppression where Ja or Nej alone is hidden (FTF-A 2021M07 in the
    # reference leaks Nej = 0 from Ja 78 and total 78).
    _complement(frame, ("fokus_ja", "fokus_nej"))
    # A share next to a hidden Ja or Nej would give it away: hide it too.
    hidden_ja = frame[(frame.measure == "fokus_ja") & frame.suppressed]
    keys = set(zip(hidden_ja.month, hidden_ja.akasse, strict=True))
    share = frame.measure == "fokus_andel"
    frame.loc[share, "suppressed"] = frame.loc[share, "suppressed"] | np.array(
        [(m, a) in keys for m, a in zip(frame.month[share], frame.akasse[share], strict=True)]
    )
    frame["value"] = [
        math.nan if hidden else _round(measure, value)
        for measure, value, hidden in zip(frame.measure, frame.value, frame.suppressed,
                                          strict=True)
    ]
    assert {m.id for m in MEASURES} == set(frame.measure)
    return PublishedCells(frame)


def _complement(frame: pd.DataFrame, pair: tuple[str, str]) -> None:
    key = ["month", "akasse"]
    a = frame[frame.measure == pair[0]].set_index(key).suppressed
    b = frame[frame.measure == pair[1]].set_index(key).suppressed
    either = a | b
    for measure in pair:
        rows = frame.measure == measure
        index = pd.MultiIndex.from_frame(frame.loc[rows, key])
        frame.loc[rows, "suppressed"] = either.reindex(index).to_numpy()


def _round(measure: str, value: float) -> float:
    decimals = MEASURE_BY_ID[measure].decimals
    if math.isnan(value):
        return value
    return float(round(value)) if decimals is None else round_half_away(value, decimals)


def make_quality() -> DataQuality:
    return DataQuality(
        reconciliation=(
            Reconciliation("forloeb", "/data/in/forloeb.csv", 41230, 41221, 9),
            Reconciliation("samtaler", "/data/in/samtaler.csv", 180412, 180398, 14),
            Reconciliation("tilbud", "/data/in/tilbud.parquet", 5210, 5210, 0),
        ),
        quarantined=(
            QuarantineCount("forloeb", "duplicate_id", "duplicated forloeb_id",
                            "Dubleret forloeb_id", 4),
            QuarantineCount("forloeb", "overlap", "overlapping spells of one person",
                            "Overlappende forløb for samme person", 5),
            QuarantineCount("samtaler", "bad_date", "date not in YYYY-MM-DD",
                            "Dato ikke på formen ÅÅÅÅ-MM-DD", 14),
        ),
        warnings=(
            Warning("forloeb", "short_full_period", "full period shorter than 77 days",
                    "Fuld forsøgsperiode kortere end 77 dage", 37),
            Warning("samtaler", "samtale_outside_spell", "conversation in no spell",
                    "Samtale uden for et forløb (ikke med i opgørelsen)", 212),
        ),
    )


@pytest.fixture(scope="session")
def config() -> Config:
    return Config()


@pytest.fixture(scope="session")
def published(config: Config) -> PublishedCells:
    return make_published(config)


@pytest.fixture(scope="session")
def quality() -> DataQuality:
    return make_quality()


@pytest.fixture(scope="session")
def month() -> Month:
    return REPORT_MONTH


@pytest.fixture(scope="session")
def ftf_files(
    tmp_path_factory: pytest.TempPathFactory,
    published: PublishedCells,
    quality: DataQuality,
    config: Config,
    month: Month,
) -> dict[str, Path]:
    """FTF-A's report in all three formats, rendered once for the session."""
    from akassemonitor.publish import render_reports

    out = tmp_path_factory.mktemp("reports")
    paths = render_reports(published, quality, config, month, ["FTF-A"], out)
    return {p.suffix.lstrip("."): p for p in paths}
