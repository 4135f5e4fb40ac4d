"""The row rules of SPEC §7: each bad row quarantined with its reason, good rows kept."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

D = dt.date

# (register, bad row, reason code, a piece of the rejects sentence)
SINGLE_ROW_CASES = [
    ("forloeb", ["", "P1", "FTF-A", "2022-01-01", "", ""], "missing_id", "forloeb_id is empty"),
    ("forloeb", ["F1", "  ", "FTF-A", "2022-01-01", "", ""], "missing_person_id", "person_id is"),
    (
        "forloeb",
        ["F1", "P1", "ftf-a", "2022-01-01", "", ""],
        "unknown_akasse",
        "akasse 'ftf-a' is not a configured a-kasse",
    ),
    ("forloeb", ["F1", "P1", "", "2022-01-01", "", ""], "unknown_akasse", "akasse is empty"),
    (
        "forloeb",
        ["F1", "P1", "FTF-A", "2022-01-01", "2022-02-01", "Fuld_Periode"],
        "unknown_slut_aarsag",
        "slut_aarsag 'Fuld_Periode' is not a known end reason",
    ),
    (
        "forloeb",
        ["F1", "P1", "FTF-A", "2022-4-1", "", ""],
        "invalid_date",
        "start_dato '2022-4-1' is not a valid date",
    ),
    (
        "forloeb",
        ["F1", "P1", "FTF-A", "01-04-2022", "", ""],
        "invalid_date",
        "start_dato '01-04-2022' is not a valid date",
    ),
    (
        "forloeb",
        ["F1", "P1", "FTF-A", "2022-02-30", "", ""],
        "invalid_date",
        "start_dato '2022-02-30' is not a valid date",
    ),
    ("forloeb", ["F1", "P1", "FTF-A", "", "", ""], "invalid_date", "start_dato is empty"),
    (
        "forloeb",
        ["F1", "P1", "FTF-A", "2022-01-01", "2022-13-01", "ANDET"],
        "invalid_date",
        "slut_dato '2022-13-01' is not a valid date",
    ),
    (
        "forloeb",
        ["F1", "P1", "FTF-A", "2022-02-01", "2022-01-01", "ANDET"],
        "end_before_start",
        "slut_dato 2022-01-01 is before start_dato 2022-02-01",
    ),
    (
        "forloeb",
        ["F1", "P1", "FTF-A", "2022-01-01", "2022-02-01", ""],
        "end_reason_mismatch",
        "slut_dato 2022-02-01 is given but slut_aarsag is empty",
    ),
    (
        "forloeb",
        ["F1", "P1", "FTF-A", "2022-01-01", "", "SYGDOM"],
        "end_reason_mismatch",
        "slut_aarsag SYGDOM is given but slut_dato is empty",
    ),
    ("samtaler", ["", "P1", "2022-02-01", "CV", ""], "missing_id", "samtale_id is empty"),
    ("samtaler", ["S1", "", "2022-02-01", "CV", ""], "missing_person_id", "person_id is empty"),
    (
        "samtaler",
        ["S1", "P1", "2022-02-01", "job", ""],
        "unknown_samtaletype",
        "samtaletype 'job' is not a known conversation type",
    ),
    ("samtaler", ["S1", "P1", "2022-02-01", "", ""], "unknown_samtaletype", "samtaletype is empty"),
    (
        "samtaler",
        ["S1", "P1", "2022/02/01", "CV", ""],
        "invalid_date",
        "dato '2022/02/01' is not a valid date",
    ),
    ("samtaler", ["S1", "P1", "", "CV", ""], "invalid_date", "dato is empty"),
    (
        "samtaler",
        ["S1", "P1", "2022-02-01", "CV", "yes"],
        "invalid_individuel",
        "individuel 'yes' is not a boolean",
    ),
    ("tilbud", ["", "P1", "2022-03-01", "LOENTILSKUD"], "missing_id", "tilbud_id is empty"),
    ("tilbud", ["T1", "", "2022-03-01", "LOENTILSKUD"], "missing_person_id", "person_id is empty"),
    (
        "tilbud",
        ["T1", "P1", "2022-03-01", "Loentilskud"],
        "unknown_kategori",
        "kategori 'Loentilskud' is not a known offer category",
    ),
    (
        "tilbud",
        ["T1", "P1", "2022-3-01", "LOENTILSKUD"],
        "invalid_date",
        "start_dato '2022-3-01' is not a valid date",
    ),
]


@pytest.mark.parametrize(("register", "row", "reason", "text"), SINGLE_ROW_CASES)
def test_single_row_rule_quarantines_the_bad_row_only(registers, register, row, reason, text):
    getattr(registers, register)([row])
    loaded = registers.load()

    id_column = {"forloeb": "forloeb_id", "samtaler": "samtale_id", "tilbud": "tilbud_id"}
    assert registers.column(loaded, register, id_column[register]) == [f"{register[0].upper()}0"]
    assert registers.reasons(loaded, register) == {reason: 1}
    [reject] = registers.rejects_of(register)
    assert reject["row"] == "2"  # the good row is data row 1
    assert text in reject["reason"]


def test_a_one_day_spell_and_every_end_reason_are_valid(registers):
    rows = [
        [f"F{i}", f"P{i}", "HK-A", "2022-02-01", "2022-02-01", reason]
        for i, reason in enumerate(
            ["BESKAEFTIGELSE", "UDMELDT", "SYGDOM", "ANDEN_YDELSE", "ANDET"], start=1
        )
    ]
    registers.forloeb([*rows, ["F9", "P9", "Dansk Metal", "2020-03-01", "", ""]])
    loaded = registers.load()
    assert loaded.tables["forloeb"].num_rows == 7
    assert registers.column(loaded, "forloeb", "slut_dato")[-1] is None  # ongoing
    assert registers.column(loaded, "forloeb", "start_dato")[-1] == D(2020, 3, 1)


@pytest.mark.parametrize(
    ("row", "reason"),
    [
        (["", "", "XX", "bad", "bad", "XX"], "missing_id"),
        (["F1", "", "XX", "bad", "", ""], "missing_person_id"),
        (["F1", "P1", "XX", "bad", "", "XX"], "unknown_akasse"),
        (["F1", "P1", "FTF-A", "bad", "", "XX"], "unknown_slut_aarsag"),
        (["F1", "P1", "FTF-A", "bad", "2022-01-01", ""], "invalid_date"),
        (["F1", "P1", "FTF-A", "2022-02-01", "2022-01-01", ""], "end_before_start"),
    ],
)
def test_a_row_breaking_several_rules_gets_the_first_in_the_fixed_order(registers, row, reason):
    registers.forloeb([row])
    assert registers.reasons(registers.load(), "forloeb") == {reason: 1}


def test_duplicated_forloeb_id_quarantines_every_copy(registers):
    registers.forloeb(
        [
            ["F1", "P1", "FTF-A", "2022-01-01", "2022-01-31", "ANDET"],
            ["F1", "P2", "FTF-A", "2022-03-01", "", ""],
            ["F2", "P3", "FTF-A", "2022-03-01", "", ""],
        ]
    )
    loaded = registers.load()
    assert registers.column(loaded, "forloeb", "forloeb_id") == ["F0", "F2"]
    rejects = registers.rejects_of("forloeb")
    assert [r["row"] for r in rejects] == ["2", "3"]
    assert all("duplicate forloeb_id 'F1' (2 copies" in r["reason"] for r in rejects)


def test_a_copy_that_failed_a_single_row_rule_does_not_make_a_duplicate(registers):
    # The rules across rows look only at the rows that passed the single-row rules.
    registers.forloeb(
        [
            ["F1", "P1", "FTF-A", "2022-01-01", "", ""],
            ["F1", "P2", "NOPE", "2022-01-01", "", ""],
        ]
    )
    loaded = registers.load()
    assert registers.column(loaded, "forloeb", "forloeb_id") == ["F0", "F1"]
    assert registers.reasons(loaded, "forloeb") == {"unknown_akasse": 1}


def test_duplicated_tilbud_id_quarantines_every_copy(registers):
    registers.tilbud(
        [
            ["T1", "P1", "2022-03-01", "LOENTILSKUD"],
            ["T1", "P1", "2022-03-01", "LOENTILSKUD"],
            ["T2", "P1", "2022-03-01", "VIRKSOMHEDSPRAKTIK"],
        ]
    )
    loaded = registers.load()
    assert registers.column(loaded, "tilbud", "tilbud_id") == ["T0", "T2"]
    assert registers.reasons(loaded, "tilbud") == {"duplicate_id": 2}
    assert "duplicate tilbud_id 'T1'" in registers.rejects_of("tilbud")[0]["reason"]


def test_spells_of_one_person_sharing_a_day_both_go(registers):
    registers.forloeb(
        [
            # P1: the ongoing spell starts on the last day of the first: both go.
            ["A1", "P1", "FTF-A", "2022-01-01", "2022-03-31", "ANDET"],
            ["A2", "P1", "FTF-A", "2022-03-31", "", ""],
            # P2: back to back, no shared day: both stay.
            ["B1", "P2", "FTF-A", "2022-01-01", "2022-01-31", "ANDET"],
            ["B2", "P2", "FTF-A", "2022-02-01", "2022-02-28", "ANDET"],
            # P3: a chain; only the two that overlap go.
            ["C1", "P3", "FTF-A", "2022-01-01", "2022-01-31", "ANDET"],
            ["C2", "P3", "FTF-A", "2022-01-15", "2022-02-15", "ANDET"],
            ["C3", "P3", "FTF-A", "2022-03-01", "", ""],
            # P4: an early ongoing spell overlaps everything after it.
            ["D1", "P4", "FTF-A", "2021-01-01", "", ""],
            ["D2", "P4", "FTF-A", "2022-06-01", "2022-06-30", "ANDET"],
            # P5: two short spells inside one long one: all three go.
            ["E1", "P5", "FTF-A", "2022-01-01", "2022-12-31", "ANDET"],
            ["E2", "P5", "FTF-A", "2022-03-01", "2022-03-02", "ANDET"],
            ["E3", "P5", "FTF-A", "2022-06-01", "2022-06-02", "ANDET"],
            # P6 overlaps P1's dates but is another person.
            ["F1", "P6", "FTF-A", "2022-02-01", "", ""],
        ]
    )
    loaded = registers.load()
    assert registers.column(loaded, "forloeb", "forloeb_id") == ["F0", "B1", "B2", "C3", "F1"]
    quarantined = {r["forloeb_id"]: r["reason"] for r in registers.rejects_of("forloeb")}
    assert sorted(quarantined) == ["A1", "A2", "C1", "C2", "D1", "D2", "E1", "E2", "E3"]
    assert "spell A2 (2022-03-31 to open end) shares a day" in quarantined["A2"]
    assert registers.reasons(loaded, "forloeb") == {"overlapping_spells": 9}


def test_duplicate_id_is_recorded_before_overlap(registers):
    registers.forloeb(
        [
            ["F1", "P1", "FTF-A", "2022-01-01", "", ""],
            ["F1", "P1", "FTF-A", "2022-01-01", "", ""],
            ["F2", "P1", "FTF-A", "2022-05-01", "", ""],
        ]
    )
    loaded = registers.load()
    # Every rule across rows sees all rows that passed, so F2 overlaps the F1 copies.
    assert registers.reasons(loaded, "forloeb") == {"duplicate_id": 2, "overlapping_spells": 1}


spell_days = st.tuples(st.integers(0, 40), st.one_of(st.none(), st.integers(0, 15)))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 3), spell_days), max_size=9))
def test_overlap_rule_agrees_with_a_pairwise_comparison(make_registers, spells):
    registers = make_registers()
    origin = D(2022, 1, 1)
    rows, bounds = [], []
    for i, (person, (start, length)) in enumerate(spells):
        first = origin + dt.timedelta(days=start)
        last = None if length is None else first + dt.timedelta(days=length)
        rows.append(
            [
                f"X{i}",
                f"Q{person}",
                "FTF-A",
                first.isoformat(),
                "" if last is None else last.isoformat(),
                "" if last is None else "ANDET",
            ]
        )
        bounds.append((person, first, last or D.max))
    registers.forloeb(rows)

    expected = {
        f"X{i}"
        for i, (p, a, b) in enumerate(bounds)
        for j, (q, c, d) in enumerate(bounds)
        if i != j and p == q and a <= d and c <= b
    }
    registers.load()
    assert {r["forloeb_id"] for r in registers.rejects_of("forloeb")} == expected


def test_samtale_rows_disagreeing_on_person_or_dato_lose_all_rows(registers):
    registers.samtaler(
        [
            ["S1", "P1", "2022-02-01", "CV", ""],
            ["S1", "P2", "2022-02-01", "JOB", ""],
            ["S2", "P1", "2022-02-01", "CV", ""],
            ["S2", "P1", "2022-02-02", "JOB", ""],
            ["S3", "P1", "2022-02-01", "CV", ""],
            ["S3", "P1", "2022-02-01", "JOB", ""],
        ]
    )
    loaded = registers.load()
    assert registers.column(loaded, "samtaler", "samtale_id") == ["S0", "S3", "S3"]
    assert registers.reasons(loaded, "samtaler") == {"inconsistent_samtale": 4}
    texts = [r["reason"] for r in registers.rejects_of("samtaler")]
    assert "samtale_id 'S1' have different person_id" in texts[0]
    assert "samtale_id 'S2' have different dato, from 2022-02-01 to 2022-02-02" in texts[2]


def test_repeated_samtale_type_is_kept_once_and_individual_if_any_copy_is(registers):
    registers.samtaler(
        [
            ["S1", "P1", "2022-02-01", "JOB", "nej"],
            ["S1", "P1", "2022-02-01", "JOB", "JA"],
            ["S1", "P1", "2022-02-01", "CV", "0"],
            ["S2", "P1", "2022-02-03", "JOB", "false"],
            ["S2", "P1", "2022-02-03", "JOB", "0"],
        ]
    )
    loaded = registers.load()
    table = loaded.tables["samtaler"].to_pylist()
    assert [(r["samtale_id"], r["samtaletype"], r["individuel"]) for r in table] == [
        ("S0", "JOB", True),
        ("S1", "JOB", True),
        ("S1", "CV", False),
        ("S2", "JOB", False),
    ]
    [warning] = [w for w in loaded.quality.warnings if w.code == "duplicate_samtaletype"]
    assert (warning.register, warning.rows) == ("samtaler", 2)
    [recon] = [r for r in loaded.quality.reconciliation if r.register == "samtaler"]
    assert (recon.read, recon.used, recon.quarantined) == (6, 6, 0)
    assert registers.rejects_of("samtaler") == []


def test_short_full_period_spells_are_a_warning_not_a_rejection(registers):
    registers.forloeb(
        [
            # 2022-01-01..2022-03-17 is 76 days counting both ends: short.
            ["F1", "P1", "FTF-A", "2022-01-01", "2022-03-17", "FULD_PERIODE"],
            # 77 days: long enough.
            ["F2", "P2", "FTF-A", "2022-01-01", "2022-03-18", "FULD_PERIODE"],
            # Short, but not a full period.
            ["F3", "P3", "FTF-A", "2022-01-01", "2022-01-05", "BESKAEFTIGELSE"],
        ]
    )
    loaded = registers.load()
    assert loaded.tables["forloeb"].num_rows == 4
    [warning] = loaded.quality.warnings
    assert (warning.register, warning.code, warning.rows) == ("forloeb", "short_full_period", 1)


def test_reconciliation_balances_per_register(registers):
    registers.forloeb([["F1", "P1", "XX", "2022-01-01", "", ""], ["F2", "P2", "HK-A", "x", "", ""]])
    registers.samtaler([["S1", "P1", "2022-02-01", "CV", ""], ["S1", "P1", "2022-02-01", "CV", ""]])
    registers.tilbud([["T1", "P1", "2022-03-01", "NOPE"]])
    loaded = registers.load()
    recon = {
        r.register: (r.source, r.read, r.used, r.quarantined) for r in loaded.quality.reconciliation
    }
    assert recon == {
        "forloeb": ("forloeb.csv", 3, 1, 2),
        "samtaler": ("samtaler.csv", 3, 3, 0),
        "tilbud": ("tilbud.csv", 2, 1, 1),
    }
    assert all(r.balanced for r in loaded.quality.reconciliation)
    counts = {(q.register, q.reason): q.rows for q in loaded.quality.quarantined}
    assert counts == {
        ("forloeb", "unknown_akasse"): 1,
        ("forloeb", "invalid_date"): 1,
        ("tilbud", "unknown_kategori"): 1,
    }
    assert all(q.text and q.text_da for q in loaded.quality.quarantined)


def test_the_conversations_kept_from_the_checks_are_those_of_the_used_rows(registers):
    # The measures read the samtaler check's group-by (DuckDB) instead of grouping the
    # used rows again: the same conversations, over repeated types, disagreeing rows
    # and rows that broke a single-row rule.
    from akassemonitor.config import Config
    from akassemonitor.measures.base import MeasureContext
    from akassemonitor.months import Month
    from akassemonitor.store import Store

    registers.samtaler(
        [
            ["S1", "P1", "2022-02-01", "JOB", "nej"],
            ["S1", "P1", "2022-02-01", "JOB", "JA"],
            ["S1", "P1", "2022-02-01", "CV", "0"],
            ["S2", "P1", "2022-02-03", "FAELLES_JOB", "false"],
            ["S2", "P1", "2022-02-03", "FAELLES_JOB", "0"],
            ["S2", "P1", "2022-02-03", "RAADIGHED", "1"],
            ["S3", "P1", "2022-02-01", "CV", ""],
            ["S3", "P2", "2022-02-01", "JOB", ""],
            ["S4", "P3", "2022-02-05", "JOB", "maybe"],
            ["S4", "P3", "2022-02-05", "CV", "1"],
            ["S5", "P3", "2022-02-30", "JOB", "1"],
        ]
    )
    loaded = registers.load()
    assert loaded.store.conversations_table is not None
    month = Month.parse("2022M04")

    def conversations(store: Store) -> list[dict]:
        table = MeasureContext(store, Config(), month).conversations
        return table.order_by("samtale_id").to_pyarrow().to_pylist()

    kept = conversations(loaded.store)
    assert kept == conversations(Store(loaded.store.con))
    assert [r["samtale_id"] for r in kept] == ["S0", "S1", "S2", "S4"]
    assert [r["rows"] for r in kept] == [1, 2, 2, 1]
