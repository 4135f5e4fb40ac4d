"""The release: one self-describing folder per month, everything published from it.

Layout (docs/release.md)::

    releases/2022M04/            handed out
      published.csv  published_bilag.csv  quality.json  manifest.json
      reports/<stem>.pdf|html|xlsx
    releases/2022M04.internal/   never handed out: measures.csv, rejects/, run.log

:func:`build_release` computes and writes one (atomically), :func:`read_release`
reads one for the publishers, :func:`verify_release` says what is wrong with one.
"""

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
