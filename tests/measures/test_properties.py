"""Properties on random small registers: the package agrees with a naive second
implementation cell by cell, additive counts add up to ALLE, shares lie in 0..1."""

from __future__ import annotations

import datetime as dt
import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from oracle import OFFERS, REASONS, TYPES, oracle_cells
from tiny import SMALL, build_store

from akassemonitor.catalogue import MEASURES
from akassemonitor.measures import compute_cells
from akassemonitor.months import Month

BASE = dt.date(2020, 11, 1)  # a little before trial_start 2021M01
REPORT_MONTH = Month(2021, 4)


@st.composite
def registers(draw):
    persons = draw(st.integers(1, 6))
    forloeb, samtaler, tilbud = [], [], []
    for p in range(persons):
        day = draw(st.integers(0, 60))
        for k in range(draw(st.integers(1, 3))):
            start = BASE + dt.timedelta(days=day)
            length = draw(st.integers(0, 120))
            ongoing = draw(st.booleans()) and k == 2
            slut = None if ongoing else start + dt.timedelta(days=length)
            reason = None if ongoing else draw(st.sampled_from(REASONS[:3] + ["FULD_PERIODE"]))
            akasse = draw(st.sampled_from(SMALL.akasser))
            forloeb.append((f"f{p}-{k}", f"p{p}", akasse, start, slut, reason))
            for j in range(draw(st.integers(0, 5))):
                when = start + dt.timedelta(days=draw(st.integers(-3, length + 3)))
                sid = f"s{p}-{k}-{j}"
                for typ in draw(st.sets(st.sampled_from(TYPES), min_size=1, max_size=3)):
                    samtaler.append((sid, f"p{p}", when, typ, draw(st.booleans())))
            for j in range(draw(st.integers(0, 2))):
                when = start + dt.timedelta(days=draw(st.integers(0, length)))
                tilbud.append((f"t{p}-{k}-{j}", f"p{p}", when, draw(st.sampled_from(OFFERS))))
            if slut is None:
                break
            day = (slut - BASE).days + 1 + draw(st.integers(0, 20))
    return forloeb, samtaler, tilbud


def _same(a: float, b: float) -> bool:
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-12)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(registers())
def test_every_cell_matches_the_naive_implementation(data):
    forloeb, samtaler, tilbud = data
    cells = compute_cells(build_store(forloeb, samtaler, tilbud), SMALL, REPORT_MONTH)
    expected = oracle_cells(forloeb, samtaler, tilbud, SMALL, REPORT_MONTH)
    got = {
        (r.measure, r.month, r.akasse, r.category): r.value
        for r in cells.frame.itertuples(index=False)
    }
    assert set(got) == set(expected)
    wrong = {k: (got[k], expected[k]) for k in expected if not _same(got[k], expected[k])}
    assert not wrong


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(registers())
def test_additive_counts_add_up_and_shares_lie_in_0_1(data):
    cells = compute_cells(build_store(*data), SMALL, REPORT_MONTH)
    frame = cells.frame
    for info in MEASURES:
        rows = frame[frame.measure == info.id]
        if info.kind in ("share", "mean") and info.id != "gns_samtaler" and not info.id.startswith(
            "gns_"
        ):
            values = rows.value.dropna()
            assert ((values >= 0) & (values <= 1)).all(), info.id
        if info.kind == "count" and info.additive:
            parts = rows[rows.akasse != "ALLE"].groupby(["month", "category"]).value.sum()
            alle = rows[rows.akasse == "ALLE"].set_index(["month", "category"]).value
            assert (parts.sort_index() == alle.sort_index()).all(), info.id
        if info.total_category:
            keyed = rows.set_index(["month", "akasse", "category"]).value
            total = keyed.xs(info.total_category, level="category")
            rest = rows[rows.category != info.total_category].groupby(["month", "akasse"]).value
            assert (rest.sum().sort_index() == total.sort_index()).all(), info.id
