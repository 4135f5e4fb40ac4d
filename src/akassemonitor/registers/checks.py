"""The row rules of SPEC §7, as portable Ibis expressions over a register read as text.

Each rule is a condition, true when a row breaks it, and the sentence for the rejects
file, both Ibis expressions, so the checks run where the data are: DuckDB, PostgreSQL
or Spark alike, and give the same quarantined rows and reasons on each. One ``CASE``
tests the single-row rules in the order of ``rules.REASONS``; grouped aggregates (and,
for overlapping spells, a window sorted by start) then test the rules across rows on
the rows that passed. All of it is set-based (no Python loop over rows).

Only the quarantined rows come back to Python (for the rejects file); the used rows
are written by the engine into its table of the register (``forloeb``, ``samtaler``,
``tilbud``), typed exactly as ``registers.schema`` says.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import ibis
import ibis.expr.types as ir
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
from akassemonitor.registers.duckdb_readers import (
    EngineRegister,
    looks_like_cpr,
    refuse_cpr_numbers,
)
from akassemonitor.registers.readers import ROW, RawRegister
from akassemonitor.registers.rules import REASON_ORDER
from akassemonitor.registers.schema import FORLOEB, SAMTALER, TILBUD, Register
from akassemonitor.registers.warehouse import analyse

OPEN_END = ibis.date(9999, 12, 31)  # an ongoing spell has no upper bound
RULE = "_rule"  # index of the first rule a row breaks
REASON = "reason"

Expr = Callable[[ir.Table], Any]  # a table -> an Ibis value expression over it


@dataclass(frozen=True)
class _Rule:
    reason: str  # code in rules.REASONS
    breaks: Expr  # true when the row breaks the rule
    text: Expr  # the sentence in the rejects file


@dataclass(frozen=True)
class _Group:
    """Aggregates per ``key`` over the rows that passed, kept only where ``having`` holds.

    A grouped aggregate joined back is much cheaper than a window over ten million rows,
    and the join side is tiny: only the offending keys.
    """

    key: str
    aggregates: Callable[[ir.Table], dict[str, Any]]
    having: Expr  # over the aggregated table
    reused: bool = False  # the plan's clean step reads the offending keys too
    # More aggregates for the measures' conversations (samtaler, on DuckDB): then the
    # whole group-by is kept as a table (CheckedRegister.conversations).
    conversations: Callable[[ir.Table], dict[str, Any]] | None = None


@dataclass(frozen=True)
class _Plan:
    """How to check one register: typed columns, rules, aggregates, and the clean select."""

    dates: tuple[str, ...]  # text columns typed as dates (``_<column>``)
    typed: Callable[[ir.Table], dict[str, Any]]  # other typed columns, from the text
    single: list[_Rule]
    groups: list[_Group]  # for the rules across rows
    windows: Callable[[ir.Table], dict[str, Any]]  # over the rows that passed
    across: list[_Rule]
    # the used rows in schema order, sorted by row, given the offending keys of each group
    clean: Callable[[ir.Table, dict[str, ir.Table]], ir.Table]


@dataclass(frozen=True)
class CheckedRegister:
    """One register after the rules: the engine's table of used rows, the rejects, counts."""

    register: Register
    rejects: pa.Table  # the file's register columns as read, then row, reason
    read: int
    used: int  # rows in the engine's table (repeated conversation types merged)
    quarantined: dict[str, int]  # reason code -> rows, in rules order
    warnings: tuple[quality.Warning, ...]
    # The engine's table of the samtale_id group-by (see conversations_of), kept for
    # the measures; None where it is not kept.
    conversations: str | None = None

    @property
    def quarantined_rows(self) -> int:
        return sum(self.quarantined.values())


def check_register(
    raw: RawRegister | EngineRegister, config: Config, con: Any
) -> CheckedRegister:
    """Apply the row rules to ``raw`` in the Ibis connection ``con``.

    The used rows become the engine's table ``raw.register.name`` (replaced if there);
    only the quarantined rows are materialised (a small temporary table, then Arrow),
    and the used rows are the input without them (an anti-join on the row number).
    """
    register = raw.register
    plan = _PLANS[register.name](config)
    if isinstance(raw, RawRegister):
        table = raw.table
        for name in register.optional:  # an absent optional column reads as all empty
            if name not in table.column_names:
                table = table.append_column(name, pa.nulls(table.num_rows, pa.string()))
        from akassemonitor.store import upload  # the store imports the schema from here

        source = upload(con, table, f"_raw_{register.name}_{uuid.uuid4().hex[:8]}")
    else:  # read by the engine itself (duckdb_readers)
        source = raw.table
        absent = [name for name in register.optional if name not in source.columns]
        source = source.mutate(**{name: ibis.null("string") for name in absent})
    # Scratch tables, each written once and read by what follows: an Ibis expression
    # used twice is compiled (and computed) twice, and a date's parts inlined into
    # every use of the date would parse the text a dozen times per row.
    spark = con.name == "pyspark"
    scratch: list[str] = []
    kept: str | None = None  # the group-by kept for the measures

    def materialise(stage: str, expr: ir.Table) -> ir.Table:
        name = f"_{stage}_{register.name}_{uuid.uuid4().hex[:8]}"
        scratch.append(name)
        # A temporary table; Spark has none in Ibis: a table, dropped below.
        table = con.create_table(name, expr, temp=not spark, overwrite=spark)
        analyse(con, name)  # PostgreSQL: statistics for the plans of the next stages
        return table

    try:
        parsed = source.mutate(**_parts(source, plan, portable=con.name != "duckdb"))
        if con.name != "duckdb":
            # DuckDB computes the columns of a nested select once (and the pattern
            # behind the date parts once per row); other engines may inline them.
            parsed = materialise("parsed", parsed)
        typed = parsed.mutate(**_typed(parsed, plan))
        cpr = raw.cpr_checks if isinstance(raw, EngineRegister) else ()
        ruled = materialise(
            "ruled",
            typed.mutate(
                _single=_first_broken(typed, plan.single, offset=0),
                **{f"_cpr_{name}": looks_like_cpr(typed[name]) for name in cpr},
            ).drop(*_part_columns(plan)),
        )
        if isinstance(raw, EngineRegister):
            refuse_cpr_numbers(raw, ruled)
        if con.name != "duckdb":
            con.drop_table(scratch.pop(0), force=True)  # parsed: read into ruled
        passed = ruled.filter(ruled._single.isnull())
        offending = {}
        for group in plan.groups:
            aggregates = group.aggregates(passed)
            keep = group.conversations is not None and con.name == "duckdb"
            if keep:
                assert group.conversations is not None
                aggregates.update(group.conversations(passed))
            aggregated = passed.group_by(group.key).agg(**aggregates)
            if keep:
                # The measures group the used conversation rows by samtale_id again;
                # this group-by of the rows that passed holds what they need.
                kept = f"_conversations_{register.name}_{uuid.uuid4().hex[:8]}"
                aggregated = con.create_table(kept, aggregated, temp=True)
            keys = aggregated.filter(group.having(aggregated))
            offending[group.key] = materialise("keys", keys) if group.reused else keys
        rejected = materialise("rejected", _rejected(plan, ruled, offending, raw.file_columns))
        rejects = rejected.order_by(ROW).to_pyarrow()
        usable = ruled.anti_join(rejected, ROW)
        # Sorted by row (file order, merged conversation rows at their first): the
        # joins above do not keep the order, not even DuckDB's on a few rows.
        clean = con.create_table(register.name, plan.clean(usable, offending), overwrite=True)
        analyse(con, register.name)  # PostgreSQL: for the measures' plans
        used = int(clean.count().to_pyarrow().as_py())
        short = 0
        if register is FORLOEB:
            short = int(_short_full_periods(clean, config).to_pyarrow().as_py())
    except BaseException:
        if kept is not None:
            con.drop_table(kept, force=True)
        raise
    finally:
        for name in scratch:
            con.drop_table(name, force=True)
    rules = [*plan.single, *plan.across]
    counts: dict[int, int] = {}
    for index in rejects.column(RULE).to_pylist():
        counts[index] = counts.get(index, 0) + 1
    quarantined = _by_reason((rules[index].reason, rows) for index, rows in counts.items())
    kept_rows = raw.num_rows - sum(quarantined.values())
    return CheckedRegister(
        register=register,
        rejects=rejects.drop_columns([RULE]),
        read=raw.num_rows,
        used=used,
        quarantined=quarantined,
        warnings=_warnings(register, config, merged=kept_rows - used, short=short),
        conversations=kept,
    )


# --- Assembly ------------------------------------------------------------------------


def _rejected(
    plan: _Plan, single: ir.Table, offending: dict[str, ir.Table], file_columns: Iterable[str]
) -> ir.Table:
    """The quarantined rows: file columns, row, ``_rule`` (index of the first rule broken)
    and ``reason`` (the sentence for the rejects file). ``single`` holds the typed
    columns and ``_single``, the first single-row rule broken; ``offending`` the
    aggregates of each group's keys that break a rule across rows."""
    columns = [*file_columns, ROW, RULE, REASON]
    broke_single = single.filter(single._single.notnull())
    broke_single = broke_single.mutate(
        # int16 again: Spark writes the scratch table's smallint back as an int
        **{
            RULE: broke_single._single.cast("int16"),
            REASON: _reason(broke_single, "_single", plan.single, 0),
        }
    ).select(columns)
    passed = single.filter(single._single.isnull())
    windows = plan.windows(passed)
    for group in plan.groups:
        keys = offending[group.key].rename(_key=group.key)
        # Without windows only the rows of offending keys can break a rule across rows.
        join = passed.left_join if windows else passed.inner_join
        passed = join(keys, passed[group.key] == keys._key).drop("_key")
    passed = passed.mutate(**plan.windows(passed))
    offset = len(plan.single)
    ruled = passed.mutate(_across=_first_broken(passed, plan.across, offset=offset))
    broke_across = ruled.filter(ruled._across.notnull())
    broke_across = broke_across.mutate(
        **{
            RULE: broke_across._across,
            REASON: _reason(broke_across, "_across", plan.across, offset),
        }
    ).select(columns)
    return broke_single.union(broke_across)


def _first_broken(table: ir.Table, rules: list[_Rule], offset: int) -> ir.IntegerValue:
    cases = [
        (rule.breaks(table), ibis.literal(offset + i, "int16")) for i, rule in enumerate(rules)
    ]
    return ibis.cases(*cases, else_=ibis.null("int16"))


def _reason(table: ir.Table, column: str, rules: list[_Rule], offset: int) -> ir.StringValue:
    rule = table[column]
    cases = [(rule == offset + i, r.text(table)) for i, r in enumerate(rules)]
    return ibis.cases(*cases, else_=ibis.null("string"))


def _short_full_periods(clean: ir.Table, config: Config) -> ir.IntegerScalar:
    """Used full-period spells shorter than the configured days (a warning, not a rule)."""
    days = int(config.min_full_period_days)
    # slut - start + 1 < days  <=>  slut < start + (days - 1) days
    short = clean.slut_dato < clean.start_dato + ibis.interval(days=days - 1)
    return clean.filter((clean.slut_aarsag == FULL_PERIOD) & short).count()


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


# --- Pieces --------------------------------------------------------------------------


def _lit(text: str) -> ir.StringValue:
    return ibis.literal(text, "string")


_PARTS = ("year", "month", "day")


_DIGITS = "0123456789"


def _date_parts(text: ir.StringValue, column: str, *, portable: bool) -> dict[str, Any]:
    """Year, month and day of a zero-padded ``YYYY-MM-DD`` text as integers, else null.

    Written into a scratch table, so the shape is tested once per part and row;
    :func:`_as_date` then checks and builds the date from the integers.
    """
    shaped = (
        _shaped_without_pattern(text)
        if portable
        else text.re_search(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
    )
    spans = {"year": (0, 4), "month": (5, 2), "day": (8, 2)}
    return {
        f"_{column}_{part}": ibis.cases(
            (shaped, text.substr(*spans[part]).cast("int32")), else_=ibis.null("int32")
        )
        for part in _PARTS
    }


def _shaped_without_pattern(text: ir.StringValue) -> ir.BooleanValue:
    """``text`` matches ``^[0-9]{4}-[0-9]{2}-[0-9]{2}$``, tested without a pattern.

    For PostgreSQL and Spark, which compute the test once per use (they do not share
    it between the three parts): PostgreSQL's regular expressions took most of the
    parse of 3 M dates. Ten characters, ``-`` at the fifth and eighth, and nothing but
    those two dashes left when the ASCII digits are deleted: the other eight are digits.
    """
    return (
        (text.length() == 10)
        & (text.substr(4, 1) == "-")
        & (text.substr(7, 1) == "-")
        & (text.translate(_DIGITS, "") == "--")
    )


def _as_date(t: ir.Table, column: str) -> ir.DateValue:
    """The date, or null unless the text was a zero-padded real ``YYYY-MM-DD`` date.

    Built from its parts with integer arithmetic, so every engine agrees on what is a
    date (a cast of '2022-02-30' errors on some engines and is null on others).
    """
    year, month, day = (t[f"_{column}_{part}"] for part in _PARTS)
    leap = ((year % 4 == 0) & (year % 100 != 0)) | (year % 400 == 0)
    days_in_month = ibis.cases(
        (month.isin([4, 6, 9, 11]), 30),
        (month == 2, ibis.cases((leap, 29), else_=28)),
        else_=31,
    )
    valid = (
        year.notnull()
        & (year >= 1)
        & (month >= 1)
        & (month <= 12)
        & (day >= 1)
        & (day <= days_in_month)
    )
    return ibis.cases((valid, ibis.date(year, month, day)), else_=ibis.null("date"))


def _parts(t: ir.Table, plan: _Plan, *, portable: bool) -> dict[str, Any]:
    """The first scratch table's new columns: date parts and the plan's other typed ones
    (``portable``: the shape tested without a pattern, for engines other than DuckDB)."""
    parts: dict[str, Any] = {}
    for column in plan.dates:
        parts.update(_date_parts(t[column], column, portable=portable))
    return {**parts, **plan.typed(t)}


def _typed(t: ir.Table, plan: _Plan) -> dict[str, Any]:
    return {f"_{column}": _as_date(t, column) for column in plan.dates}


def _part_columns(plan: _Plan) -> list[str]:
    return [f"_{column}_{part}" for column in plan.dates for part in _PARTS]


def _as_boolean(text: ir.StringValue) -> ir.BooleanValue:
    """True, false, or null for a text that is no boolean; empty is true (SPEC §2)."""
    lower = text.lower()
    return ibis.cases(
        (text.isnull(), True),
        (lower.isin(sorted(TRUE_WORDS)), True),
        (lower.isin(sorted(FALSE_WORDS)), False),
        else_=ibis.null("boolean"),
    )


def _present(reason: str, column: str) -> _Rule:
    return _Rule(reason, lambda t: t[column].isnull(), lambda t: _lit(f"{column} is empty"))


def _known_code(
    reason: str, column: str, codes: Iterable[str], what: str, *, required: bool = True
) -> _Rule:
    codes = tuple(codes)
    known = ", ".join(codes)

    def breaks(t: ir.Table) -> ir.BooleanValue:
        unknown = ~t[column].isin(codes)
        return (t[column].isnull() | unknown) if required else (t[column].notnull() & unknown)

    def text(t: ir.Table) -> ir.StringValue:
        message = (
            _lit(f"{column} '")
            + t[column]
            + _lit(f"' is not {what}; the codes (case-sensitive) are {known}")
        )
        return ibis.cases((t[column].isnull(), _lit(f"{column} is empty")), else_=message)

    return _Rule(reason, breaks, text)


def _valid_date(column: str, *, required: bool = True) -> list[_Rule]:
    typed = f"_{column}"
    bad = _Rule(
        "invalid_date",
        lambda t: t[column].notnull() & t[typed].isnull(),
        lambda t: _lit(f"{column} '")
        + t[column]
        + _lit("' is not a valid date; write YYYY-MM-DD, e.g. 2022-04-01"),
    )
    if not required:
        return [bad]
    return [_present("invalid_date", column), bad]


def _copies(column: str) -> _Group:
    return _Group(
        key=column,
        aggregates=lambda t: {"_copies": t.count()},
        having=lambda a: a._copies > 1,
    )


def _duplicate_id(column: str) -> _Rule:
    return _Rule(
        "duplicate_id",
        lambda t: t._copies > 1,
        lambda t: _lit(f"duplicate {column} '")
        + t[column]
        + _lit("' (")
        + t._copies.cast("string")
        + _lit(" copies; every copy quarantined)"),
    )


# --- One plan per register -----------------------------------------------------------


def _spell_end(t: ir.Table) -> ir.DateValue:
    return t._slut_dato.fill_null(OPEN_END)


def _forloeb_windows(t: ir.Table) -> dict[str, Any]:
    # Sorted by start: a spell overlaps an earlier one when some earlier end reaches
    # its start, and a later one when the next start is within it.
    order = [t._start_dato, t[ROW]]
    earlier = ibis.window(group_by=t.person_id, order_by=order, rows=(None, -1))
    following = ibis.window(group_by=t.person_id, order_by=order)
    return {
        "_earlier_end": _spell_end(t).max().over(earlier),
        "_next_start": t._start_dato.lead().over(following),
    }


def _forloeb_plan(config: Config) -> _Plan:
    def mismatch_text(t: ir.Table) -> ir.StringValue:
        ongoing = (
            _lit("slut_aarsag ")
            + t.slut_aarsag
            + _lit(" is given but slut_dato is empty; an ongoing spell has no end reason")
        )
        ended = (
            _lit("slut_dato ")
            + t.slut_dato
            + _lit(" is given but slut_aarsag is empty; an ended spell needs an end reason")
        )
        return ibis.cases((t.slut_dato.isnull(), ongoing), else_=ended)

    return _Plan(
        dates=("start_dato", "slut_dato"),
        typed=lambda t: {},
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
                lambda t: t._slut_dato < t._start_dato,
                lambda t: _lit("slut_dato ")
                + t.slut_dato
                + _lit(" is before start_dato ")
                + t.start_dato,
            ),
            _Rule(
                "end_reason_mismatch",
                lambda t: t.slut_dato.isnull() != t.slut_aarsag.isnull(),
                mismatch_text,
            ),
        ],
        groups=[_copies("forloeb_id")],
        windows=_forloeb_windows,
        across=[
            _duplicate_id("forloeb_id"),
            _Rule(
                "overlapping_spells",
                lambda t: (t._earlier_end >= t._start_dato) | (t._next_start <= _spell_end(t)),
                lambda t: _lit("spell ")
                + t.forloeb_id
                + _lit(" (")
                + t.start_dato
                + _lit(" to ")
                + t.slut_dato.fill_null("open end")
                + _lit(
                    ") shares a day with another spell of the same person "
                    "(every overlapping spell quarantined)"
                ),
            ),
        ],
        clean=lambda u, _: u.order_by(ROW).select(
            "forloeb_id",
            "person_id",
            "akasse",
            start_dato=u._start_dato,
            slut_dato=u._slut_dato,
            slut_aarsag=u.slut_aarsag,
        ),
    )


def _samtaler_clean(usable: ir.Table, offending: dict[str, ir.Table]) -> ir.Table:
    # Types are a set: a repeated (samtale_id, samtaletype) is one row, at its first,
    # individual when any copy is. person_id and dato agree within a samtale_id by now.
    # Only the samtale_ids the group found repeating a type are grouped; every row is
    # joined to that small table (the others find nothing there and pass as read).
    keys = offending["samtale_id"]
    repeated = keys.filter(keys._repeated).samtale_id
    if keys.get_backend().name != "duckdb" and not _any_row(repeated):
        return _samtaler_as_read(usable)
    copies = usable.filter(usable.samtale_id.isin(repeated))
    merged = copies.group_by(["samtale_id", "samtaletype"]).agg(
        _first=copies[ROW].min(), _any=copies._individuel.any()
    ).rename(_id="samtale_id", _type="samtaletype")
    joined = usable.left_join(
        merged, [usable.samtale_id == merged._id, usable.samtaletype == merged._type]
    )
    kept = joined.filter(joined._first.isnull() | (joined[ROW] == joined._first))
    return kept.order_by(ROW).select(
        "samtale_id",
        "person_id",
        dato=kept._dato,
        samtaletype=kept.samtaletype,
        individuel=kept._any.fill_null(kept._individuel),
    )


def _any_row(column: ir.Column) -> bool:
    return bool(column.as_table().limit(1).count().to_pyarrow().as_py())


def _samtaler_as_read(usable: ir.Table) -> ir.Table:
    """The used samtaler rows as read, when no samtale_id repeats a type (on PostgreSQL
    and Spark: there the merge's two branches over the same rows made PostgreSQL write
    all 3 M rows to a CTE first; one key count saves it)."""
    return usable.order_by(ROW).select(
        "samtale_id",
        "person_id",
        dato=usable._dato,
        samtaletype=usable.samtaletype,
        individuel=usable._individuel,
    )


def _date_text(date: ir.DateValue) -> ir.StringValue:
    """``YYYY-MM-DD`` of a date of the years 1 to 9999, from its parts (every engine agrees)."""
    parts = [date.year().cast("string").lpad(4, "0")]
    parts += [part.cast("string").lpad(2, "0") for part in (date.month(), date.day())]
    return parts[0] + _lit("-") + parts[1] + _lit("-") + parts[2]


def _samtaler_plan(config: Config) -> _Plan:
    return _Plan(
        dates=("dato",),
        typed=lambda t: {"_individuel": _as_boolean(t.individuel)},
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
                lambda t: t._individuel.isnull(),
                lambda t: _lit("individuel '")
                + t.individuel
                + _lit("' is not a boolean; write 1/0, true/false or ja/nej"),
            ),
        ],
        groups=[
            # One group-by finds the samtale_ids whose rows disagree and those that
            # repeat a type (the codes are known by now: a count per code).
            _Group(
                key="samtale_id",
                aggregates=lambda t: {
                    "_first_person": t.person_id.min(),
                    "_last_person": t.person_id.max(),
                    "_first_dato": t._dato.min(),
                    "_last_dato": t._dato.max(),
                    "_repeated": ibis.or_(
                        *(t.count(where=t.samtaletype == code) > 1 for code in CONVERSATION_TYPES)
                    ),
                },
                having=lambda a: (a._first_person != a._last_person)
                | (a._first_dato != a._last_dato)
                | a._repeated,
                reused=True,
                conversations=lambda t: {
                    **{
                        f"_n_{code}": t.count(where=t.samtaletype == code)
                        for code in CONVERSATION_TYPES
                    },
                    "_n_focus": t.count(where=_job_individual(t)),
                },
            )
        ],
        windows=lambda t: {},
        across=[
            _Rule(
                "inconsistent_samtale",
                lambda t: t._first_person != t._last_person,
                lambda t: _lit("rows of samtale_id '")
                + t.samtale_id
                + _lit("' have different person_id (all its rows quarantined)"),
            ),
            _Rule(
                "inconsistent_samtale",
                lambda t: t._first_dato != t._last_dato,
                lambda t: _lit("rows of samtale_id '")
                + t.samtale_id
                + _lit("' have different dato, from ")
                + _date_text(t._first_dato)
                + _lit(" to ")
                + _date_text(t._last_dato)
                + _lit(" (all its rows quarantined)"),
            ),
        ],
        clean=_samtaler_clean,
    )


def _job_individual(t: ir.Table) -> ir.BooleanValue:
    return t.samtaletype.isin(["JOB", "FAELLES_JOB"]) & t._individuel


def conversations_of(groups: ir.Table) -> ir.Table:
    """The measures' conversations (``MeasureContext.conversations``) from the samtaler
    check's group-by by samtale_id (``CheckedRegister.conversations``).

    That group-by is of the rows that passed the single-row rules. The used samtale_ids
    are those whose rows agree on person_id and dato (the others are quarantined, all
    their rows); a repeated type is merged into one row, individual when any copy is,
    so a type is there when it has a row, and the used rows are the types there.
    """
    used = groups.filter(
        (groups._first_person == groups._last_person) & (groups._first_dato == groups._last_dato)
    )
    has = {code: used[f"_n_{code}"] > 0 for code in CONVERSATION_TYPES}
    rows = sum(
        (ibis.cases((flag, 1), else_=0) for flag in has.values()), ibis.literal(0, "int64")
    )
    return used.select(
        "samtale_id",
        person_id=used._first_person,
        dato=used._first_dato,
        has_cv=has["CV"],
        has_job=has["JOB"],
        has_faelles_job=has["FAELLES_JOB"],
        has_raadighed=has["RAADIGHED"],
        counts_for_focus=used._n_focus > 0,
        rows=rows.cast("int64"),
    )


def _tilbud_plan(config: Config) -> _Plan:
    return _Plan(
        dates=("start_dato",),
        typed=lambda t: {},
        single=[
            _present("missing_id", "tilbud_id"),
            _present("missing_person_id", "person_id"),
            _known_code("unknown_kategori", "kategori", OFFER_CATEGORIES, "a known offer category"),
            *_valid_date("start_dato"),
        ],
        groups=[_copies("tilbud_id")],
        windows=lambda t: {},
        across=[_duplicate_id("tilbud_id")],
        clean=lambda u, _: u.order_by(ROW).select(
            "tilbud_id", "person_id", start_dato=u._start_dato, kategori=u.kategori
        ),
    )


_PLANS: dict[str, Callable[[Config], _Plan]] = {
    FORLOEB.name: _forloeb_plan,
    SAMTALER.name: _samtaler_plan,
    TILBUD.name: _tilbud_plan,
}
