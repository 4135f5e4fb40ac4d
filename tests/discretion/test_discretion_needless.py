"""No needless ``*``: no hidden count the published cells determine exactly."""

from __future__ import annotations

from dataclasses import replace

import pytest
from discretion_factory import cells, full_release, small_config

from akassemonitor.discretion import Status, audit, disclose
from akassemonitor.months import Month

M = "2021M07"


def _determined(published, config) -> list[tuple[str, str, str, str]]:
    report = audit(published, config)
    assert report.ok
    return [(c.measure, c.month, c.akasse, c.category)
            for c in report.intervals if c.lo == c.hi]


@pytest.mark.parametrize("seed", [1, 2, 3, 4])
def test_no_hidden_count_is_determined_on_random_releases(seed):
    # Every measure, three a-kasser, four months, sizes from tiny to small: the audit's
    # full intervals (not the gate's verdict) show no `*` with an interval of width 0.
    config = replace(small_config(("A", "B", "C")), trial_start=Month(2022, 1))
    exact = full_release(config, Month(2022, 4), seed=seed, scale=0.3 * seed)
    result = disclose(exact, config)
    # The singleton rule keeps none: a value the published cells fix is known to all.
    left = _determined(result.published, config)
    if left:
        # Determined only after rounding the attacker's bounds to integers: publishing
        # them tells him more, and the release gate refuses it.
        assert not audit(_shown(result.published, exact, left), config).ok


def _shown(published, exact, keys):
    """``published`` with the cells ``keys`` shown at their true value."""
    frame = published.frame.copy()
    value = dict(zip(exact.frame[["measure", "month", "akasse", "category"]].itertuples(
        index=False, name=None), exact.frame.value, strict=True))
    index = list(frame[["measure", "month", "akasse", "category"]].itertuples(
        index=False, name=None))
    for row, key in enumerate(index):
        if key in keys:
            frame.loc[row, "value"] = value[key]
            frame.loc[row, "suppressed"] = False
    return type(published)(frame)


def test_a_three_by_three_table_has_no_needless_star_by_either_method():
    # The exact method hides the rectangle of A and C (B all shown); the heuristic
    # pays more, but neither leaves a `*` that the published cells fill in.
    config = small_config(("A", "B", "C"))
    ja, nej = {"A": 0, "B": 4, "C": 6}, {"A": 5, "B": 5, "C": 0}
    rows = []
    for a in ja:
        rows += [("fokus_ja", M, a, "", ja[a]), ("fokus_nej", M, a, "", nej[a]),
                 ("afsluttede_forloeb", M, a, "FULD_PERIODE", ja[a] + nej[a])]
    rows += [("fokus_ja", M, "ALLE", "", 10), ("fokus_nej", M, "ALLE", "", 10),
             ("afsluttede_forloeb", M, "ALLE", "FULD_PERIODE", 20)]
    for method in ("exact", "heuristic"):
        result = disclose(cells(rows), config, method=method)
        status = result.suppression_frame()
        if method == "exact":
            assert set(status[status.akasse == "B"].status) == {Status.PUBLISHED}
        assert _determined(result.published, config) == []
