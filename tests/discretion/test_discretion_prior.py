"""Last month's release as the attacker's knowledge: differencing two releases."""

from __future__ import annotations

from dataclasses import replace

from discretion_factory import cells, small_config
from discretion_factory import published as _published

from akassemonitor.discretion import audit, disclose
from akassemonitor.months import Month

M3, M4 = "2022M03", "2022M04"


def _config():
    return replace(small_config(("A", "B")), trial_start=Month(2022, 3))


def _interval(report, key):
    for c in report.intervals:
        if (c.measure, c.month, c.akasse, c.category) == key:
            return (c.lo, c.hi)
    raise KeyError(key)


def test_bilag_differencing_gives_this_months_small_count_away():
    # March's release: bilag 1b Nej for A = 5 (March is the whole period so far).
    # April's release hides A's Nej of both months (5 and 1) but shows bilag 1b Nej = 6:
    # alone, the two hidden cells only sum to 6; with March's bilag, April's Nej is 1.
    config = _config()
    march = _published([("bilag_fokus_1b", "", "A", "NEJ", 5),
                        ("fokus_nej", M3, "A", "", None)])
    april = _published([("bilag_fokus_1b", "", "A", "NEJ", 6),
                        ("fokus_nej", M3, "A", "", None), ("fokus_nej", M4, "A", "", None)])
    alone = audit(april, config)
    assert alone.ok
    assert _interval(alone, ("fokus_nej", M4, "A", "")) == (0, 6)
    both = audit(april, config, previous=march)
    assert _interval(both, ("fokus_nej", M4, "A", "")) == (1, 1)
    assert ("fokus_nej", M4, "A", "") in {(c.measure, c.month, c.akasse, c.category)
                                          for c in both.leaks}


def test_a_count_hidden_last_month_is_not_given_away_now():
    # March hid bilag 1b Ja and Nej for A (and A's March cells); April shows A's March
    # cells (hand-made, not what secondary suppression would do): March's hidden bilag
    # Nej is now exactly 2. The audit protects last month's hidden counts too.
    config = _config()
    march = _published([("bilag_fokus_1b", "", "A", "NEJ", None),
                        ("bilag_fokus_1b", "", "A", "JA", None),
                        ("bilag_fokus_1b", "", "A", "I_ALT", 7),
                        ("fokus_nej", M3, "A", "", None), ("fokus_ja", M3, "A", "", None)])
    april = _published([("fokus_nej", M3, "A", "", 2), ("fokus_ja", M3, "A", "", 5),
                        ("fokus_nej", M4, "A", "", 4)])
    report = audit(april, config, previous=march)
    assert _interval(report, ("bilag_fokus_1b", f"prior:{M3}", "A", "NEJ")) == (2, 2)
    assert not report.ok


def _exact_rows(months):
    ja = {M3: {"A": 10, "B": 8}, M4: {"A": 12, "B": 9}}
    nej = {M3: {"A": 5, "B": 6}, M4: {"A": 1, "B": 7}}
    rows = []
    for m in months:
        for a in ("A", "B"):
            rows += [("fokus_ja", m, a, "", ja[m][a]), ("fokus_nej", m, a, "", nej[m][a]),
                     ("afsluttede_forloeb", m, a, "FULD_PERIODE", ja[m][a] + nej[m][a])]
        rows += [("fokus_ja", m, "ALLE", "", sum(ja[m].values())),
                 ("fokus_nej", m, "ALLE", "", sum(nej[m].values())),
                 ("afsluttede_forloeb", m, "ALLE", "FULD_PERIODE",
                  sum(ja[m].values()) + sum(nej[m].values()))]
    for a in ("A", "B", "ALLE"):
        members = ("A", "B") if a == "ALLE" else (a,)
        yes = sum(ja[m][x] for m in months for x in members)
        no = sum(nej[m][x] for m in months for x in members)
        rows += [("bilag_fokus_1b", "", a, "JA", yes), ("bilag_fokus_1b", "", a, "NEJ", no),
                 ("bilag_fokus_1b", "", a, "I_ALT", yes + no)]
    return rows


def test_secondary_with_previous_release_resists_differencing():
    config = _config()
    march = disclose(cells(_exact_rows([M3])), config).published
    april = disclose(cells(_exact_rows([M3, M4])), config, previous=march)
    assert april.audit is not None and april.audit.ok
    report = audit(april.published, config, previous=march)
    assert report.ok
    low, high = _interval(report, ("fokus_nej", M4, "A", ""))
    assert high - low >= config.disclosure.width
    # Monthly cells keep March's status.
    for key in (("fokus_ja", M3, "A", ""), ("fokus_nej", M3, "B", "")):
        assert march.text(*key) == april.published.text(*key)
