"""Finding the register files in the data directory (SPEC §2)."""

from __future__ import annotations

import os
from pathlib import Path

from akassemonitor.registers.errors import InputError
from akassemonitor.registers.schema import REGISTERS, Register

EXTENSIONS = (".csv", ".parquet")


def expected_names(register: Register) -> str:
    return " or ".join(f"{register.name}{ext}" for ext in EXTENSIONS)


def find_register_file(data_dir: Path, register: Register) -> Path:
    """The one file of ``register`` in ``data_dir``: ``<name>.csv`` or ``<name>.parquet``."""
    if not data_dir.is_dir():
        every = ", ".join(expected_names(r) for r in REGISTERS)
        what = "is a file, not a directory" if data_dir.exists() else "does not exist"
        raise InputError(
            f"The data directory {data_dir} {what}. "
            f"It must hold one file per register: {every}. "
            "Check the path you gave, or create the directory and put the files there."
        )
    present = [data_dir / f"{register.name}{ext}" for ext in EXTENSIONS]
    # is_file() alone is case-insensitive on some file systems; the exact name must match.
    try:
        names_in_dir = {p.name for p in data_dir.iterdir()}
    except PermissionError:
        raise InputError(
            f"The data directory {data_dir} cannot be listed: permission denied for the user "
            "running akassemonitor. Give that user read and execute access to the folder."
        ) from None
    for path in present:
        if path.name in names_in_dir and not path.is_file():
            raise _not_a_file(path, register)
    found = [p for p in present if p.name in names_in_dir]
    if not found:
        near = sorted(n for n in names_in_dir if n.lower().startswith(register.name))
        hint = f" Found similar name(s): {', '.join(near)}." if near else ""
        raise InputError(
            f"The register {register.name} is missing: expected the file "
            f"{expected_names(register)} in {data_dir}.{hint} Add the file, named exactly so "
            "(lower case; see docs/input-format.md)."
        )
    if len(found) > 1:
        raise InputError(
            f"Both {found[0].name} and {found[1].name} are in {data_dir}, so it is ambiguous "
            f"which holds the register {register.name}. Remove the one you do not mean to use "
            f"(e.g. delete or move {found[0].name} to use {found[1].name})."
        )
    if not os.access(found[0], os.R_OK):
        raise InputError(
            f"{found[0]} cannot be read: permission denied for the user running akassemonitor. "
            "Give that user read access to the file (e.g. chmod o+r, or ask its owner), or "
            "copy it to a folder you can read."
        )
    return found[0]


def _not_a_file(path: Path, register: Register) -> InputError:
    """A folder, broken link or special file where the register file should be."""
    if path.is_symlink() and not path.exists():
        return InputError(
            f"{path} is a symbolic link to {os.readlink(path)}, which does not exist (a broken "
            f"link). Point the link at the {register.name} register file, or put the file "
            "itself there."
        )
    if path.is_dir():
        return InputError(
            f"{path} is a folder, not a file. The register {register.name} must be one file "
            f"named {expected_names(register)}; move the file out of the folder (or rename the "
            "folder)."
        )
    return InputError(
        f"{path} is not a regular file (a device, socket or pipe). Put the {register.name} "
        "register file itself there."
    )
