"""Tema 2: conversations, combined meetings, the focus goal (hand-computed)."""

from __future__ import annotations

import math

from tiny import SMALL, cells_for, spell, talk

from akassemonitor.config import config_from_dict

FULL = "FULD_PERIODE"


def test_conversation_on_first_and_last_day_counts_one_day_outside_does_not():
    spells = [spell("f1", "p1", "A", "2021-01-10", "2021-03-31", FULL)]
    talks = [
        talk("first", "p1", "2021-01-10", "JOB"),
        talk("last", "p1", "2021-03-31", "JOB"),
        talk("before", "p1", "2021-01-09", "JOB"),
        talk("after", "p1", "2021-04-01", "JOB"),
    ]
    cells = cells_for(forloeb=spells, samtaler=talks)
    assert cells.value("samtaler_fordeling", "", "A", "2") == 1
    assert cells.value("gns_samtaler", "2021M03", "A") == 2
    # outside any spell: not in the monthly counts either
    assert cells.value("samtaler", "2021M01", "A", "UNIK") == 1
    assert cells.value("samtaler", "2021M04", "ALLE", "UNIK") == 0
    assert cells.value("fokus_ja", "2021M03", "A") == 1


def test_a_meeting_with_several_types_counts_once_in_unik_and_once_per_type():
    spells = [spell("f1", "p1", "B", "2021-01-01")]
    talks = [
        talk("m1", "p1", "2021-02-03", "JOB"),
        talk("m1", "p1", "2021-02-03", "CV"),
        talk("m1", "p1", "2021-02-03", "RAADIGHED"),
        talk("m2", "p1", "2021-02-10", "FAELLES_JOB"),
    ]
    cells = cells_for(forloeb=spells, samtaler=talks)
    assert cells.value("samtaler", "2021M02", "B", "UNIK") == 2
    assert cells.value("samtaler", "2021M02", "B", "JOB") == 1
    assert cells.value("samtaler", "2021M02", "B", "CV") == 1
    assert cells.value("samtaler", "2021M02", "B", "RAADIGHED") == 1
    assert cells.value("samtaler", "2021M02", "B", "FAELLES_JOB") == 1
    assert cells.value("samtaler", "2021M02", "ALLE", "UNIK") == 2


def test_ongoing_spell_collects_conversations_without_an_end():
    spells = [spell("f1", "p1", "C", "2020-11-01")]
    talks = [talk("m1", "p1", "2021-04-30", "CV"), talk("m0", "p1", "2020-12-01", "CV")]
    cells = cells_for(forloeb=spells, samtaler=talks)
    assert cells.value("samtaler", "2021M04", "C", "CV") == 1
    # before trial_start: in no monthly count
    assert cells.frame.query("measure == 'samtaler' and category == 'CV'").value.sum() == 2


def test_combined_share_of_job_meetings():
    spells = [spell("f1", "p1", "A", "2021-01-01"), spell("f2", "p2", "B", "2021-01-01")]
    talks = [
        talk("m1", "p1", "2021-03-01", "JOB"),
        talk("m1", "p1", "2021-03-01", "CV"),
        talk("m2", "p1", "2021-03-02", "JOB"),
        talk("m3", "p1", "2021-03-03", "JOB"),
        talk("m3", "p1", "2021-03-03", "RAADIGHED"),
        talk("m4", "p2", "2021-03-04", "FAELLES_JOB"),
        talk("m5", "p2", "2021-03-05", "JOB", individuel=False),
    ]
    cells = cells_for(forloeb=spells, samtaler=talks)
    assert math.isclose(cells.value("kombineret_andel", "2021M03", "A", "JOB"), 2 / 3)
    assert cells.value("kombineret_andel", "2021M03", "B", "JOB") == 0  # group meeting counts
    assert cells.value("kombineret_andel", "2021M03", "B", "FAELLES_JOB") == 0
    assert math.isclose(cells.value("kombineret_andel", "2021M03", "ALLE", "JOB"), 2 / 4)
    assert math.isnan(cells.value("kombineret_andel", "2021M03", "A", "FAELLES_JOB"))


def _focus_case():
    """Three full-period spells in A ending 2021M03 and one in B ending 2021M04."""
    spells = [
        spell("f1", "p1", "A", "2021-01-01", "2021-03-20", FULL),
        spell("f2", "p2", "A", "2021-01-01", "2021-03-21", FULL),
        spell("f3", "p3", "A", "2021-01-01", "2021-03-22", FULL),
        spell("f4", "p4", "B", "2021-01-15", "2021-04-10", FULL),
        spell("f5", "p5", "C", "2021-01-15", "2021-04-10", "BESKAEFTIGELSE"),
    ]
    talks = [
        # p1: two individual job meetings -> ja (3 unique with the CV meeting)
        talk("a1", "p1", "2021-01-05", "JOB"),
        talk("a2", "p1", "2021-02-05", "FAELLES_JOB"),
        talk("a3", "p1", "2021-02-06", "CV"),
        # p2: one individual + one group job meeting -> nej
        talk("b1", "p2", "2021-01-05", "JOB"),
        talk("b2", "p2", "2021-02-05", "JOB", individuel=False),
        # p3: one meeting with JOB and FAELLES_JOB is ONE meeting -> nej
        talk("c1", "p3", "2021-01-05", "JOB"),
        talk("c1", "p3", "2021-01-05", "FAELLES_JOB"),
        # p4: two job meetings -> ja
        talk("d1", "p4", "2021-02-05", "JOB"),
        talk("d2", "p4", "2021-03-05", "JOB"),
        # p5 is not full period: never in the focus goal
        talk("e1", "p5", "2021-02-05", "JOB"),
        talk("e2", "p5", "2021-03-05", "JOB"),
    ]
    return spells, talks


def test_focus_ja_nej_and_share_per_cohort():
    spells, talks = _focus_case()
    cells = cells_for(forloeb=spells, samtaler=talks)
    assert cells.value("fokus_ja", "2021M03", "A") == 1
    assert cells.value("fokus_nej", "2021M03", "A") == 2
    assert math.isclose(cells.value("fokus_andel", "2021M03", "A"), 1 / 3)
    assert cells.value("fokus_ja", "2021M04", "B") == 1
    assert cells.value("fokus_andel", "2021M04", "B") == 1
    assert cells.value("fokus_ja", "2021M03", "ALLE") == 1
    assert cells.value("fokus_nej", "2021M04", "ALLE") == 0
    # month with no cohort: empty share, zero counts
    assert math.isnan(cells.value("fokus_andel", "2021M01", "A"))
    assert cells.value("fokus_ja", "2021M01", "A") == 0


def test_a_meeting_counts_for_focus_when_any_job_row_is_individual():
    spells = [spell("f1", "p1", "A", "2021-01-01", "2021-03-20", FULL)]
    talks = [
        talk("a1", "p1", "2021-01-05", "JOB", individuel=False),
        talk("a1", "p1", "2021-01-05", "FAELLES_JOB", individuel=True),
        talk("a2", "p1", "2021-02-05", "JOB"),
        # a CV row marked individual does not make a group job meeting count
        talk("a3", "p1", "2021-02-07", "JOB", individuel=False),
        talk("a3", "p1", "2021-02-07", "CV", individuel=True),
    ]
    cells = cells_for(forloeb=spells, samtaler=talks)
    assert cells.value("fokus_ja", "2021M03", "A") == 1


def test_conversation_counts_distribution_means():
    spells, talks = _focus_case()
    cells = cells_for(forloeb=spells, samtaler=talks)
    # A: p1 has 3 unique, p2 has 2, p3 has 1
    assert cells.value("samtaler_fordeling", "", "A", "3+") == 1
    assert cells.value("samtaler_fordeling", "", "A", "2") == 1
    assert cells.value("samtaler_fordeling", "", "A", "1") == 1
    assert cells.value("samtaler_fordeling", "", "A", "0") == 0
    assert math.isclose(cells.value("samtaler_fordeling_andel", "", "A", "1"), 1 / 3)
    assert cells.value("gns_samtaler", "2021M03", "A") == 2
    # ALLE over the period: 3 + 2 + 1 + 2 = 8 conversations, 4 spells
    assert cells.value("gns_samtaler_periode", "", "ALLE") == 2
    assert cells.value("samtaler_fordeling", "", "ALLE", "2") == 2
    assert math.isnan(cells.value("gns_samtaler_periode", "", "C"))


def test_focus_mean_is_unweighted_over_included_months_with_a_cohort():
    spells, talks = _focus_case()
    cells = cells_for(forloeb=spells, samtaler=talks)
    # A: only 2021M03 has a cohort -> 1/3; B: only 2021M04 -> 1
    assert math.isclose(cells.value("fokus_gennemsnit", "", "A"), 1 / 3)
    assert cells.value("fokus_opfyldt", "", "A") == 0
    assert cells.value("fokus_gennemsnit", "", "B") == 1
    assert cells.value("fokus_opfyldt", "", "B") == 1
    # ALLE: monthly shares 1/3 (M03) and 1/1 (M04) -> mean 2/3, not 2/4
    assert math.isclose(cells.value("fokus_gennemsnit", "", "ALLE"), 2 / 3)
    # C has no cohort: empty mean and flag
    assert math.isnan(cells.value("fokus_gennemsnit", "", "C"))
    assert math.isnan(cells.value("fokus_opfyldt", "", "C"))


def test_excluded_months_are_left_out_of_the_mean_only():
    spells = [
        # cohort 2021M02 (excluded in SMALL): nej
        spell("f1", "p1", "A", "2021-01-01", "2021-02-20", FULL),
        # cohort 2021M03: ja
        spell("f2", "p2", "A", "2021-01-01", "2021-03-20", FULL),
    ]
    talks = [talk("x1", "p2", "2021-01-05", "JOB"), talk("x2", "p2", "2021-02-05", "JOB")]
    cells = cells_for(forloeb=spells, samtaler=talks)
    assert cells.value("fokus_andel", "2021M02", "A") == 0  # still computed monthly
    assert cells.value("fokus_gennemsnit", "", "A") == 1
    assert cells.value("fokus_opfyldt", "", "A") == 1
    # the excluded cohort still counts in the distribution and the period mean
    assert cells.value("samtaler_fordeling", "", "A", "0") == 1
    assert cells.value("gns_samtaler_periode", "", "A") == 1
    # the bilag totals: 1a leaves the excluded month out, 1b keeps it
    assert cells.value("bilag_fokus_1a", "", "A", "NEJ") == 0
    assert cells.value("bilag_fokus_1b", "", "A", "NEJ") == 1
    assert cells.value("bilag_fokus_1b", "", "A", "I_ALT") == 2
    # the fokus_gennemsnit denominator: full-period spells of included months
    frame = cells.frame
    row = frame[(frame.measure == "fokus_gennemsnit") & (frame.akasse == "A")]
    assert row.denominator.iloc[0] == 1


def test_target_share_boundary_is_reached_exactly():
    # 17 of 20 = 0.85 exactly: meets the 85 % goal
    spells = [spell(f"f{i}", f"p{i}", "A", "2021-01-01", "2021-03-20", FULL) for i in range(20)]
    talks = [
        talk(f"t{i}-{k}", f"p{i}", f"2021-0{k}-05", "JOB") for i in range(17) for k in (1, 2)
    ]
    cells = cells_for(forloeb=spells, samtaler=talks)
    assert math.isclose(cells.value("fokus_gennemsnit", "", "A"), 0.85)
    assert cells.value("fokus_opfyldt", "", "A") == 1


def test_min_job_conversations_is_configurable():
    spells, talks = _focus_case()
    stricter = config_from_dict(
        {"trial_start": "2021M01", "akasser": ["A", "B", "C"],
         "focus": {"min_job_conversations": 3}}
    )
    cells = cells_for(config=stricter, forloeb=spells, samtaler=talks)
    assert cells.value("fokus_ja", "2021M03", "A") == 0
    assert cells.value("fokus_ja", "2021M03", "A") != cells_for(
        config=SMALL, forloeb=spells, samtaler=talks
    ).value("fokus_ja", "2021M03", "A")
