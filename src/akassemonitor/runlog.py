"""The run log (``--log FILE``) and ``--verbose``: plain text, never person-level values.

Stages report their steps to the standard ``logging`` logger ``akassemonitor``; this
module decides where those lines go. Every line passes :func:`privacy.mask` and
:func:`privacy.redact_credentials` (the command line is logged before ``--engine`` is
parsed and a password in it refused), and the stages log only file names, counts and
codes, never a row's values.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from rich.console import Console

from akassemonitor import privacy

LOGGER = logging.getLogger("akassemonitor")
_HANDLERS: list[logging.Handler] = []


class _Masked(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = privacy.mask(privacy.redact_credentials(record.getMessage()))
        record.args = None
        return True


class _ToConsole(logging.Handler):
    """``--verbose``: each step as a dim line on the error console (beside the progress)."""

    def __init__(self, console: Console) -> None:
        super().__init__(logging.INFO)
        self.console = console

    def emit(self, record: logging.LogRecord) -> None:
        self.console.print(record.getMessage(), style="dim", highlight=False, markup=False)


def configure(*, log: Path | None, verbose: bool, console: Console) -> None:
    """Send the logger's lines to ``log`` (appended) and, if ``verbose``, to ``console``."""
    for handler in _HANDLERS:
        LOGGER.removeHandler(handler)
        handler.close()
    _HANDLERS.clear()
    if log is not None:
        log = Path(log)
        problem = None
        if log.is_dir():
            problem = f"--log {log} is a folder; give the name of a log file"
        elif log.parent.exists() and not log.parent.is_dir():
            problem = f"--log {log}: {log.parent} is a file, not a folder; give another path"
        elif not log.parent.is_dir():
            problem = f"--log {log}: the folder {log.parent} does not exist; create it"
        if problem is not None:
            # Nowhere to log yet: without a handler, logging's last resort would print
            # the error a second time.
            _HANDLERS.append(logging.NullHandler())
            LOGGER.addHandler(_HANDLERS[-1])
            raise ValueError(problem)
        to_file = logging.FileHandler(log, encoding="utf-8")
        to_file.setFormatter(
            logging.Formatter("%(asctime)s %(levelname)s %(message)s", "%Y-%m-%dT%H:%M:%S")
        )
        _HANDLERS.append(to_file)
    if verbose:
        _HANDLERS.append(_ToConsole(console))
    if not _HANDLERS:  # else logging's last resort would print warnings to stderr
        _HANDLERS.append(logging.NullHandler())
    for handler in _HANDLERS:
        handler.addFilter(_Masked())
        LOGGER.addHandler(handler)
    LOGGER.setLevel(logging.INFO)
    LOGGER.propagate = False
    if log is not None:
        info("akassemonitor " + " ".join(sys.argv[1:]))


def info(message: str) -> None:
    LOGGER.info(message)


def warning(message: str) -> None:
    LOGGER.warning(message)


def error(message: str) -> None:
    LOGGER.error(message)
