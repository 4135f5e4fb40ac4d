"""The document model: headings from the data, every figure a published cell."""

from __future__ import annotations

import dataclasses

import pytest
from release_factory import as_release

from akassemonitor.months import Month, parse_month_span
from akassemonitor.publish import build_reports
from akassemonitor.publish._formats import MISSING_MARK, format_cell
from akassemonitor.publish._model import KeyFigureGroup, Report, Table
from akassemonitor.publish.reports import discretion_note


@pytest.fixture(scope="module")
def ftf(published, quality, config, month) -> Report:
    return build_reports(as_release(published, quality, config, month), ["FTF-A"])[0]


def _cells(report: Report):
    for table in report.tables:
        for row in table.rows:
            yield from row.cells
    for section in report.sections:
        for block in section.blocks:
            if isinstance(block, KeyFigureGroup):
                yield from (f.cell for f in block.figures)


def test_headings_name_the_period_of_the_data(ftf):
    titles = [s.title for s in ftf.sections]
    assert "Status på forsøget – april 2022" in titles
    assert any(
        t.startswith("Måling 1.1") and t.endswith("september 2020 til og med april 2022")
        for t in titles
    )
    focus = next(t for t in titles if t.startswith("Måling 2.2"))
    assert focus.endswith(
        "gennemsnit for perioden: september 2020 til og med december 2020 og juli 2021 "
        "til og med april 2022"
    )
    assert ftf.subtitle == "Rapport – april 2022"


def test_focus_heading_follows_the_configured_excluded_months(
    published, quality, config, month
):
    focus = dataclasses.replace(
        config.focus, excluded_months=tuple(parse_month_span("2021M02..2021M03"))
    )
    other = dataclasses.replace(config, focus=focus)
    report = build_reports(as_release(published, quality, other, month), ["FTF-A"])[0]
    title = next(s.title for s in report.sections if s.title.startswith("Måling 2.2"))
    assert title.endswith(
        "september 2020 til og med januar 2021 og april 2021 til og med april 2022"
    )


def test_every_figure_shows_its_published_cell_as_published(ftf, published):
    frame = published.frame.set_index(["measure", "month", "akasse", "category"])
    shown = [c for c in _cells(ftf) if c.key is not None]
    assert len(shown) > 600
    for cell in shown:
        row = frame.loc[cell.key]
        value = None if row.suppressed else float(row.value)
        assert cell.text == format_cell(cell.key[0], value, bool(row.suppressed)), cell.key
        assert cell.text != MISSING_MARK


def test_numbers_that_are_not_cells_are_only_in_the_data_quality_annex(ftf):
    for section in ftf.sections:
        for block in section.blocks:
            if not isinstance(block, Table):
                continue
            for row in block.rows:
                for cell in row.cells:
                    if cell.style != "text" and cell.key is None:
                        assert section.anchor == "bilag-2", (section.anchor, cell)


def test_the_bilag_lists_every_month_and_a_kasse_and_marks_the_excluded_months(ftf, config):
    bilag = next(t for t in ftf.tables if t.sheet.startswith("Bilag 1"))
    labels = [row.cells[0].text for row in bilag.rows]
    assert labels.count("FTF-A") == 20 + 1  # 20 months and the period total
    assert labels[-1] == "Hovedtotal"
    excluded = next(r for r in bilag.rows if r.cells[0].text == "2021M03")
    assert "suspension af dagpengeperioden" in excluded.cells[1].text
    assert excluded.cells[1].span == 3
    hovedtotal = bilag.rows[-1].cells
    assert [c.key for c in hovedtotal[1:]] == [
        ("bilag_fokus_1a", "", "ALLE", "JA"),
        ("bilag_fokus_1a", "", "ALLE", "NEJ"),
        ("bilag_fokus_1a", "", "ALLE", "I_ALT"),
        ("bilag_fokus_1b", "", "ALLE", "JA"),
        ("bilag_fokus_1b", "", "ALLE", "NEJ"),
        ("bilag_fokus_1b", "", "ALLE", "I_ALT"),
    ]


def test_the_alle_report_is_the_whole_trial(published, quality, config, month):
    report = build_reports(as_release(published, quality, config, month), ["ALLE"])[0]
    assert report.akasse_label == "Alle a-kasser"
    status = report.sections[0].blocks[0]
    assert isinstance(status, KeyFigureGroup)
    assert status.figures[0].cell.key == ("paabegyndte_forloeb", "2022M04", "ALLE", "")


def test_discretion_note_follows_threshold_and_mode(config):
    strict = dataclasses.replace(
        config, disclosure=dataclasses.replace(config.disclosure, threshold=4, mode="primary")
    )
    note = discretion_note(strict)
    assert "fire eller færre" in note
    assert "sekundær" not in note
    secondary = dataclasses.replace(
        config, disclosure=dataclasses.replace(config.disclosure, mode="secondary")
    )
    assert "sekundær" in discretion_note(secondary)


def test_unknown_akasse_and_month_without_cells_are_clear_errors(
    published, quality, config, month
):
    with pytest.raises(ValueError, match="unknown a-kasse 'XYZ-A'.*choose from 3F-A"):
        build_reports(as_release(published, quality, config, month), ["XYZ-A"])
    with pytest.raises(ValueError, match="no published cells for 2019M01"):
        build_reports(as_release(published, quality, config, Month(2019, 1)), ["FTF-A"])
    with pytest.raises(ValueError, match="made for 2022M04, not 2022M03"):
        build_reports(as_release(published, quality, config, Month(2022, 3)), ["FTF-A"])


def test_the_bilag_says_how_many_cells_carry_a_star(ftf, published):
    # The information loss, in Danish, from what the published cells show anyway.
    from akassemonitor.publish._model import Paragraph

    frame = published.frame
    hidden, total = int(frame.suppressed.sum()), len(frame)
    assert 0 < hidden < total
    bilag = next(s for s in ftf.sections if s.anchor == "bilag-1")
    texts = [b.text for b in bilag.blocks if isinstance(b, Paragraph)]
    share = f"{100 * hidden / total:.1f}".replace(".", ",")
    sentence = f"af opgørelsens {total:,} tal erstattet med * ({share} %).".replace(",", ".", 1)
    assert any(t.startswith("I alt er ") and t.endswith(sentence) for t in texts), texts
