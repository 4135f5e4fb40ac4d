"""Pages drawn once per process and replayed into every later PDF (the shared bilag).

The bilag over all a-kasser is the same in every report of a month: :mod:`._pdf`
lays it out once per process. Drawing its pages into each report's PDF still cost
about a tenth of the PDF's time. A :class:`RecordedPage` draws itself the first time
into a scratch stream, keeps the PDF operators and the fonts they name, and from then
on appends those operators to the page's stream and adds the fonts to the document.

The operators depend only on the page (its boxes, and the fonts of the process's one
font configuration, which WeasyPrint names by a hash of their description), so a
replay writes the same bytes as drawing would. A page that needs document resources
other than fonts (images, transparency, patterns) is drawn every time instead.
The fonts are kept as WeasyPrint's font objects; they are written whole
(``full_fonts=True``, as :func:`._pdf.render_pdf` does), which reads nothing but their
file content and metrics again. This relies on WeasyPrint's internals (70.x, pinned).
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

import weasyprint

_RESOURCES = ("ExtGState", "XObject", "Pattern", "Shading")


@dataclass(frozen=True)
class _Recording:
    operators: tuple[Any, ...]
    fonts: tuple[tuple[Any, Any], ...]  # (key, font) in order of first use


class RecordedPage(weasyprint.Page):
    """A page whose drawing is recorded the first time and replayed after."""

    def __init__(self, page_box: Any) -> None:
        super().__init__(page_box)
        self._recording: _Recording | None = None
        self._replayable = True
        self.replays = 0  # how often the recording was used (for tests)

    def paint(self, stream: Any, scale: float = 1) -> None:
        if self._recording is not None:
            self.replays += 1
            _replay(self._recording, stream)
            return
        if not self._replayable:
            super().paint(stream, scale)
            return
        recording, replayable = self._record(stream, scale)
        _replay(recording, stream)
        if replayable:
            self._recording = recording
        else:
            self._replayable = False

    def _record(self, stream: Any, scale: float) -> tuple[_Recording, bool]:
        """Draw into a scratch stream with fonts of its own: the operators and the fonts
        of this page alone, and whether they need nothing else from the document."""
        scratch = stream.clone(fonts={})
        scratch._ctm_stack = list(stream._ctm_stack)
        before = _resource_counts(stream)
        super().paint(scratch, scale)
        fonts = tuple((key, _frozen(font)) for key, font in scratch._fonts.items())
        replayable = _resource_counts(stream) == before and not any(
            font.missing for _, font in fonts
        )
        return _Recording(tuple(scratch.stream), fonts), replayable


def _replay(recording: _Recording, stream: Any) -> None:
    fonts = stream._fonts
    for key, font in recording.fonts:
        if key in fonts:
            fonts[key].widths.update(font.widths)
            fonts[key].to_unicode.update(font.to_unicode)
        else:
            fonts[key] = _frozen(font)
    stream.stream.extend(recording.operators)


def _frozen(font: Any) -> Any:
    """A copy of a WeasyPrint font whose glyph tables are its own."""
    clone = copy.copy(font)
    clone.widths = dict(font.widths)
    clone.to_unicode = dict(font.to_unicode)
    clone.missing = dict(font.missing)
    return clone


def _resource_counts(stream: Any) -> tuple[int, ...]:
    resources = stream._resources
    return (*(len(resources.get(name, ())) for name in _RESOURCES), len(stream._images))
