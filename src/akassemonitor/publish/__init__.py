"""Publishing: the monthly reports per a-kasse as PDF, HTML and XLSX.

The public surface is :func:`render_reports` (used by ``akassemonitor report``);
:func:`build_reports` gives the document model without writing files. The
publisher reads a release only (published cells, publishable quality counts and the
manifest, see :class:`PublishableRelease`), never exact cells. A report that fails
does not stop the others: :class:`ReportsFailed` lists the failures afterwards.
"""

from akassemonitor.publish.reports import (
    FORMATS,
    PublishableRelease,
    ReportFailure,
    ReportsFailed,
    build_reports,
    discretion_note,
    render_reports,
    report_stem,
)

__all__ = [
    "FORMATS",
    "PublishableRelease",
    "ReportFailure",
    "ReportsFailed",
    "build_reports",
    "discretion_note",
    "render_reports",
    "report_stem",
]
