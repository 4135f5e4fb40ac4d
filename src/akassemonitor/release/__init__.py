"""The release: one self-describing folder per month, everything published from it.

Layout (docs/release.md)::

    releases/2022M04/            handed out
      published.csv  published_bilag.csv  quality.json  manifest.json
      reports/<stem>.pdf|html|xlsx
    releases/2022M04.internal/   never handed out: measures.csv, rejects/, run.log

:func:`build_release` computes and writes one (atomically), :func:`read_release`
reads one for the publishers, :func:`verify_release` says what is wrong with one.

Imported lazily (PEP 562): the ``measures`` verb needs only the computing half
(``_pipeline``), not the publishers behind ``build_release``, whose imports (PDF and
chart libraries) take seconds.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from akassemonitor.release._build import PAUSE_ENV, build_release
    from akassemonitor.release._check import (
        CellFileProblems,
        cell_file_problems,
        infer_month,
        sha256_of,
        verify_release,
    )
    from akassemonitor.release._folder import (
        MANIFEST,
        PUBLISHED,
        PUBLISHED_BILAG,
        QUALITY,
        REPORTS,
        Release,
        ReleaseError,
        config_to_dict,
        expected_keys,
        internal_folder,
        read_cells,
        read_manifest,
        read_release,
        refuse_inside_release,
        trial_identity,
    )
    from akassemonitor.release._pipeline import (
        AFTER_DATA_MONTHS,
        MonthCells,
        disclosure_of,
        month_cells,
        write_cells,
    )

_MODULE_OF = {
    "PAUSE_ENV": "akassemonitor.release._build",
    "build_release": "akassemonitor.release._build",
    "CellFileProblems": "akassemonitor.release._check",
    "cell_file_problems": "akassemonitor.release._check",
    "infer_month": "akassemonitor.release._check",
    "sha256_of": "akassemonitor.release._check",
    "verify_release": "akassemonitor.release._check",
    "MANIFEST": "akassemonitor.release._folder",
    "PUBLISHED": "akassemonitor.release._folder",
    "PUBLISHED_BILAG": "akassemonitor.release._folder",
    "QUALITY": "akassemonitor.release._folder",
    "REPORTS": "akassemonitor.release._folder",
    "Release": "akassemonitor.release._folder",
    "ReleaseError": "akassemonitor.release._folder",
    "config_to_dict": "akassemonitor.release._folder",
    "expected_keys": "akassemonitor.release._folder",
    "internal_folder": "akassemonitor.release._folder",
    "read_cells": "akassemonitor.release._folder",
    "read_manifest": "akassemonitor.release._folder",
    "read_release": "akassemonitor.release._folder",
    "refuse_inside_release": "akassemonitor.release._folder",
    "trial_identity": "akassemonitor.release._folder",
    "AFTER_DATA_MONTHS": "akassemonitor.release._pipeline",
    "MonthCells": "akassemonitor.release._pipeline",
    "disclosure_of": "akassemonitor.release._pipeline",
    "month_cells": "akassemonitor.release._pipeline",
    "write_cells": "akassemonitor.release._pipeline",
}


def __getattr__(name: str) -> Any:
    module = _MODULE_OF.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__all__ = [
    "AFTER_DATA_MONTHS",
    "MANIFEST",
    "PAUSE_ENV",
    "PUBLISHED",
    "PUBLISHED_BILAG",
    "QUALITY",
    "REPORTS",
    "CellFileProblems",
    "MonthCells",
    "Release",
    "ReleaseError",
    "build_release",
    "cell_file_problems",
    "config_to_dict",
    "disclosure_of",
    "expected_keys",
    "infer_month",
    "internal_folder",
    "month_cells",
    "read_cells",
    "read_manifest",
    "read_release",
    "refuse_inside_release",
    "sha256_of",
    "trial_identity",
    "verify_release",
    "write_cells",
]
