"""The dashboard: a local web app and JSON API over release folders (``akassemonitor serve``).

It serves what ``akassemonitor release`` wrote, and nothing else: the published cells
of folders that pass :func:`~akassemonitor.release.verify_release`, their reports and
data-quality counts. See ``docs/dashboard.md``.
"""

from akassemonitor.dashboard._library import Library, LibraryError, load_library
from akassemonitor.dashboard.app import create_app
from akassemonitor.dashboard.server import TOKEN_ENV, serve

__all__ = ["TOKEN_ENV", "Library", "LibraryError", "create_app", "load_library", "serve"]
