"""The attacker and fokus means: a cohort the published cells determine is substituted
into its fokus mean, whose rows then join the attacker's system (mean × cohort = sum)."""

from __future__ import annotations

from discretion_factory import cells, interval_of, small_config
from discretion_factory import published as _published

from akassemonitor.discretion import audit, disclose

M = "2021M07"


def _interval(report, measure, akasse, category="", month=M):
    return interval_of(report, measure, month, akasse, category)


def _release(mean_a: float | None):
    # A's cohort is hidden, but ALLE − B gives it away (30 − 20 = 10). Its Ja and Nej are
    # hidden; only their sum (the cohort) ties them. A's fokus mean (one included month)
    # is 9/10 = 0.900: with the cohort substituted, Ja = 9 and so Nej = 1.
    return _published([
        ("afsluttede_forloeb", M, "A", "FULD_PERIODE", None),
        ("afsluttede_forloeb", M, "B", "FULD_PERIODE", 20),
        ("afsluttede_forloeb", M, "ALLE", "FULD_PERIODE", 30),
        ("fokus_ja", M, "A", "", None), ("fokus_nej", M, "A", "", None),
        ("fokus_ja", M, "B", "", None), ("fokus_nej", M, "B", "", None),
        ("fokus_ja", M, "ALLE", "", None), ("fokus_nej", M, "ALLE", "", None),
        ("fokus_gennemsnit", "", "A", "", mean_a),
    ])


def test_a_determined_cohort_is_substituted_into_its_fokus_mean():
    config = small_config(("A", "B"))
    report = audit(_release(0.9), config)
    assert _interval(report, "afsluttede_forloeb", "A", "FULD_PERIODE") == (10, 10)
    # The old attacker left the mean out (its cohort is hidden): Ja in [0, 10], no leak.
    assert _interval(report, "fokus_ja", "A") == (9, 9)
    assert _interval(report, "fokus_nej", "A") == (1, 1)
    assert {(c.measure, c.akasse) for c in report.leaks} == {("fokus_nej", "A")}


def test_without_the_mean_the_cohort_alone_narrows_nothing():
    config = small_config(("A", "B"))
    report = audit(_release(None), config)
    assert _interval(report, "fokus_ja", "A") == (0, 10)
    assert report.ok


def test_an_undetermined_cohort_keeps_its_mean_out():
    # ALLE hidden too: A's cohort is no longer determined (A + ALLE hidden, B 20), so
    # the mean cannot be made linear, and Ja keeps its width.
    frame = _release(0.9).frame.copy()
    frame.loc[(frame.measure == "afsluttede_forloeb") & (frame.akasse == "ALLE"),
              ["value", "suppressed"]] = [float("nan"), True]
    report = audit(type(_release(0.9))(frame), small_config(("A", "B")))
    assert _interval(report, "fokus_ja", "A")[1] - _interval(report, "fokus_ja", "A")[0] >= 3
    assert report.ok


def test_secondary_suppression_protects_against_the_substituting_attacker():
    # A: Ja 9, Nej 1 (primary), cohort 10; B: 18, 2, 20; ALLE 27, 3, 30; the means
    # 0.9. The gate attacks with substitution, so the release it passes holds no cell
    # that substitution gives away.
    config = small_config(("A", "B"))
    rows = []
    for a, (ja, nej) in {"A": (9, 1), "B": (18, 2), "ALLE": (27, 3)}.items():
        rows += [("fokus_ja", M, a, "", ja), ("fokus_nej", M, a, "", nej),
                 ("afsluttede_forloeb", M, a, "FULD_PERIODE", ja + nej),
                 ("fokus_andel", M, a, "", ja / (ja + nej), ja + nej),
                 ("fokus_gennemsnit", "", a, "", ja / (ja + nej), ja + nej)]
    for method in ("exact", "heuristic"):
        result = disclose(cells(rows), config, method=method)
        assert result.audit.ok
        assert audit(result.published, config).ok


def test_rows_written_incrementally_are_the_rows_written_afresh():
    # attacker_rows keeps each relation's rows and writes again only those naming a
    # cell whose status changed: over a walk of patterns, the same rows as from scratch.
    import copy

    import numpy as np
    from discretion_factory import full_release

    from akassemonitor.discretion import _build, _seen_values
    from akassemonitor.discretion._system import attacker_rows
    from akassemonitor.months import Month

    config = small_config(("A", "B", "C"))
    frame = full_release(config, Month(2021, 2), seed=3).frame.reset_index(drop=True)
    release = _build(frame, _seen_values(frame), config, None)
    rng = np.random.default_rng(5)
    pattern = np.zeros(len(release.keys), dtype=bool)
    pattern[release.n_cells:] = True
    for step in range(12):
        flip = rng.choice(release.n_cells, size=1 + step * 7, replace=False)
        pattern[flip] = ~pattern[flip]
        fresh = copy.deepcopy(release)
        fresh.__dict__.pop("_rows_book", None)
        assert attacker_rows(release, pattern, 2) == attacker_rows(fresh, pattern, 2)
