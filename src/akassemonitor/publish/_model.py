"""The report as data: built once, rendered to HTML, PDF and XLSX.

A :class:`Report` is a tree of plain frozen dataclasses: sections holding blocks
(key figures, tables, charts, notes, info boxes). Every published figure is a
:class:`Cell` that remembers the key of the published cell it shows, so renderers
can tag it and tests can check it against the cells.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

CellKey = tuple[str, str, str, str]  # measure, month, akasse, category
NumberStyle = Literal["count", "percent", "decimal", "flag", "text"]
RowKind = Literal["body", "group", "total"]


@dataclass(frozen=True)
class Cell:
    """One shown value: its text, and where it is a number, the number and its style.

    ``key`` is set exactly when the cell shows a published cell; ``number`` is None for
    text and for suppressed or absent cells (renderers then write ``text``).
    """

    text: str
    number: float | None = None
    style: NumberStyle = "text"
    decimals: int = 0
    key: CellKey | None = None
    suppressed: bool = False
    span: int = 1
    note: bool = False  # an explanatory text inside a table (set in a smaller face)


@dataclass(frozen=True)
class Row:
    cells: tuple[Cell, ...]
    kind: RowKind = "body"
    highlight: bool = False  # the report's own a-kasse in a table over all a-kasser


@dataclass(frozen=True)
class Header:
    text: str
    span: int = 1


@dataclass(frozen=True)
class Table:
    """A table; ``sheet`` is its (unique, at most 31 characters) Excel sheet name."""

    sheet: str
    title: str
    header: tuple[tuple[Header, ...], ...]
    rows: tuple[Row, ...]
    note: str = ""
    compact: bool = False  # long tables (the bilag) in a smaller face
    kind: str = field(default="table", init=False)

    @property
    def width(self) -> int:
        return sum(h.span for h in self.header[-1])


@dataclass(frozen=True)
class Chart:
    title: str
    svg: str
    description: str  # alt text: what the chart shows
    note: str = ""
    kind: str = field(default="chart", init=False)


@dataclass(frozen=True)
class KeyFigure:
    label: str
    cell: Cell
    caption: str = ""


@dataclass(frozen=True)
class KeyFigureGroup:
    title: str
    subtitle: str
    figures: tuple[KeyFigure, ...]
    kind: str = field(default="figures", init=False)


@dataclass(frozen=True)
class Paragraph:
    text: str
    kind: str = field(default="paragraph", init=False)


@dataclass(frozen=True)
class InfoBox:
    title: str
    paragraphs: tuple[str, ...]
    kind: str = field(default="infobox", init=False)


Block = Table | Chart | KeyFigureGroup | Paragraph | InfoBox


@dataclass(frozen=True)
class Section:
    """A heading with its blocks. Level 1: a theme or annex; level 2: a measure."""

    anchor: str
    title: str
    level: int
    blocks: tuple[Block, ...] = ()
    new_page: bool = False
    in_contents: bool = True


@dataclass(frozen=True)
class Report:
    akasse: str
    akasse_label: str
    month: str  # 2022M04
    month_name: str  # april 2022
    title: str
    subtitle: str
    period_text: str
    sections: tuple[Section, ...]
    discretion_note: str

    @property
    def tables(self) -> tuple[Table, ...]:
        return tuple(b for s in self.sections for b in s.blocks if isinstance(b, Table))

    @property
    def running_title(self) -> str:
        return f"{self.title} · {self.akasse_label} · {self.month_name}"
