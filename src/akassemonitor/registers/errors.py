"""The one error type of the registers stage (SPEC §7: stop with a clear message)."""

from __future__ import annotations

from akassemonitor.privacy import mask


class InputError(Exception):
    """Input that stops the run: a missing, unreadable or malformed file, a missing column,
    a missing pseudonym key, or quarantined rows under ``--strict``.

    The message is one user-facing paragraph naming the file, the column or row, and the
    fix; the CLI prints it without a traceback and exits with status 2. It never contains
    a raw CPR number: anything that looks like one is masked here (``privacy.mask``).
    """

    def __init__(self, message: str) -> None:
        super().__init__(mask(" ".join(message.split())))  # one line, CPR masked
