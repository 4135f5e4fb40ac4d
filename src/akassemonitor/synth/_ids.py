"""Pseudonymous ids and Arrow columns, built without a Python loop per row.

Ids are a keyed bijection of running numbers, written in hex: distinct numbers give
distinct ids, so no id needs a uniqueness check, and the seed changes every id.
"""

from __future__ import annotations

import numpy as np
import pyarrow as pa

_HEX = np.frombuffer(b"0123456789abcdef", dtype=np.uint8)
_MULTIPLIERS = (0xBF58476D1CE4E5B9, 0x94D049BB133111EB)  # odd: bijective mod 2**bits


def mix(numbers: np.ndarray, bits: int, key: int) -> np.ndarray:
    """A keyed bijection on the integers below ``2**bits`` (splitmix64-style rounds)."""
    mask = np.uint64((1 << bits) - 1)
    half = np.uint64(bits // 2)
    x = (numbers.astype(np.uint64) + np.uint64(key & int(mask))) & mask
    for multiplier in _MULTIPLIERS:
        x ^= x >> half  # xor with a right shift of itself: invertible
        x = (x * np.uint64(multiplier)) & mask
    x ^= x >> half
    return x


def hex_ids(numbers: np.ndarray, *, prefix: str, width: int, key: int) -> pa.StringArray:
    """``prefix`` + ``width`` hex digits for each number, distinct for distinct numbers."""
    n = len(numbers)
    mixed = mix(numbers, 4 * width, key)
    shifts = (np.arange(width - 1, -1, -1, dtype=np.uint64) * np.uint64(4))[None, :]
    digits = ((mixed[:, None] >> shifts) & np.uint64(15)).astype(np.uint8)
    head = np.frombuffer(prefix.encode("ascii"), dtype=np.uint8)
    text = np.empty((n, len(head) + width), dtype=np.uint8)
    text[:, : len(head)] = head
    text[:, len(head) :] = _HEX[digits]
    size = len(head) + width
    offsets = np.arange(0, n * size + 1, size, dtype=np.int32)
    return pa.StringArray.from_buffers(n, pa.py_buffer(offsets), pa.py_buffer(text.tobytes()))


def date_array(days: np.ndarray, valid: np.ndarray | None = None) -> pa.Array:
    """Day numbers as an Arrow ``date32`` column; null where not ``valid``."""
    values = days.astype("datetime64[D]")
    return pa.array(values, type=pa.date32(), mask=None if valid is None else ~valid)


def code_array(
    codes: tuple[str, ...], index: np.ndarray, valid: np.ndarray | None = None
) -> pa.Array:
    """Codes chosen by index as an Arrow string column; null where not ``valid``."""
    dictionary = pa.DictionaryArray.from_arrays(
        pa.array(index.astype(np.int32), mask=None if valid is None else ~valid),
        pa.array(codes, type=pa.string()),
    )
    return dictionary.cast(pa.string())
