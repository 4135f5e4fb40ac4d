"""CPR numbers are never echoed (SPEC §6): one mask for every message, reason and log line.

A value *looks like* a CPR number when it holds six digits, at most three separator
characters (space, ``-``, ``/``, ``.``) and four more digits, not part of a longer run
of digits: ``0101901234``, ``010190-1234``, ``010190 1234``, `` 010190 - 1234``. Such a
text is shown as ``DDMMYY-XXXX`` wherever the tool writes words: error messages,
rejects files (every column and the reason), warnings and the ``--log`` file.

Masking is deliberately wider than the CPR's own rules (it ignores whether the digits
make a date), so a mistyped CPR number is hidden too. A stricter test,
:func:`is_cpr_like` (day 01–31, month 01–12), decides when a column is refused for
holding CPR numbers where pseudonyms or ids belong: a ten-digit system id then rarely
trips it by chance.
"""

from __future__ import annotations

import re

import pyarrow as pa
import pyarrow.compute as pc

MASK = "DDMMYY-XXXX"
_SEPARATORS = r"[ \t/.\-]{0,3}"
_CPR_TEXT = re.compile(rf"(?<![0-9])[0-9]{{6}}{_SEPARATORS}[0-9]{{4}}(?![0-9])")
_CPR_VALUE = re.compile(
    rf"\s*(0[1-9]|[12][0-9]|3[01])(0[1-9]|1[0-2])[0-9]{{2}}{_SEPARATORS}[0-9]{{4}}\s*"
)
# RE2 (pyarrow) has no look-behind: the neighbours are captured and put back.
_ARROW_PATTERN = rf"(^|[^0-9])[0-9]{{6}}{_SEPARATORS}[0-9]{{4}}([^0-9]|$)"
_ARROW_VALUE = (
    rf"^\s*(0[1-9]|[12][0-9]|3[01])(0[1-9]|1[0-2])[0-9]{{2}}{_SEPARATORS}[0-9]{{4}}\s*$"
)
CPR_VALUE_RE2 = _ARROW_VALUE  # is_cpr_like as an RE2 pattern (pyarrow's, DuckDB's regexp)


def mask(text: str) -> str:
    """``text`` with every CPR-looking number replaced by ``DDMMYY-XXXX``."""
    return _CPR_TEXT.sub(MASK, text)


# A URL's password (``scheme://user:secret@host``, up to the word's last ``@``) and a
# ``password=``/``sslpassword=`` parameter. ``--engine`` refuses both
# (store.parse_engine); the run log writes the command line before the options are
# parsed, so its lines pass through this too.
_URL_PASSWORD = re.compile(r"(?i)\b([a-z][a-z0-9+.\-]*://[^/\s@:]*):\S*@")
_PASSWORD_PARAMETER = re.compile(r"(?i)((?:ssl)?password)=[^&\s]*")
REDACTED = "***"


def redact_credentials(text: str) -> str:
    """``text`` with any password in a URL, or a ``password=`` parameter, as ``***``."""
    text = _URL_PASSWORD.sub(rf"\1:{REDACTED}@", text)
    return _PASSWORD_PARAMETER.sub(rf"\1={REDACTED}", text)


def is_cpr_like(value: str) -> bool:
    """True when the whole value is a CPR number in one of its written forms."""
    return _CPR_VALUE.fullmatch(value) is not None


def mask_array(values: pa.ChunkedArray | pa.Array) -> pa.ChunkedArray | pa.Array:
    """:func:`mask` over an Arrow string column (nulls stay null)."""
    once = pc.replace_substring_regex(values, _ARROW_PATTERN, rf"\1{MASK}\2")
    # Two numbers sharing one separator character: the second needs a second pass.
    return pc.replace_substring_regex(once, _ARROW_PATTERN, rf"\1{MASK}\2")


def mask_table(table: pa.Table) -> pa.Table:
    """Every string column of ``table`` masked; other columns as they are."""
    for i, field in enumerate(table.schema):
        if pa.types.is_string(field.type) or pa.types.is_large_string(field.type):
            table = table.set_column(i, field.name, mask_array(table.column(i)))
    return table


def cpr_like(values: pa.ChunkedArray | pa.Array) -> pa.ChunkedArray | pa.Array:
    """Per value: does it look like a CPR number (:func:`is_cpr_like`)? Null stays null."""
    return pc.match_substring_regex(values, _ARROW_VALUE)
