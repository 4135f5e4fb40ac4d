"""Render a :class:`Report`'s tables to an Excel workbook (openpyxl), one sheet per table.

Numbers are written as numbers with an Excel number format (Excel shows them in the
reader's locale, ``3.850`` and ``85,3%`` in Danish Excel); ``*`` (suppressed) and ``–``
(no figure) are text. Headers are the report's Danish headers.
"""

from __future__ import annotations

import re
import zipfile
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from akassemonitor.publish import _texts as T
from akassemonitor.publish._model import Cell, KeyFigureGroup, Report, Table

NUMBER_FORMATS = {"count": "#,##0", "percent": "0.0%", "decimal": "0.00"}
BOLD = Font(bold=True)
TITLE = Font(bold=True, size=13)
BAND = PatternFill("solid", fgColor="F3F5F8")
HIGHLIGHT = PatternFill("solid", fgColor="E3EEF8")
RIGHT = Alignment(horizontal="right")
WRAP = Alignment(wrap_text=True, vertical="top")
_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
MAX_SHEET_NAME = 31


def sheet_name(name: str, taken: set[str]) -> str:
    """A valid, unique Excel sheet name (at most 31 characters, none of ``[]:*?/\\``)."""
    base = _FORBIDDEN.sub("-", name)[:MAX_SHEET_NAME].strip() or "Ark"
    candidate, n = base, 2
    while candidate.lower() in taken:
        suffix = f" ({n})"
        candidate = base[: MAX_SHEET_NAME - len(suffix)] + suffix
        n += 1
    taken.add(candidate.lower())
    return candidate


def _number_format(cell: Cell) -> str:
    if cell.style == "percent":
        return "0." + "0" * cell.decimals + "%" if cell.decimals else "0%"
    if cell.style == "decimal":
        return "0." + "0" * cell.decimals if cell.decimals else "0"
    return NUMBER_FORMATS.get(cell.style, "General")


def _write_cell(sheet: Worksheet, row: int, column: int, cell: Cell) -> None:
    target = sheet.cell(row=row, column=column)
    if cell.number is not None and cell.style in NUMBER_FORMATS:
        target.value = cell.number
        target.number_format = _number_format(cell)
    else:
        target.value = cell.text
        if cell.style != "text":
            target.alignment = RIGHT


def _write_table(sheet: Worksheet, table: Table) -> None:
    sheet.cell(row=1, column=1, value=table.title).font = TITLE
    row = 3
    for header_row in table.header:
        column = 1
        for header in header_row:
            target = sheet.cell(row=row, column=column, value=header.text or None)
            target.font = BOLD
            if header.span > 1:
                sheet.merge_cells(
                    start_row=row, start_column=column,
                    end_row=row, end_column=column + header.span - 1,
                )
            column += header.span
        row += 1
    sheet.freeze_panes = sheet.cell(row=row, column=2)
    for table_row in table.rows:
        column = 1
        for cell in table_row.cells:
            _write_cell(sheet, row, column, cell)
            if cell.span > 1:
                sheet.merge_cells(
                    start_row=row, start_column=column,
                    end_row=row, end_column=column + cell.span - 1,
                )
            column += cell.span
        if table_row.kind != "body" or table_row.highlight:
            fill = HIGHLIGHT if table_row.highlight else BAND
            for col in range(1, table.width + 1):
                target = sheet.cell(row=row, column=col)
                target.fill = fill
                if table_row.kind != "body":
                    target.font = BOLD
        row += 1
    if table.note:
        sheet.cell(row=row + 1, column=1, value=table.note)
    first_width = max(len(r.cells[0].text) for r in table.rows) if table.rows else 10
    sheet.column_dimensions["A"].width = min(45, max(12, first_width + 2))
    for col in range(2, table.width + 1):
        sheet.column_dimensions[get_column_letter(col)].width = 16


def _write_front(sheet: Worksheet, report: Report) -> None:
    lines = [
        (report.title, TITLE),
        (report.akasse_label, BOLD),
        (report.subtitle, None),
        (T.FRONT_PERIOD.format(period=report.period_text), None),
        ("", None),
        (report.discretion_note, None),
        (T.XLSX_FRONT_GUIDE, None),
    ]
    for i, (text, font) in enumerate(lines, start=1):
        target = sheet.cell(row=i, column=1, value=text or None)
        if font is not None:
            target.font = font
    sheet.column_dimensions["A"].width = 110


def _write_key_figures(sheet: Worksheet, report: Report) -> None:
    for column, header in enumerate(T.XLSX_KEY_FIGURES_HEADERS, start=1):
        sheet.cell(row=1, column=column, value=header).font = BOLD
    row = 2
    for section in report.sections:
        for block in section.blocks:
            if not isinstance(block, KeyFigureGroup):
                continue
            for figure in block.figures:
                sheet.cell(row=row, column=1, value=f"{block.title}: {block.subtitle}")
                sheet.cell(row=row, column=2, value=figure.label)
                _write_cell(sheet, row, 3, figure.cell)
                row += 1
    sheet.column_dimensions["A"].width = 60
    sheet.column_dimensions["B"].width = 70
    sheet.column_dimensions["C"].width = 14


def render_xlsx(report: Report) -> bytes:
    """The workbook: a front sheet, the key figures, then one sheet per table."""
    workbook = Workbook()
    taken: set[str] = set()
    front = workbook.active
    front.title = sheet_name(T.XLSX_FRONT_SHEET, taken)
    _write_front(front, report)
    _write_key_figures(workbook.create_sheet(sheet_name(T.XLSX_KEY_FIGURES_SHEET, taken)), report)
    for table in report.tables:
        _write_table(workbook.create_sheet(sheet_name(table.sheet, taken)), table)
    issued = report.issued.replace(tzinfo=None)  # openpyxl takes naive UTC
    workbook.properties.created = issued
    workbook.properties.creator = "akassemonitor"
    buffer = BytesIO()
    workbook.save(buffer)
    return _fixed_times(buffer.getvalue(), issued.strftime("%Y-%m-%dT%H:%M:%SZ"),
                        issued.timetuple()[:6])


_MODIFIED = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")


def _fixed_times(workbook: bytes, stamp: str, zip_time: tuple[int, ...]) -> bytes:
    """The same workbook with the report's date for its modification time (openpyxl
    writes the time of saving) and for every zip entry's time, so that rerunning a
    release gives the same bytes."""
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(workbook)) as source, zipfile.ZipFile(
        out, "w", zipfile.ZIP_DEFLATED
    ) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "docProps/core.xml":
                data = _MODIFIED.sub(rb"\g<1>" + stamp.encode() + rb"\g<2>", data)
            entry = zipfile.ZipInfo(info.filename, date_time=zip_time)  # type: ignore[arg-type]
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            target.writestr(entry, data)
    return out.getvalue()
