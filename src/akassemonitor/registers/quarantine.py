"""The rejects files: every quarantined row with its row number and reason (SPEC §7)."""

from __future__ import annotations

import os
from pathlib import Path

import pyarrow as pa
import pyarrow.csv as pacsv

from akassemonitor.privacy import mask_table


def rejects_path(rejects_dir: Path, register: str) -> Path:
    return rejects_dir / f"{register}.csv"


def write_rejects(rejects_dir: Path, register: str, rejects: pa.Table) -> Path | None:
    """Write ``<register>.csv`` (UTF-8, comma) when there are rejects, else remove a stale one.

    The file is written beside its final name and then renamed, so a reader never sees
    half a file. Returns the path written, or None. A value that looks like a CPR
    number is written masked (``DDMMYY-XXXX``), in every column and in the reason.
    """
    path = rejects_path(rejects_dir, register)
    if rejects.num_rows == 0:
        path.unlink(missing_ok=True)
        return None
    rejects_dir.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.partial")
    pacsv.write_csv(
        mask_table(rejects),
        partial,
        write_options=pacsv.WriteOptions(quoting_header="needed", quoting_style="needed"),
    )
    os.replace(partial, path)
    return path
