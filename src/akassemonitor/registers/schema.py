"""The three registers as they enter the store, after checking (SPEC §2).

Readers turn any accepted input (CSV in its dialects, Parquet) into exactly these
Arrow schemas; the store and the measures rely on nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyarrow as pa


@dataclass(frozen=True)
class Register:
    name: str
    id_column: str
    required: tuple[str, ...]  # columns an input file must have
    optional: tuple[str, ...]  # columns it may have
    schema: pa.Schema  # the checked table handed to the store


FORLOEB = Register(
    name="forloeb",
    id_column="forloeb_id",
    required=("forloeb_id", "person_id", "akasse", "start_dato", "slut_dato", "slut_aarsag"),
    optional=(),
    schema=pa.schema(
        [
            ("forloeb_id", pa.string()),
            ("person_id", pa.string()),
            ("akasse", pa.string()),
            ("start_dato", pa.date32()),
            ("slut_dato", pa.date32()),  # null = ongoing
            ("slut_aarsag", pa.string()),  # null exactly when slut_dato is
        ]
    ),
)

SAMTALER = Register(
    name="samtaler",
    id_column="samtale_id",
    required=("samtale_id", "person_id", "dato", "samtaletype"),
    optional=("individuel",),
    schema=pa.schema(
        [
            ("samtale_id", pa.string()),
            ("person_id", pa.string()),
            ("dato", pa.date32()),
            ("samtaletype", pa.string()),
            ("individuel", pa.bool_()),  # never null: empty/missing is true
        ]
    ),
)

TILBUD = Register(
    name="tilbud",
    id_column="tilbud_id",
    required=("tilbud_id", "person_id", "start_dato", "kategori"),
    optional=(),
    schema=pa.schema(
        [
            ("tilbud_id", pa.string()),
            ("person_id", pa.string()),
            ("start_dato", pa.date32()),
            ("kategori", pa.string()),
        ]
    ),
)

REGISTERS: tuple[Register, ...] = (FORLOEB, SAMTALER, TILBUD)
