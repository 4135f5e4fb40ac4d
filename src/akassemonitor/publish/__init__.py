"""Publishing: the monthly reports per a-kasse as PDF, HTML and XLSX.

The public surface is :func:`render_reports` (used by ``akassemonitor report``);
:func:`build_reports` gives the document model without writing files. The
publisher accepts only :class:`~akassemonitor.cells.PublishedCells`.
"""

from akassemonitor.publish.reports import (
    FORMATS,
    build_reports,
    discretion_note,
    render_reports,
    report_stem,
)

__all__ = ["FORMATS", "build_reports", "discretion_note", "render_reports", "report_stem"]
