"""Tema 1: started and ended spells, end-reason shares, persons covered (hand-computed)."""

from __future__ import annotations

import math

from tiny import cells_for, spell

SPELLS = [
    # A: started Jan, full period ended Mar
    spell("f1", "p1", "A", "2021-01-05", "2021-03-31", "FULD_PERIODE"),
    # A: started Feb, ended Mar with job
    spell("f2", "p2", "A", "2021-02-01", "2021-03-15", "BESKAEFTIGELSE"),
    # B: started before the trial, still ongoing
    spell("f3", "p3", "B", "2020-06-01"),
    # C: starts and ends in April
    spell("f4", "p4", "C", "2021-04-01", "2021-04-20", "SYGDOM"),
]


def test_started_spells_per_month_and_alle():
    cells = cells_for(forloeb=SPELLS)
    assert cells.value("paabegyndte_forloeb", "2021M01", "A") == 1
    assert cells.value("paabegyndte_forloeb", "2021M02", "A") == 1
    assert cells.value("paabegyndte_forloeb", "2021M02", "ALLE") == 1
    assert cells.value("paabegyndte_forloeb", "2021M04", "C") == 1
    # f3 started before trial_start: in no month of the series
    assert cells.value("paabegyndte_forloeb", "2021M01", "B") == 0
    assert sum(
        cells.value("paabegyndte_forloeb", m, "ALLE")
        for m in ("2021M01", "2021M02", "2021M03", "2021M04")
    ) == 3


def test_ended_spells_by_reason_and_total():
    cells = cells_for(forloeb=SPELLS)
    assert cells.value("afsluttede_forloeb", "2021M03", "A", "FULD_PERIODE") == 1
    assert cells.value("afsluttede_forloeb", "2021M03", "A", "BESKAEFTIGELSE") == 1
    assert cells.value("afsluttede_forloeb", "2021M03", "A", "I_ALT") == 2
    assert cells.value("afsluttede_forloeb", "2021M03", "ALLE", "I_ALT") == 2
    assert cells.value("afsluttede_forloeb", "2021M04", "C", "SYGDOM") == 1
    assert cells.value("afsluttede_forloeb", "2021M04", "ALLE", "ANDET") == 0


def test_end_reason_shares_of_the_period():
    cells = cells_for(forloeb=SPELLS)
    # A ended 2 spells in the period: one full period, one job
    assert cells.value("afslutningsaarsag_andel", "", "A", "FULD_PERIODE") == 0.5
    assert cells.value("afslutningsaarsag_andel", "", "A", "SYGDOM") == 0
    # ALLE: 3 ended spells, one each of three reasons
    assert math.isclose(cells.value("afslutningsaarsag_andel", "", "ALLE", "SYGDOM"), 1 / 3)
    # B ended nothing: empty (denominator 0)
    assert math.isnan(cells.value("afslutningsaarsag_andel", "", "B", "FULD_PERIODE"))


def test_end_reason_share_leaves_out_spells_ended_after_the_report_month():
    late = [*SPELLS, spell("f5", "p5", "A", "2021-03-01", "2021-05-03", "ANDET")]
    cells = cells_for(forloeb=late)
    assert cells.value("afslutningsaarsag_andel", "", "A", "ANDET") == 0


def test_persons_covered_in_the_last_seven_days():
    spells = [
        # active exactly on the first of the last 7 days of April (24th): counts
        spell("a", "p1", "A", "2021-04-01", "2021-04-24", "ANDET"),
        # ends the day before the last week: does not count in April
        spell("b", "p2", "A", "2021-04-01", "2021-04-23", "ANDET"),
        # starts on the last day of April: counts
        spell("c", "p3", "B", "2021-04-30"),
        # ongoing from before the trial: counts in every month
        spell("d", "p4", "C", "2020-01-01"),
    ]
    cells = cells_for(forloeb=spells)
    assert cells.value("personer_omfattet", "2021M04", "A") == 1
    assert cells.value("personer_omfattet", "2021M04", "B") == 1
    assert cells.value("personer_omfattet", "2021M04", "C") == 1
    assert cells.value("personer_omfattet", "2021M04", "ALLE") == 3
    assert cells.value("personer_omfattet", "2021M01", "ALLE") == 1


def test_a_person_with_two_spells_in_different_akasser_counts_once_for_the_latest():
    spells = [
        spell("a", "p1", "A", "2021-01-01", "2021-03-26", "UDMELDT"),
        spell("b", "p1", "B", "2021-03-28", "2021-06-30", "FULD_PERIODE"),
    ]
    cells = cells_for(forloeb=spells)
    # both spells active in the last 7 days of March (25th-31st): latest start wins
    assert cells.value("personer_omfattet", "2021M03", "A") == 0
    assert cells.value("personer_omfattet", "2021M03", "B") == 1
    assert cells.value("personer_omfattet", "2021M03", "ALLE") == 1
    assert cells.value("personer_omfattet", "2021M02", "A") == 1
    # each spell counts for its own a-kasse when started/ended
    assert cells.value("afsluttede_forloeb", "2021M03", "A", "UDMELDT") == 1
    assert cells.value("paabegyndte_forloeb", "2021M03", "B") == 1


def test_share_of_persons_covered_in_the_report_month():
    spells = [
        spell("a", "p1", "A", "2021-04-01"),
        spell("b", "p2", "A", "2021-04-01"),
        spell("c", "p3", "B", "2021-04-01"),
        spell("d", "p4", "C", "2021-01-01", "2021-02-01", "ANDET"),
    ]
    cells = cells_for(forloeb=spells)
    frame = cells.frame
    shares = frame[frame.measure == "personer_omfattet_andel"]
    assert set(shares.month) == {"2021M04"}
    assert math.isclose(cells.value("personer_omfattet_andel", "2021M04", "A"), 2 / 3)
    assert math.isclose(cells.value("personer_omfattet_andel", "2021M04", "B"), 1 / 3)
    assert cells.value("personer_omfattet_andel", "2021M04", "C") == 0
    assert cells.value("personer_omfattet_andel", "2021M04", "ALLE") == 1


def test_every_key_of_the_period_is_present_with_zero_counts():
    cells = cells_for(forloeb=SPELLS)
    frame = cells.frame
    started = frame[frame.measure == "paabegyndte_forloeb"]
    # 4 months x (3 a-kasser + ALLE)
    assert len(started) == 16
    ended = frame[frame.measure == "afsluttede_forloeb"]
    assert len(ended) == 4 * 4 * 7
    assert (ended.value >= 0).all()


def test_the_last_week_of_a_leap_february_and_a_next_spell_starting_in_it():
    spells = [
        # ends on the first of the last 7 days of February 2024 (23rd to 29th): counts
        spell("a", "p1", "A", "2024-01-10", "2024-02-23", "ANDET"),
        # ends on the 22nd, before that week: does not count in February
        spell("b", "p2", "A", "2024-01-10", "2024-02-22", "ANDET"),
        # ends in the week, the person's next spell starts later in it: the next counts
        spell("c", "p3", "A", "2024-01-10", "2024-02-24", "ANDET"),
        spell("d", "p3", "B", "2024-02-27", "2024-02-28", "ANDET"),
        spell("e", "p3", "C", "2024-02-29", "2024-05-01", "ANDET"),
    ]
    cells = cells_for(forloeb=spells, month="2024M04")
    assert cells.value("personer_omfattet", "2024M02", "A") == 1
    assert cells.value("personer_omfattet", "2024M02", "B") == 0
    assert cells.value("personer_omfattet", "2024M02", "C") == 1
    assert cells.value("personer_omfattet", "2024M02", "ALLE") == 2
    assert cells.value("personer_omfattet", "2024M01", "A") == 3
    assert cells.value("personer_omfattet", "2024M03", "C") == 1
    assert cells.value("personer_omfattet", "2024M04", "ALLE") == 1
