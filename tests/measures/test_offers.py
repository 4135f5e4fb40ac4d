"""Tema 3: persons starting offers and the distribution of offer starts (hand-computed)."""

from __future__ import annotations

import math

from tiny import cells_for, offer, spell

SPELLS = [
    spell("f1", "p1", "A", "2021-01-01", "2021-03-31", "FULD_PERIODE"),
    spell("f2", "p1", "B", "2021-04-01"),
    spell("f3", "p2", "A", "2021-01-01"),
]


def test_distinct_persons_by_category_and_any_category():
    offers = [
        offer("t1", "p1", "2021-02-01", "LOENTILSKUD"),
        offer("t2", "p1", "2021-02-15", "LOENTILSKUD"),  # same person: counted once
        offer("t3", "p1", "2021-02-20", "VIRKSOMHEDSPRAKTIK"),
        offer("t4", "p2", "2021-02-20", "VIRKSOMHEDSPRAKTIK"),
    ]
    cells = cells_for(forloeb=SPELLS, tilbud=offers)
    assert cells.value("tilbud_personer", "2021M02", "A", "LOENTILSKUD") == 1
    assert cells.value("tilbud_personer", "2021M02", "A", "VIRKSOMHEDSPRAKTIK") == 2
    assert cells.value("tilbud_personer", "2021M02", "A", "I_ALT") == 2  # not 3
    assert cells.value("tilbud_personer", "2021M02", "ALLE", "I_ALT") == 2


def test_alle_counts_a_person_once_across_akasser():
    offers = [
        offer("t1", "p1", "2021-03-31", "LOENTILSKUD"),  # last day of the A spell
        offer("t2", "p1", "2021-04-01", "LOENTILSKUD"),  # first day of the B spell
        offer("t3", "p9", "2021-04-01", "LOENTILSKUD"),  # in no spell: left out
    ]
    cells = cells_for(forloeb=SPELLS, tilbud=offers)
    assert cells.value("tilbud_personer", "2021M03", "A", "LOENTILSKUD") == 1
    assert cells.value("tilbud_personer", "2021M04", "B", "LOENTILSKUD") == 1
    assert cells.value("tilbud_personer", "2021M04", "ALLE", "I_ALT") == 1


def test_distribution_counts_offer_starts_not_persons():
    offers = [
        offer("t1", "p1", "2021-02-01", "LOENTILSKUD"),
        offer("t2", "p1", "2021-02-15", "LOENTILSKUD"),
        offer("t3", "p2", "2021-02-20", "VIRKSOMHEDSPRAKTIK"),
        offer("t4", "p2", "2021-05-20", "VIRKSOMHEDSPRAKTIK"),  # after M: not in the period
    ]
    cells = cells_for(forloeb=SPELLS, tilbud=offers)
    assert math.isclose(cells.value("tilbud_fordeling", "", "A", "LOENTILSKUD"), 2 / 3)
    assert math.isclose(cells.value("tilbud_fordeling", "", "ALLE", "VIRKSOMHEDSPRAKTIK"), 1 / 3)
    assert cells.value("tilbud_fordeling", "", "A", "RAADIGHEDSAFPROEVNING") == 0
    assert math.isnan(cells.value("tilbud_fordeling", "", "B", "LOENTILSKUD"))
