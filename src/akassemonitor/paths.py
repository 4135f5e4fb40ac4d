"""Where output goes and input comes from, checked before any long computation.

Every check raises :class:`PathError` (a ``ValueError``: the CLI prints it, exit 2)
with a message naming the option, the path and the fix.
"""

from __future__ import annotations

import os
from pathlib import Path

DUCKDB_MAGIC = b"DUCK"  # bytes 8-11 of every DuckDB database file
DUCKDB_MAGIC_AT = 8


class PathError(ValueError):
    """A path given on the command line that cannot be used as asked."""


def check_output_dir(path: Path, option: str = "--out") -> Path:
    """``path`` can be (or become) a folder this user may write into; nothing is created."""
    path = Path(path)
    if path.exists() and not path.is_dir():
        raise PathError(
            f"{option} {path} is an existing file, not a folder. Give a folder (new or "
            "existing) for the output, e.g. the file's name without extension."
        )
    blocker = _file_on_the_way(path)
    if blocker is not None:
        raise PathError(
            f"{option} {path} lies under {blocker}, which is a file, not a folder; a folder "
            "cannot be made there. Give another path."
        )
    _require_writable(_nearest_existing(path), option, path)
    return path


def check_output_file(path: Path, option: str) -> Path:
    """``path`` can be written as a file: not a folder, in an existing folder this user
    may write into (nothing is created)."""
    path = Path(path)
    if path.is_dir():
        raise PathError(f"{option} {path} is a folder; give the name of a file in it.")
    if not path.parent.is_dir():
        problem = "is a file" if path.parent.exists() else "does not exist"
        raise PathError(
            f"{option} {path}: the folder {path.parent} {problem}. Give a file in an "
            "existing folder, or create the folder first."
        )
    _require_writable(path if path.exists() else path.parent, option, path)
    return path


def check_input_file(path: Path, option: str) -> Path:
    """``path`` is a readable regular file (a folder, broken link or no file is refused)."""
    path = Path(path)
    if path.is_symlink() and not path.exists():
        raise PathError(
            f"{option} {path} is a symbolic link to {os.readlink(path)}, which does not "
            "exist. Point it at the file, or give the file's own path."
        )
    if path.is_dir():
        raise PathError(f"{option} {path} is a folder; give the path of the file itself.")
    if not path.exists():
        raise PathError(f"{option} {path}: no such file; check the path.")
    if not os.access(path, os.R_OK):
        raise PathError(
            f"{option} {path} cannot be read: permission denied for the user running "
            "akassemonitor. Give that user read access to the file."
        )
    return path


def check_input_dir(path: Path, option: str, what: str) -> Path:
    """``path`` is an existing folder (``what`` says which, e.g. "last month's release")."""
    path = Path(path)
    if path.is_dir():
        return path
    problem = " is a file, not a folder" if path.exists() else ": no such folder"
    raise PathError(f"{option} {path}{problem}; give {what}")


def check_db_file(path: Path, *, overwrite: bool, option: str = "--db") -> Path:
    """``path`` can hold a new DuckDB store: refused when it is a folder, its folder is
    missing, or it is a file that is not a DuckDB database; an existing store is kept
    unless ``overwrite``."""
    path = Path(path)
    if path.is_dir():
        raise PathError(
            f"{option} {path} is a folder. Give the name of a DuckDB file, e.g. "
            f"{path / 'akassemonitor.duckdb'}."
        )
    if not path.parent.is_dir():
        raise PathError(
            f"{option} {path}: the folder {path.parent} does not exist. Create it first "
            f"(mkdir -p {path.parent}), or give a path in an existing folder."
        )
    if path.exists():
        if not is_duckdb_file(path):
            raise PathError(
                f"{option} {path} exists and is not a DuckDB database, so it is not "
                "replaced. Give a new file name (e.g. ending .duckdb), or move the file away."
            )
        if not overwrite:
            raise PathError(
                f"{option} {path} already holds a DuckDB store. Add --overwrite to replace "
                "its register tables, or give a new file name."
            )
        _require_writable(path, option, path)
    else:
        _require_writable(path.parent, option, path)
    return path


def check_existing_db(path: Path, *, option: str = "--db") -> Path:
    """``path`` is a DuckDB database to read (written earlier with ``load`` or ``--db``)."""
    path = Path(path)
    if path.is_dir():
        raise PathError(f"{option} {path} is a folder; give the DuckDB file written by 'load'.")
    if not path.exists():
        raise PathError(
            f"{option} {path}: no such DuckDB file. Load the registers first "
            "('akassemonitor load --data FOLDER --engine ...'), or give --data."
        )
    if not is_duckdb_file(path):
        raise PathError(
            f"{option} {path} is not a DuckDB database; give the file written by 'load'."
        )
    return path


def is_duckdb_file(path: Path) -> bool:
    try:
        with Path(path).open("rb") as handle:
            head = handle.read(DUCKDB_MAGIC_AT + len(DUCKDB_MAGIC))
    except OSError:
        return False
    return head[DUCKDB_MAGIC_AT:] == DUCKDB_MAGIC


def _file_on_the_way(path: Path) -> Path | None:
    for parent in path.absolute().parents:
        if parent.exists():
            return None if parent.is_dir() else parent
    return None


def _nearest_existing(path: Path) -> Path:
    for candidate in (path.absolute(), *path.absolute().parents):
        if candidate.exists():
            return candidate
    return Path("/")


def _require_writable(folder: Path, option: str, path: Path) -> None:
    need = os.W_OK | (os.X_OK if folder.is_dir() else 0)
    if not os.access(folder, need):
        where = "" if folder == path.absolute() else f" ({folder} is not writable)"
        raise PathError(
            f"{option} {path} cannot be written: permission denied for the user running "
            f"akassemonitor{where}. Choose a folder you can write to, or ask for write "
            "access."
        )
