"""A sprinkle of realistic data errors of every kind in SPEC §7.

Each kind hits about ``ERROR_SHARE`` of a register's rows (at least one), on rows no
other kind touches, so every injected error is seen on its own. The tables are all
text here, as an export would be, so any value can be malformed. Only the few chosen
rows pass through Python; the rest stays in Arrow.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

ERROR_SHARE = 0.0004
UNKNOWN_AKASSER = ("Fiskernes Ø-A", "ftf-a")  # not configured; case matters
SAMTALETYPE_TYPOS = ("job", "Jobsamtale", "cv")
KATEGORI_TYPOS = ("Løntilskud", "virksomhedspraktik")
BAD_BOOLEANS = ("maybe", "2")

Counts = dict[str, int]


def as_text(table: pa.Table) -> pa.Table:
    """Every column as text, as written to CSV: ISO dates, booleans as ``1``/``0``."""
    columns = []
    for column in table.columns:
        if pa.types.is_boolean(column.type):
            columns.append(pc.if_else(column, "1", "0"))
        else:
            columns.append(pc.cast(column, pa.string()))
    return pa.table(columns, names=table.column_names)


def forloeb_errors(
    rng: np.random.Generator, table: pa.Table, new_ids: Callable[[int], pa.Array], last_day: int
) -> tuple[pa.Table, Counts]:
    """Errors in the spells; ``new_ids(k)`` gives k fresh forloeb_id values."""
    picker = _Picker(rng, table.num_rows)
    ended = _present(table, "slut_dato")
    counts: Counts = {}
    table = _malformed_dates(table, picker, ("start_dato", "slut_dato"), ended, counts)
    rows = picker.take(ended)
    aarsag = _values(table, "slut_aarsag", rows)
    table = _replace(table, "slut_aarsag", rows, [v.lower() for v in aarsag])
    rows_akasse = picker.take()
    akasser = [UNKNOWN_AKASSER[i % len(UNKNOWN_AKASSER)] for i in range(len(rows_akasse))]
    table = _replace(table, "akasse", rows_akasse, akasser)
    counts["unknown_code"] = len(rows) + len(rows_akasse)

    rows = picker.take(ended)
    starts = [_day(v) for v in _values(table, "start_dato", rows)]
    before = [_iso(s - dt.timedelta(days=int(rng.integers(1, 60)))) for s in starts]
    table = _replace(table, "slut_dato", rows, before)
    counts["slut_before_start"] = len(rows)
    rows = picker.take(ended)
    table = _replace(table, "slut_dato", rows, [None] * len(rows))
    counts["aarsag_without_slut"] = len(rows)
    rows = picker.take(ended)
    table = _replace(table, "slut_aarsag", rows, [None] * len(rows))
    counts["slut_without_aarsag"] = len(rows)
    table = _empty_person_ids(table, picker, counts)
    table = _whitespace(table, picker, ("akasse", "start_dato", "slut_aarsag"), counts)

    duplicates = table.take(pa.array(picker.take()))
    counts["duplicate_id"] = duplicates.num_rows
    overlapping = _overlapping_spells(rng, table, picker.take(), new_ids, last_day)
    counts["overlapping_spells"] = overlapping.num_rows
    return pa.concat_tables([table, duplicates, overlapping]), counts


def samtaler_errors(
    rng: np.random.Generator, table: pa.Table, meeting: np.ndarray
) -> tuple[pa.Table, Counts]:
    """Errors in conversation rows; ``meeting`` numbers the rows' meetings (in order)."""
    picker = _Picker(rng, table.num_rows)
    counts: Counts = {}
    table = _malformed_dates(table, picker, ("dato",), None, counts)
    rows = picker.take()
    typos = [SAMTALETYPE_TYPOS[i % len(SAMTALETYPE_TYPOS)] for i in range(len(rows))]
    table = _replace(table, "samtaletype", rows, typos)
    counts["unknown_code"] = len(rows)
    table = _empty_person_ids(table, picker, counts)
    rows = picker.take()
    table = _replace(
        table, "individuel", rows, [BAD_BOOLEANS[i % len(BAD_BOOLEANS)] for i in range(len(rows))]
    )
    counts["bad_individuel"] = len(rows)
    table = _whitespace(table, picker, ("samtaletype", "dato", "individuel"), counts)

    # The second row of a meeting with several types moves a day: its rows disagree.
    later_row = np.zeros(len(meeting), dtype=bool)
    later_row[1:] = meeting[1:] == meeting[:-1]
    rows = picker.take(later_row)
    shifted = [_iso(_day(v) + dt.timedelta(days=1)) for v in _values(table, "dato", rows)]
    table = _replace(table, "dato", rows, shifted)
    counts["samtale_date_conflict"] = len(rows)
    repeated = table.take(pa.array(picker.take()))
    counts["repeated_samtale_type"] = repeated.num_rows
    return pa.concat_tables([table, repeated]), counts


def tilbud_errors(rng: np.random.Generator, table: pa.Table) -> tuple[pa.Table, Counts]:
    """Errors in the offers."""
    picker = _Picker(rng, table.num_rows)
    counts: Counts = {}
    table = _malformed_dates(table, picker, ("start_dato",), None, counts)
    rows = picker.take()
    typos = [KATEGORI_TYPOS[i % len(KATEGORI_TYPOS)] for i in range(len(rows))]
    table = _replace(table, "kategori", rows, typos)
    counts["unknown_code"] = len(rows)
    table = _empty_person_ids(table, picker, counts)
    table = _whitespace(table, picker, ("kategori", "start_dato"), counts)
    duplicates = table.take(pa.array(picker.take()))
    counts["duplicate_id"] = duplicates.num_rows
    return pa.concat_tables([table, duplicates]), counts


class _Picker:
    """Chooses rows for each error kind, never the same row twice."""

    def __init__(self, rng: np.random.Generator, rows: int) -> None:
        self.rng = rng
        self.free = np.ones(rows, dtype=bool)
        self.per_kind = max(1, round(rows * ERROR_SHARE)) if rows else 0

    def take(self, eligible: np.ndarray | None = None) -> np.ndarray:
        """Sorted row numbers, ``per_kind`` of them where enough rows are eligible."""
        ok = self.free if eligible is None else self.free & eligible
        candidates = np.flatnonzero(ok)
        k = min(self.per_kind, len(candidates))
        rows = np.sort(self.rng.choice(candidates, k, replace=False))
        self.free[rows] = False
        return rows


def _present(table: pa.Table, column: str) -> np.ndarray:
    return table.column(column).is_valid().to_numpy(zero_copy_only=False)


def _values(table: pa.Table, column: str, rows: np.ndarray) -> list[str]:
    return table.column(column).take(pa.array(rows, type=pa.int64())).to_pylist()


def _replace(
    table: pa.Table, column: str, rows: np.ndarray, values: Sequence[str | None]
) -> pa.Table:
    """The table with ``column`` set to ``values`` at the sorted ``rows``."""
    if len(rows) == 0:
        return table
    mask = np.zeros(table.num_rows, dtype=bool)
    mask[rows] = True
    original = table.column(column).combine_chunks()
    updated = pc.replace_with_mask(original, pa.array(mask), pa.array(values, type=pa.string()))
    return table.set_column(table.schema.get_field_index(column), column, updated)


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def _iso(day: dt.date) -> str:
    return day.isoformat()


def _malformed(text: str, variant: int) -> str:
    """``2022-4-01``, ``01-04-2022`` or ``2022-02-30``: none is a valid ISO date."""
    year, month, day = text.split("-")
    if variant == 0 and month.startswith("0"):
        return f"{year}-{int(month)}-{day}"
    if variant == 0 and day.startswith("0"):
        return f"{year}-{month}-{int(day)}"
    if variant == 2:
        return f"{year}-02-30"
    return f"{day}-{month}-{year}"


def _malformed_dates(
    table: pa.Table,
    picker: _Picker,
    columns: tuple[str, ...],
    last_eligible: np.ndarray | None,
    counts: Counts,
) -> pa.Table:
    """Malformed dates, spread over ``columns`` (the last one only where ``last_eligible``)."""
    total = 0
    for i, column in enumerate(columns):
        eligible = last_eligible if i == len(columns) - 1 and i > 0 else None
        rows = picker.take(eligible)
        values = [_malformed(v, (j + i) % 3) for j, v in enumerate(_values(table, column, rows))]
        table = _replace(table, column, rows, values)
        total += len(rows)
    counts["malformed_date"] = total
    return table


def _empty_person_ids(table: pa.Table, picker: _Picker, counts: Counts) -> pa.Table:
    rows = picker.take()
    counts["empty_person_id"] = len(rows)
    return _replace(table, "person_id", rows, [None] * len(rows))


def _whitespace(
    table: pa.Table, picker: _Picker, columns: tuple[str, ...], counts: Counts
) -> pa.Table:
    """Spaces around a value: harmless, the readers trim them."""
    total = 0
    for i, column in enumerate(columns):
        rows = picker.take(_present(table, column))
        pads = ((" ", ""), ("", " "), ("  ", " "))
        values = [
            f"{pads[(j + i) % 3][0]}{v}{pads[(j + i) % 3][1]}"
            for j, v in enumerate(_values(table, column, rows))
        ]
        table = _replace(table, column, rows, values)
        total += len(rows)
    counts["whitespace"] = total
    return table


def _overlapping_spells(
    rng: np.random.Generator,
    table: pa.Table,
    rows: np.ndarray,
    new_ids: Callable[[int], pa.Array],
    last_day: int,
) -> pa.Table:
    """A second, ongoing spell for a person, starting within one of their spells."""
    copies = table.take(pa.array(rows, type=pa.int64()))
    starts = [_day(v) for v in copies.column("start_dato").to_pylist()]
    ends = [
        _day(v) if v else dt.date(1970, 1, 1) + dt.timedelta(days=last_day)
        for v in copies.column("slut_dato").to_pylist()
    ]
    new_starts = [
        _iso(min(s + dt.timedelta(days=int(rng.integers(0, 30))), e))
        for s, e in zip(starts, ends, strict=True)
    ]
    nothing = pa.nulls(len(rows), pa.string())
    return pa.table(
        {
            "forloeb_id": new_ids(len(rows)),
            "person_id": copies.column("person_id"),
            "akasse": copies.column("akasse"),
            "start_dato": pa.array(new_starts, type=pa.string()),
            "slut_dato": nothing,
            "slut_aarsag": nothing,
        }
    )
