"""The row rules of SPEC §7, run as DuckDB SQL over a register read as text.

Each rule is a SQL condition, true when a row breaks it, and a SQL sentence for the
rejects file. One ``CASE`` tests the single-row rules in the order of ``rules.REASONS``;
grouped aggregates (and, for overlapping spells, a window sorted by start) then test
the rules across rows on the rows that passed. All of it is set-based (no Python loop
over rows), so ten million rows take seconds.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import duckdb
import pyarrow as pa

from akassemonitor import quality
from akassemonitor.codes import (
    CONVERSATION_TYPES,
    END_REASONS,
    FALSE_WORDS,
    FULL_PERIOD,
    OFFER_CATEGORIES,
    TRUE_WORDS,
)
from akassemonitor.config import Config
from akassemonitor.registers.readers import ROW, RawRegister
from akassemonitor.registers.rules import REASON_ORDER
from akassemonitor.registers.schema import FORLOEB, SAMTALER, TILBUD, Register

_OPEN_END = "DATE '9999-12-31'"  # an ongoing spell has no upper bound


@dataclass(frozen=True)
class _Rule:
    reason: str  # code in rules.REASONS
    breaks: str  # SQL: true when the row breaks the rule
    text: str  # SQL: the sentence in the rejects file


@dataclass(frozen=True)
class _Group:
    """Aggregates per ``key`` over the rows that passed, kept only where ``having`` holds.

    A grouped aggregate joined back is much cheaper than a window over ten million rows,
    and the join side is tiny: only the offending keys.
    """

    key: str
    aggregates: dict[str, str]  # alias -> aggregate SQL
    having: str


@dataclass(frozen=True)
class _Plan:
    """How to check one register: typed columns, rules, aggregates, and the clean select."""

    typed: dict[str, str]  # alias -> SQL over the text columns
    single: list[_Rule]
    groups: list[_Group]  # for the rules across rows
    windows: dict[str, str]  # alias -> window SQL over the rows that passed
    across: list[_Rule]
    clean: str  # SQL selecting the used rows from "usable", in schema order


@dataclass(frozen=True)
class CheckedRegister:
    """One register after the rules: the used rows, the quarantined rows, and counts."""

    register: Register
    table: pa.Table  # exactly register.schema
    rejects: pa.Table  # the file's register columns as read, then row, reason
    read: int
    quarantined: dict[str, int]  # reason code -> rows, in rules order
    warnings: tuple[quality.Warning, ...]

    @property
    def quarantined_rows(self) -> int:
        return sum(self.quarantined.values())


def check_register(
    raw: RawRegister, config: Config, con: duckdb.DuckDBPyConnection
) -> CheckedRegister:
    """Apply the row rules to ``raw``; the checks run in ``con`` (a DuckDB connection).

    Only the quarantined rows are materialised (usually few); the used rows are then
    selected from the input by an anti-join on the row number, so memory stays near
    the size of the input.
    """
    register = raw.register
    plan = _PLANS[register.name](config)
    rules = [*plan.single, *plan.across]
    table = raw.table
    for name in register.optional:  # an absent optional column reads as all empty
        if name not in table.column_names:
            table = table.append_column(name, pa.nulls(table.num_rows, pa.string()))
    typed = "".join(f", {sql} AS {alias}" for alias, sql in plan.typed.items())
    con.register("raw", table)
    try:
        con.execute(f"CREATE OR REPLACE TEMP VIEW typed AS SELECT *{typed} FROM raw")
        con.execute(
            "CREATE OR REPLACE TEMP TABLE rejected AS "
            + _rejected_sql(plan, raw.file_columns, rules)
        )
        usable = 'WITH usable AS (SELECT * FROM typed ANTI JOIN rejected USING ("row")) '
        clean = con.sql(usable + plan.clean).to_arrow_table()
        columns = ", ".join(_ident(name) for name in (*raw.file_columns, ROW, "reason"))
        rejects = con.sql(f'SELECT {columns} FROM rejected ORDER BY "row"').to_arrow_table()
        counts = con.execute("SELECT _rule, count(*) FROM rejected GROUP BY _rule").fetchall()
        short = 0
        if register is FORLOEB:
            found = con.execute(usable + _short_full_period_sql(config)).fetchone()
            short = found[0] if found else 0
    finally:
        con.execute("DROP TABLE IF EXISTS rejected")
        con.execute("DROP VIEW IF EXISTS typed")
        con.unregister("raw")
    quarantined = _by_reason((rules[index].reason, rows) for index, rows in counts)
    used = raw.table.num_rows - sum(quarantined.values())
    return CheckedRegister(
        register=register,
        table=pa.Table.from_arrays(
            [clean.column(f.name).cast(f.type) for f in register.schema],
            schema=register.schema,
        ),
        rejects=rejects,
        read=raw.table.num_rows,
        quarantined=quarantined,
        warnings=_warnings(register, config, merged=used - clean.num_rows, short=short),
    )


# --- SQL assembly --------------------------------------------------------------------


def _rejected_sql(plan: _Plan, file_columns: Iterable[str], rules: list[_Rule]) -> str:
    """The quarantined rows: file columns, row, ``_rule`` (index of the first rule broken)
    and ``reason`` (the sentence for the rejects file)."""
    single = _first_broken(plan.single, offset=0)
    across = _first_broken(plan.across, offset=len(plan.single))
    groups = "".join(
        f" LEFT JOIN (SELECT {group.key}"
        + "".join(f", {sql} AS {alias}" for alias, sql in group.aggregates.items())
        + f" FROM single WHERE _single IS NULL GROUP BY {group.key} HAVING {group.having})"
        f" USING ({group.key})"
        for group in plan.groups
    )
    windows = "".join(f", {sql} AS {alias}" for alias, sql in plan.windows.items())
    texts = " ".join(f"WHEN {i} THEN {rule.text}" for i, rule in enumerate(rules))
    columns = ", ".join(_ident(name) for name in file_columns)
    return f"""
        WITH single AS (SELECT *, {single} AS _single FROM typed),
        passed AS (SELECT *{windows} FROM single{groups} WHERE _single IS NULL),
        ruled AS (
            SELECT * FROM (SELECT *, {across} AS _rule FROM passed) WHERE _rule IS NOT NULL
            UNION ALL BY NAME
            SELECT *, _single AS _rule FROM single WHERE _single IS NOT NULL
        )
        SELECT {columns}, "{ROW}", _rule, CASE _rule {texts} END AS reason FROM ruled
    """


def _first_broken(rules: list[_Rule], offset: int) -> str:
    whens = " ".join(f"WHEN {rule.breaks} THEN {offset + i}" for i, rule in enumerate(rules))
    return f"(CASE {whens} END)"


def _short_full_period_sql(config: Config) -> str:
    return (
        "SELECT count(*) FROM usable "
        f"WHERE slut_aarsag = {_literal(FULL_PERIOD)} "
        f"AND date_diff('day', _start_dato, _slut_dato) + 1 < {int(config.min_full_period_days)}"
    )


def _by_reason(pairs: Iterable[tuple[str, int]]) -> dict[str, int]:
    totals: dict[str, int] = {}
    for reason, rows in pairs:
        totals[reason] = totals.get(reason, 0) + rows
    return dict(sorted(totals.items(), key=lambda item: REASON_ORDER[item[0]]))


def _warnings(
    register: Register, config: Config, merged: int, short: int
) -> tuple[quality.Warning, ...]:
    warnings = []
    if merged:
        warnings.append(
            quality.Warning(
                register=register.name,
                code="duplicate_samtaletype",
                text="repeated (samtale_id, samtaletype) rows merged into one "
                "(individuel true if any copy is)",
                text_da="Gentagne rækker med samme samtale_id og samtaletype slået sammen til én",
                rows=merged,
            )
        )
    if short:
        days = config.min_full_period_days
        warnings.append(
            quality.Warning(
                register=register.name,
                code="short_full_period",
                text=f"FULD_PERIODE spells shorter than {days} days",
                text_da=f"Forløb med fuld forsøgsperiode på under {days} dage",
                rows=short,
            )
        )
    return tuple(warnings)


# --- SQL pieces ----------------------------------------------------------------------


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def _ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _one_of(column: str, values: Iterable[str]) -> str:
    return f"{column} IN ({', '.join(_literal(v) for v in values)})"


def _as_date(column: str) -> str:
    """The date, or null unless the text is a zero-padded real ``YYYY-MM-DD`` date."""
    return (
        f"CASE WHEN regexp_full_match({column}, '[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}') "
        f"AND {column} >= '0001' THEN try_cast({column} AS DATE) END"
    )


def _as_boolean(column: str) -> str:
    """True, false, or null for a text that is no boolean; empty is true (SPEC §2)."""
    return (
        f"CASE WHEN {column} IS NULL THEN TRUE "
        f"WHEN {_one_of(f'lower({column})', sorted(TRUE_WORDS))} THEN TRUE "
        f"WHEN {_one_of(f'lower({column})', sorted(FALSE_WORDS))} THEN FALSE END"
    )


def _present(reason: str, column: str) -> _Rule:
    return _Rule(reason, f"{column} IS NULL", _literal(f"{column} is empty"))


def _known_code(
    reason: str, column: str, codes: Iterable[str], what: str, *, required: bool = True
) -> _Rule:
    codes = tuple(codes)
    known = _literal(", ".join(codes))
    message = f"{column} '{{}}' is not {what}; the codes (case-sensitive) are {{}}"
    unknown = f"NOT {_one_of(column, codes)}"
    return _Rule(
        reason,
        f"({column} IS NULL OR {unknown})" if required else f"({column} IS NOT NULL AND {unknown})",
        f"CASE WHEN {column} IS NULL THEN {_literal(f'{column} is empty')} "
        f"ELSE format({_literal(message)}, {column}, {known}) END",
    )


def _valid_date(column: str, *, required: bool = True) -> list[_Rule]:
    typed = f"_{column}"
    message = f"{column} '{{}}' is not a valid date; write YYYY-MM-DD, e.g. 2022-04-01"
    bad = _Rule(
        "invalid_date",
        f"({column} IS NOT NULL AND {typed} IS NULL)",
        f"format({_literal(message)}, {column})",
    )
    if not required:
        return [bad]
    return [_Rule("invalid_date", f"{column} IS NULL", _literal(f"{column} is empty")), bad]


def _copies(column: str) -> _Group:
    return _Group(key=column, aggregates={"_copies": "count(*)"}, having="count(*) > 1")


def _duplicate_id(column: str) -> _Rule:
    message = f"duplicate {column} '{{}}' ({{}} copies; every copy quarantined)"
    return _Rule(
        "duplicate_id",
        "_copies > 1",
        f"format({_literal(message)}, {column}, _copies)",
    )


# --- One plan per register -----------------------------------------------------------


def _forloeb_plan(config: Config) -> _Plan:
    end = f"coalesce(_slut_dato, {_OPEN_END})"
    by_person = 'PARTITION BY person_id ORDER BY _start_dato, "row"'
    return _Plan(
        typed={"_start_dato": _as_date("start_dato"), "_slut_dato": _as_date("slut_dato")},
        single=[
            _present("missing_id", "forloeb_id"),
            _present("missing_person_id", "person_id"),
            _known_code("unknown_akasse", "akasse", config.akasser, "a configured a-kasse"),
            _known_code(
                "unknown_slut_aarsag",
                "slut_aarsag",
                END_REASONS,
                "a known end reason",
                required=False,
            ),
            *_valid_date("start_dato"),
            *_valid_date("slut_dato", required=False),
            _Rule(
                "end_before_start",
                "_slut_dato < _start_dato",
                "format('slut_dato {} is before start_dato {}', slut_dato, start_dato)",
            ),
            _Rule(
                "end_reason_mismatch",
                "(slut_dato IS NULL) <> (slut_aarsag IS NULL)",
                "CASE WHEN slut_dato IS NULL THEN format('slut_aarsag {} is given but slut_dato "
                "is empty; an ongoing spell has no end reason', slut_aarsag) "
                "ELSE format('slut_dato {} is given but slut_aarsag is empty; an ended spell "
                "needs an end reason', slut_dato) END",
            ),
        ],
        groups=[_copies("forloeb_id")],
        windows={
            # Sorted by start: a spell overlaps an earlier one when some earlier end
            # reaches its start, and a later one when the next start is within it.
            "_earlier_end": f"max({end}) OVER ({by_person} "
            "ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)",
            "_next_start": f"lead(_start_dato) OVER ({by_person})",
        },
        across=[
            _duplicate_id("forloeb_id"),
            _Rule(
                "overlapping_spells",
                f"(_earlier_end >= _start_dato OR _next_start <= {end})",
                "format('spell {} ({} to {}) shares a day with another spell of the same person "
                "(every overlapping spell quarantined)', forloeb_id, start_dato, "
                "coalesce(slut_dato, 'open end'))",
            ),
        ],
        clean="SELECT forloeb_id, person_id, akasse, _start_dato AS start_dato, "
        '_slut_dato AS slut_dato, slut_aarsag FROM usable ORDER BY "row"',
    )


def _samtaler_plan(config: Config) -> _Plan:
    return _Plan(
        typed={"_dato": _as_date("dato"), "_individuel": _as_boolean("individuel")},
        single=[
            _present("missing_id", "samtale_id"),
            _present("missing_person_id", "person_id"),
            _known_code(
                "unknown_samtaletype",
                "samtaletype",
                CONVERSATION_TYPES,
                "a known conversation type",
            ),
            *_valid_date("dato"),
            _Rule(
                "invalid_individuel",
                "_individuel IS NULL",
                "format('individuel ''{}'' is not a boolean; write 1/0, true/false or ja/nej', "
                "individuel)",
            ),
        ],
        groups=[
            _Group(
                key="samtale_id",
                aggregates={
                    "_first_person": "min(person_id)",
                    "_last_person": "max(person_id)",
                    "_first_dato": "min(_dato)",
                    "_last_dato": "max(_dato)",
                },
                having="min(person_id) <> max(person_id) OR min(_dato) <> max(_dato)",
            )
        ],
        windows={},
        across=[
            _Rule(
                "inconsistent_samtale",
                "_first_person <> _last_person",
                "format('rows of samtale_id ''{}'' have different person_id (all its rows "
                "quarantined)', samtale_id)",
            ),
            _Rule(
                "inconsistent_samtale",
                "_first_dato <> _last_dato",
                "format('rows of samtale_id ''{}'' have different dato, from {} to {} (all its "
                "rows quarantined)', samtale_id, _first_dato, _last_dato)",
            ),
        ],
        # Types are a set: a repeated (samtale_id, samtaletype) is one row, individual
        # when any copy is. person_id and dato agree within a samtale_id by now.
        clean="SELECT samtale_id, any_value(person_id) AS person_id, any_value(_dato) AS dato, "
        "samtaletype, bool_or(_individuel) AS individuel FROM usable "
        'GROUP BY samtale_id, samtaletype ORDER BY min("row")',
    )


def _tilbud_plan(config: Config) -> _Plan:
    return _Plan(
        typed={"_start_dato": _as_date("start_dato")},
        single=[
            _present("missing_id", "tilbud_id"),
            _present("missing_person_id", "person_id"),
            _known_code("unknown_kategori", "kategori", OFFER_CATEGORIES, "a known offer category"),
            *_valid_date("start_dato"),
        ],
        groups=[_copies("tilbud_id")],
        windows={},
        across=[_duplicate_id("tilbud_id")],
        clean="SELECT tilbud_id, person_id, _start_dato AS start_dato, kategori "
        'FROM usable ORDER BY "row"',
    )


_PLANS = {
    FORLOEB.name: _forloeb_plan,
    SAMTALER.name: _samtaler_plan,
    TILBUD.name: _tilbud_plan,
}
