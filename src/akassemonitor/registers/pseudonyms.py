"""Pseudonymising CPR numbers at ingest (SPEC §6).

``person_id = HMAC-SHA256(key, normalised CPR)`` as 64 lower-case hex digits. The same
CPR and key give the same pseudonym in every register and every run, so registers
match without the CPR ever being stored. The key is secret: from the file
``privacy.key_file`` or the environment variable ``privacy.key_env``, never the repo.
"""

from __future__ import annotations

import hashlib
import hmac
import os
from collections.abc import Mapping
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from akassemonitor.config import PrivacyConfig
from akassemonitor.registers.errors import InputError
from akassemonitor.registers.readers import CPR, PERSON, RawRegister

MIN_KEY_BYTES = 16  # CPR numbers are few: a short key could be found by trying keys


def load_key(
    privacy: PrivacyConfig, source: Path, environ: Mapping[str, str] = os.environ
) -> bytes:
    """The pseudonym key: the key file's content if configured, else the environment variable.

    Surrounding whitespace (a trailing newline) is not part of the key. ``source`` is the
    register file that needs the key, named in the error.
    """
    how = (
        f"Give a secret key of at least {MIN_KEY_BYTES} characters either in a file named by "
        "privacy.key_file in akassemonitor.toml or in the environment variable "
        f"{privacy.key_env}; keep it out of the repository and use the same key every run."
    )
    if privacy.key_file is not None:
        try:
            key = privacy.key_file.read_bytes().strip()
        except OSError as exc:
            raise InputError(
                f"{source.name} has a cpr column, so it must be pseudonymised, but the key file "
                f"{privacy.key_file} (privacy.key_file) cannot be read ({exc.strerror}). "
                f"Fix the path or the file's permissions. {how}"
            ) from None
        origin = f"the key file {privacy.key_file}"
    else:
        key = environ.get(privacy.key_env, "").strip().encode("utf-8")
        origin = f"the environment variable {privacy.key_env}"
        if not key:
            raise InputError(
                f"{source.name} has a cpr column, so it must be pseudonymised, but no key was "
                f"given. {how}"
            )
    if len(key) < MIN_KEY_BYTES:
        raise InputError(
            f"{source.name} has a cpr column, but the pseudonym key in {origin} is shorter than "
            f"{MIN_KEY_BYTES} characters, too short to keep CPR numbers secret. {how}"
        )
    return key


def normalise_cpr(cpr: pa.ChunkedArray) -> pa.ChunkedArray:
    """Drop all whitespace and one ``-``: ``010190-1234`` and ``0101901234`` are one person."""
    without_space = pc.replace_substring_regex(cpr, r"\s+", "")
    return pc.replace_substring(without_space, "-", "", max_replacements=1)


def pseudonyms(cpr: pa.ChunkedArray, key: bytes) -> pa.ChunkedArray:
    """HMAC-SHA256 hex digest of each normalised CPR; null (empty) stays null.

    The HMAC runs once per distinct CPR, and the result is spread back by index.
    """
    normalised = normalise_cpr(cpr)
    distinct = pc.unique(normalised).drop_null()
    digests = pa.array(
        [
            hmac.new(key, value.encode("utf-8"), hashlib.sha256).hexdigest()
            for value in distinct.to_pylist()
        ],
        pa.string(),
    )
    return pc.take(digests, pc.index_in(normalised, value_set=distinct))


def pseudonymise(raw: RawRegister, key: bytes) -> RawRegister:
    """``raw`` with its ``cpr`` column replaced, in place, by the pseudonym ``person_id``."""
    position = raw.table.column_names.index(CPR)
    person = pseudonyms(raw.table.column(CPR), key)
    table = raw.table.set_column(position, PERSON, person)
    return RawRegister(raw.register, raw.source, table, f"{raw.dialect}, cpr pseudonymised")
