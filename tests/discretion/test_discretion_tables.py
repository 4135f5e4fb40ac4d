"""Tiny hand-built tables: the exact suppression pattern and the attacker's intervals."""

from __future__ import annotations

import math

import pytest
from discretion_factory import cells, interval_of, small_config
from discretion_factory import published as _published

from akassemonitor.discretion import audit, disclose, discretion_note_da, read_release
from akassemonitor.measures.relations import Linear, Period, release_relations

M = "2021M07"


def _interval(report, measure, akasse, category="", month=M):
    return interval_of(report, measure, month, akasse, category)


def test_reference_report_leak_ftf_a_2021m07_nej_is_zero():
    # Bilag 1: FTF-A 2021M07 Ja 78, Nej *, total 78 (the cohort) — so Nej = 0.
    config = small_config(("FTF-A",), mode="primary")
    exact = cells([
        ("fokus_ja", M, "FTF-A", "", 78), ("fokus_nej", M, "FTF-A", "", 0),
        ("fokus_ja", M, "ALLE", "", 78), ("fokus_nej", M, "ALLE", "", 0),
        ("afsluttede_forloeb", M, "FTF-A", "FULD_PERIODE", 78),
        ("afsluttede_forloeb", M, "ALLE", "FULD_PERIODE", 78),
    ])
    result = disclose(exact, config)
    assert result.published.text("fokus_nej", M, "FTF-A") == "*"
    report = audit(result.published, config)
    assert _interval(report, "fokus_nej", "FTF-A") == (0, 0)
    assert not report.ok


def test_reference_report_leak_ma_a_9_star_11_gives_nej_2():
    config = small_config(("MA-A",), mode="primary")
    month = "2021M01"
    exact = cells([
        ("fokus_ja", month, "MA-A", "", 9), ("fokus_nej", month, "MA-A", "", 2),
        ("afsluttede_forloeb", month, "MA-A", "FULD_PERIODE", 11),
    ])
    report = audit(disclose(exact, config).published, config)
    assert _interval(report, "fokus_nej", "MA-A", month=month) == (2, 2)
    assert [c.measure for c in report.leaks] == ["fokus_nej"]


def test_one_row_secondary_pattern_and_intervals():
    # A 5, B 2, C 20, ALLE 27: B is primary; the cheapest complement of at least the
    # protection width is A (5); both then lie in [0, 7]. ALLE is never suppressed.
    config = small_config(("A", "B", "C"))
    exact = cells([("paabegyndte_forloeb", M, a, "", v)
                   for a, v in (("A", 5), ("B", 2), ("C", 20), ("ALLE", 27))])
    result = disclose(exact, config)
    text = {a: result.published.text("paabegyndte_forloeb", M, a) for a in ("A", "B", "C", "ALLE")}
    assert text == {"A": "*", "B": "*", "C": "20", "ALLE": "27"}
    assert (result.primary, result.secondary) == (1, 1)
    assert result.audit.ok
    full = audit(result.published, config)  # the gate's intervals may be inner ones
    assert _interval(full, "paabegyndte_forloeb", "A") == (0, 7)
    assert _interval(full, "paabegyndte_forloeb", "B") == (0, 7)


def test_a_singleton_is_not_left_with_one_partner():
    # A 5, B 1, C 20, ALLE 26: hiding B and A protects B from outsiders ([0, 6]), but
    # the one person counted in B knows B = 1 and so A = 5. A third cell goes too.
    config = small_config(("A", "B", "C"))
    exact = cells([("paabegyndte_forloeb", M, a, "", v)
                   for a, v in (("A", 5), ("B", 1), ("C", 20), ("ALLE", 26))])
    result = disclose(exact, config)
    text = {a: result.published.text("paabegyndte_forloeb", M, a) for a in ("A", "B", "C", "ALLE")}
    assert text == {"A": "*", "B": "*", "C": "*", "ALLE": "26"}
    assert (result.primary, result.secondary) == (1, 2)


def test_primary_mode_is_stars_rule_only():
    config = small_config(("A", "B", "C"), mode="primary")
    exact = cells([("paabegyndte_forloeb", M, a, "", v)
                   for a, v in (("A", 5), ("B", 1), ("C", 0), ("ALLE", 6))])
    result = disclose(exact, config)
    assert result.published.frame.suppressed.tolist() == [False, True, True, False]
    assert result.secondary == 0 and result.audit is None


REASONS = ("FULD_PERIODE", "BESKAEFTIGELSE", "UDMELDT")


def _ended_table(table):
    """afsluttede_forloeb of one month: a-kasser × three reasons (other reasons 0)."""
    rows = []
    for a, row in table.items():
        for r, v in zip(REASONS, row, strict=True):
            rows.append(("afsluttede_forloeb", M, a, r, v))
        rows.append(("afsluttede_forloeb", M, a, "I_ALT", sum(row)))
    for j, r in enumerate(REASONS):
        rows.append(("afsluttede_forloeb", M, "ALLE", r, sum(v[j] for v in table.values())))
    rows.append(("afsluttede_forloeb", M, "ALLE", "I_ALT", sum(map(sum, table.values()))))
    for a in (*table, "ALLE"):
        for r in ("SYGDOM", "ANDEN_YDELSE", "ANDET"):
            rows.append(("afsluttede_forloeb", M, a, r, 0))
    return rows


BLOCK = {("A", "FULD_PERIODE"), ("A", "BESKAEFTIGELSE"),
         ("B", "FULD_PERIODE"), ("B", "BESKAEFTIGELSE")}


def _with_block_hidden(table):
    return _published([(m, mo, a, c, None if (a, c) in BLOCK else v)
                       for m, mo, a, c, v in _ended_table(table)])


def test_classic_trap_two_hidden_per_row_and_column_yet_recoverable():
    # A: FP 0, BESK 0, UDM 7 (total 7); B: FP 6, BESK 4, UDM 8 (total 18).
    # Hidden: the 2×2 block A,B × FP,BESK — every row and column holds two hidden
    # cells, the textbook "safe" pattern. But row A says FP + BESK = 7 − 7 = 0, and
    # counts are ≥ 0: both are 0, and the columns then give B's cells exactly.
    config = small_config(("A", "B"))
    table = {"A": (0, 0, 7), "B": (6, 4, 8)}
    report = audit(_with_block_hidden(table), config)
    expected = {("A", "FULD_PERIODE"): (0, 0), ("A", "BESKAEFTIGELSE"): (0, 0),
                ("B", "FULD_PERIODE"): (6, 6), ("B", "BESKAEFTIGELSE"): (4, 4)}
    for (a, r), interval in expected.items():
        assert _interval(report, "afsluttede_forloeb", a, r) == interval
    # A's zeros leak; B's cells are determined too, but provably above the threshold:
    # the attacker learns figures that could have been published, no small count.
    assert {(c.akasse, c.category) for c in report.leaks} == {
        ("A", "FULD_PERIODE"), ("A", "BESKAEFTIGELSE")
    }
    # Secondary suppression of the same table does not fall into the trap.
    result = disclose(cells(_ended_table(table)), config)
    assert result.audit.ok
    assert result.published.text("afsluttede_forloeb", M, "ALLE", "I_ALT") == "25"
    assert all(c.hi - c.lo >= 3 or c.lo > 2 for c in result.audit.intervals)


def test_a_safe_cycle_keeps_its_intervals():
    # The same block with room: A (10, 20, 7), B (6, 4, 8). Row A: FP + BESK = 30,
    # column FP: A + B = 16, column BESK: 24, row B: 10. A·FP ranges over [6, 16].
    config = small_config(("A", "B"))
    report = audit(_with_block_hidden({"A": (10, 20, 7), "B": (6, 4, 8)}), config)
    assert _interval(report, "afsluttede_forloeb", "A", "FULD_PERIODE") == (6, 16)
    assert _interval(report, "afsluttede_forloeb", "B", "FULD_PERIODE") == (0, 10)
    assert _interval(report, "afsluttede_forloeb", "B", "BESKAEFTIGELSE") == (0, 10)
    assert report.ok


def test_a_published_zero_share_pins_hidden_months():
    # Each month: SYGDOM 0 and BESKAEFTIGELSE 15 hidden, I_ALT 15 published (the other
    # reasons are not in the release, so unknown): SYGDOM alone lies in [0, 15]. The
    # period share SYGDOM = 0.000 over 30 ended spells pins it: 0.0005 · 30 < 1.
    config = small_config(("A",))
    shown = []
    for m in ("2021M06", "2021M07"):
        shown += [("afsluttede_forloeb", m, "A", "SYGDOM", None),
                  ("afsluttede_forloeb", m, "A", "BESKAEFTIGELSE", None),
                  ("afsluttede_forloeb", m, "A", "I_ALT", 15)]
    without = audit(_published(shown), config)
    assert _interval(without, "afsluttede_forloeb", "A", "SYGDOM", month="2021M06") == (0, 15)
    shown.append(("afslutningsaarsag_andel", "", "A", "SYGDOM", 0.0))
    report = audit(_published(shown), config)
    assert _interval(report, "afsluttede_forloeb", "A", "SYGDOM", month="2021M06") == (0, 0)
    assert {(c.month, c.category) for c in report.leaks} == {
        ("2021M06", "SYGDOM"), ("2021M07", "SYGDOM")}


def test_secondary_protects_the_linked_fokus_tables():
    # Cohorts A 40, B 1, C 30; fokus Ja/Nej per a-kasse; ALLE totals published.
    config = small_config(("A", "B", "C"))
    ja = {"A": 36, "B": 1, "C": 28}
    nej = {"A": 4, "B": 0, "C": 2}
    rows = []
    for a in ("A", "B", "C"):
        rows += [("fokus_ja", M, a, "", ja[a]), ("fokus_nej", M, a, "", nej[a]),
                 ("afsluttede_forloeb", M, a, "FULD_PERIODE", ja[a] + nej[a])]
    rows += [("fokus_ja", M, "ALLE", "", 65), ("fokus_nej", M, "ALLE", "", 6),
             ("afsluttede_forloeb", M, "ALLE", "FULD_PERIODE", 71)]
    result = disclose(cells(rows), config)
    pub = result.published
    for key in (("fokus_ja", "B"), ("fokus_nej", "B"), ("fokus_nej", "C")):
        assert pub.text(key[0], M, key[1]) == "*"
    assert pub.text("fokus_ja", M, "ALLE") == "65"  # not needed as a complement
    assert result.audit.ok
    # The attacker's own view agrees with the gate's verdict, and the gate's (inner)
    # intervals lie within the attacker's full ones.
    again = audit(pub, config)
    assert again.ok
    assert all(c.hi - c.lo >= 3 for c in again.intervals)
    assert len(again.intervals) == len(result.audit.intervals)
    for full, inner in zip(again.intervals, result.audit.intervals, strict=True):
        assert full.lo <= inner.lo and inner.hi <= full.hi


def test_share_of_a_hidden_count_is_hidden():
    config = small_config(("A", "B"))
    month = "2022M04"
    rows = [("personer_omfattet", month, "A", "", 1), ("personer_omfattet", month, "B", "", 50),
            ("personer_omfattet", month, "ALLE", "", 51),
            ("personer_omfattet_andel", month, "A", "", 1 / 51, 51),
            ("personer_omfattet_andel", month, "B", "", 50 / 51, 51),
            ("personer_omfattet_andel", month, "ALLE", "", 1.0, 51)]
    result = disclose(cells(rows), config)
    pub = result.published
    assert pub.text("personer_omfattet_andel", month, "A") == "*"
    # B's share would give A by 1 − share: it must go too (or B's count).
    assert pub.text("personer_omfattet", month, "B") == "*" or pub.text(
        "personer_omfattet_andel", month, "B") == "*"
    assert result.audit.ok


def test_previous_release_pattern_is_kept():
    config = small_config(("A", "B", "C"))
    exact = cells([("paabegyndte_forloeb", M, a, "", v)
                   for a, v in (("A", 5), ("B", 1), ("C", 20), ("ALLE", 26))])
    previous = _published([("paabegyndte_forloeb", M, "A", "", 5),
                           ("paabegyndte_forloeb", M, "B", "", None),
                           ("paabegyndte_forloeb", M, "C", "", None),
                           ("paabegyndte_forloeb", M, "ALLE", "", 26)])
    result = disclose(exact, config, previous=previous)
    text = {a: result.published.text("paabegyndte_forloeb", M, a) for a in ("A", "B", "C")}
    assert text == {"A": "5", "B": "*", "C": "*"}  # C kept hidden, A kept published


def test_audit_of_an_unbounded_cell_says_infinity():
    config = small_config(("A", "B"))
    published = _published([("paabegyndte_forloeb", M, "A", "", None),
                            ("paabegyndte_forloeb", M, "B", "", None),
                            ("paabegyndte_forloeb", M, "ALLE", "", None)])
    report = audit(published, config)
    assert all(math.isinf(c.hi) for c in report.intervals)
    assert report.rows()[0][4] == "[0, ∞)"
    assert report.summary().endswith("no leaks")


def test_relations_are_generated_from_the_catalogue():
    period = Period.of(small_config(("A", "B")), ["2022M03", "2022M04"])
    relations = release_relations(period)
    whys = {r.why for r in relations if isinstance(r, Linear)}
    assert "afsluttede_forloeb: ALLE = Σ a-kasser" in whys
    assert "afsluttede_forloeb: I_ALT = Σ categories" in whys
    assert "tilbud_personer: I_ALT counts distinct units" in whys
    assert "samtaler: UNIK counts distinct units" in whys
    sums = [r for r in relations if isinstance(r, Linear) and r.why.startswith("bilag_fokus_1b JA")]
    assert len(sums) == 3 and len(sums[0].terms) == 3  # 1b + two months


def test_read_release_reads_bilag_and_explains_a_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError, match="no published.csv"):
        read_release(tmp_path)
    (tmp_path / "published.csv").write_text(
        "measure,month,akasse,category,value\npaabegyndte_forloeb,2022M04,A,,*\n"
    )
    (tmp_path / "published_bilag.csv").write_text(
        "measure,month,akasse,category,value\nbilag_fokus_1b,,A,JA,12\n"
    )
    release = read_release(tmp_path)
    assert release.frame.measure.tolist() == ["paabegyndte_forloeb", "bilag_fokus_1b"]
    assert release.frame.suppressed.tolist() == [True, False]


def test_danish_note_states_the_rule():
    note = discretion_note_da(small_config(("A",)))
    assert note.startswith("Opgørelsen er diskretioneret.")
    assert "to eller færre" in note and "sekundær" in note
    assert "sekundær" not in discretion_note_da(small_config(("A",), mode="primary"))


def _prune_row(hidden: set[str], locked: set[str], *, step: str = "prune") -> set[str]:
    """One row A 5, B 2, C 20, D 30, ALLE 57 with ``hidden`` suppressed, of which
    ``locked`` may not be published again: what the prune step leaves hidden."""
    from akassemonitor.discretion import _build, _pad, _seen_values
    from akassemonitor.discretion._protect import AttackCache, _prune, _publish_determined

    config = small_config(("A", "B", "C", "D"))
    values = {"A": 5, "B": 2, "C": 20, "D": 30, "ALLE": 57}
    exact = cells([("paabegyndte_forloeb", M, a, "", v) for a, v in values.items()])
    frame = exact.frame.reset_index(drop=True)
    seen = _seen_values(frame)
    release = _build(frame, seen, config, None)

    def mask(names: set[str]):
        return _pad(frame.akasse.isin(names).to_numpy(), release)

    value = _pad(frame.value.to_numpy(float), release)
    if step == "determined":
        out = _publish_determined(release, value, mask(hidden), mask(locked), 2)
    else:
        candidates = {int(i) for i in mask(hidden - locked).nonzero()[0]}
        out = _prune(release, value, mask(hidden), mask(locked), candidates, 2, 3,
                     AttackCache.empty())
    return set(frame.akasse[out[: release.n_cells]])


def test_prune_publishes_a_complement_that_was_not_needed():
    # B (2) is protected by A (5) alone; D (30) was hidden on top: it comes back, and
    # of A and D the cheaper, A, is the one hidden again.
    assert _prune_row({"A", "B", "D"}, locked={"B"}) == {"A", "B"}


def test_prune_keeps_a_needed_complement_and_the_locked_cells():
    assert _prune_row({"A", "B"}, locked={"B"}) == {"A", "B"}
    assert _prune_row({"A", "B", "D"}, locked={"A", "B", "D"}) == {"A", "B", "D"}


def test_a_complement_given_away_by_subtraction_is_published():
    # D alone hidden: ALLE − A − B − C = 30, so its `*` hides nothing; a locked cell
    # (primary, or hidden last month) stays hidden all the same.
    assert _prune_row({"D"}, locked=set(), step="determined") == set()
    assert _prune_row({"D"}, locked={"D"}, step="determined") == {"D"}
    assert _prune_row({"A", "D"}, locked=set(), step="determined") == {"A", "D"}


def test_a_grand_total_goes_when_nothing_else_can_protect_a_cell():
    # One a-kasse; the excluded month 2021M06 has a cohort of 1. Bilag 1b − bilag 1a
    # of ALLE (both grand totals) is that cohort, so only hiding one of them protects
    # it: tiny data get a release with one grand total hidden, not an error.
    config = small_config(("A",))
    rows = []
    for a in ("A", "ALLE"):
        rows += [
            ("fokus_ja", "2021M06", a, "", 1), ("fokus_nej", "2021M06", a, "", 0),
            ("afsluttede_forloeb", "2021M06", a, "FULD_PERIODE", 1),
            ("fokus_ja", M, a, "", 40), ("fokus_nej", M, a, "", 5),
            ("afsluttede_forloeb", M, a, "FULD_PERIODE", 45),
            ("bilag_fokus_1a", "", a, "JA", 40), ("bilag_fokus_1a", "", a, "NEJ", 5),
            ("bilag_fokus_1a", "", a, "I_ALT", 45),
            ("bilag_fokus_1b", "", a, "JA", 41), ("bilag_fokus_1b", "", a, "NEJ", 5),
            ("bilag_fokus_1b", "", a, "I_ALT", 46),
        ]
    result = disclose(cells(rows), config)
    grand = [result.published.text(m, "", "ALLE", "I_ALT")
             for m in ("bilag_fokus_1a", "bilag_fokus_1b")]
    assert sorted(grand) == ["*", "46"]
    assert audit(result.published, config).ok


def test_a_cell_published_last_month_goes_when_nothing_else_can_protect():
    # Last month (report month 2022M04) published every 2022M03 cell; a correction has
    # made B's 2022M03 count 2. A and C are locked published, ALLE too (a grand total):
    # rather than no release, the cheapest locked cell of at least the width, A, goes.
    config = small_config(("A", "B", "C"))
    march = {"A": 5, "B": 4, "C": 20, "ALLE": 29}
    april = {"A": 30, "B": 30, "C": 30, "ALLE": 90}
    previous = _published(
        [("paabegyndte_forloeb", "2022M03", a, "", v) for a, v in march.items()]
        + [("paabegyndte_forloeb", "2022M04", a, "", v) for a, v in april.items()]
    )
    march_now = {"A": 5, "B": 2, "C": 20, "ALLE": 27}
    exact = cells(
        [("paabegyndte_forloeb", "2022M03", a, "", v) for a, v in march_now.items()]
        + [("paabegyndte_forloeb", "2022M04", a, "", v) for a, v in april.items()]
        + [("paabegyndte_forloeb", "2022M05", a, "", v) for a, v in april.items()]
    )
    result = disclose(exact, config, previous=previous)
    text = {a: result.published.text("paabegyndte_forloeb", "2022M03", a) for a in march}
    assert text == {"A": "*", "B": "*", "C": "20", "ALLE": "27"}
    assert result.unlocked == 1
    assert audit(result.published, config, previous=previous).ok
