"""The log's downloads: CSV, XLSX, DOCX, PDF, and the export_action_log command."""

import csv
import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from boards.log_table import COLUMNS, OFFICER_SEPARATOR

from .factories import make_board
from .test_demo import EXPECTED_LOG

HEADINGS = [heading for _, heading in COLUMNS]
EXPECTED_CELLS = [
    [ref, when, action, OFFICER_SEPARATOR.join(officers), comments, status]
    for ref, when, action, officers, comments, status in EXPECTED_LOG
]
CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "pdf": "application/pdf",
}
# A4 landscape in PDF points (1/72 in).
A4_LANDSCAPE_PT = (841.89, 595.28)


def export_url(board, fmt):
    return reverse("boards:export_log", args=[board.slug, fmt])


def download(board, fmt, query=None):
    response = Client().get(export_url(board, fmt), query or {})
    assert response.status_code == 200
    return response


def csv_rows(content):
    assert content.startswith(b"\xef\xbb\xbf"), "Excel needs the UTF-8 byte-order mark"
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


@pytest.mark.parametrize("fmt", sorted(CONTENT_TYPES))
def test_each_format_downloads_as_an_attachment_named_for_the_board_and_date(demo, fmt):
    response = download(demo, fmt)
    today = timezone.localdate()
    assert response["Content-Type"] == CONTENT_TYPES[fmt]
    assert response["Content-Disposition"] == (
        f'attachment; filename="leicestershire-hwb-action-log-{today:%Y-%m-%d}.{fmt}"'
    )
    assert response.content


def test_unknown_format_is_404(demo):
    assert Client().get(export_url(demo, "odt")).status_code == 404


def test_csv_is_the_nine_rows_of_the_log_with_the_headings(demo):
    assert csv_rows(download(demo, "csv").content) == [HEADINGS, *EXPECTED_CELLS]


def test_csv_applies_the_log_filters(demo):
    rows = csv_rows(download(demo, "csv", {"status": "AMBER"}).content)
    assert [r[0] for r in rows[1:]] == ["330(d)", "333(b)"]
    assert {r[5] for r in rows[1:]} == {"AMBER"}


def test_xlsx_is_the_nine_rows_with_bold_headings_coloured_status_and_a_key(demo):
    from openpyxl import load_workbook

    book = load_workbook(io.BytesIO(download(demo, "xlsx").content))
    sheet = book.worksheets[0]
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values == [HEADINGS, *EXPECTED_CELLS]
    assert all(cell.font.b for cell in sheet[1])
    statuses = {s.code: s for s in demo.rag_key.statuses.all()}
    for row in sheet.iter_rows(min_row=2):
        status = statuses[row[5].value]
        assert row[5].fill.fgColor.rgb.endswith(status.colour.lstrip("#").upper())
        assert row[5].font.color.rgb.endswith(status.text_colour.lstrip("#").upper())
        assert row[2].alignment.wrap_text
    assert sheet.column_dimensions["C"].width > sheet.column_dimensions["A"].width
    key = book["Key"]
    assert [r[0] for r in key.iter_rows(min_row=2, values_only=True)] == list(statuses)


def test_docx_is_a4_landscape_with_the_heading_the_nine_rows_and_the_key(demo):
    from docx import Document
    from docx.enum.section import WD_ORIENT

    document = Document(io.BytesIO(download(demo, "docx").content))
    section = document.sections[0]
    assert section.orientation == WD_ORIENT.LANDSCAPE
    # Word stores sizes in twips, so A4 comes back to within a fraction of a millimetre.
    assert (section.page_width.mm, section.page_height.mm) == pytest.approx((297, 210), abs=0.1)
    today = timezone.localdate()
    heading, dated = (p.text for p in document.paragraphs[:2])
    assert heading == "Leicestershire Health and Wellbeing Board Action Log"
    assert dated == f"{today.day} {today:%B %Y}"
    log, key = document.tables
    rows = [[cell.text for cell in row.cells] for row in log.rows]
    assert rows == [HEADINGS, *EXPECTED_CELLS]
    assert log.rows[0]._tr.trPr.xpath("./w:tblHeader"), "the header row repeats on each page"
    # The papers' proportions, in the table grid (LibreOffice) as in each cell (Word).
    widths = [round(column.width.mm) for column in log.columns]
    assert widths == [19, 21, 81, 36, 87, 26]
    assert all(round(cell.width.mm) == widths[2] for cell in log.columns[2].cells)
    statuses = [s.code for s in demo.rag_key.statuses.all()]
    assert [row.cells[0].text for row in key.rows] == statuses


def test_docx_keeps_markup_characters_and_drops_what_xml_cannot_hold(db):
    from docx import Document

    from boards.exports import QueryOnly, document_for, render

    from .factories import make_action

    board = make_board("awkward-board")
    make_action(board, "1(a)", description='Report <b>costs</b> & "risks"\x0b to the Board.\nSecond line.',
                latest_comment="Tom & Jerry's <update>")
    document = Document(io.BytesIO(render(document_for(QueryOnly(), board), "docx")))
    cells = [cell.text for cell in document.tables[0].rows[1].cells]
    assert cells[2] == 'Report <b>costs</b> & "risks" to the Board.\nSecond line.'
    assert cells[4] == "Tom & Jerry's <update>"


def test_pdf_is_a4_landscape_with_every_reference(demo):
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(download(demo, "pdf").content))
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert (width, height) == pytest.approx(A4_LANDSCAPE_PT, abs=1)
    text = "".join(page.extract_text() for page in reader.pages)
    assert f"{demo.name} Action Log" in " ".join(text.split())
    for ref, *_ in EXPECTED_LOG:
        assert ref in text


def test_a_private_boards_export_is_404_to_the_public(db):
    board = make_board("private-board", name="Private Board", is_public=False)
    for fmt in CONTENT_TYPES:
        assert Client().get(export_url(board, fmt)).status_code == 404


def test_the_command_writes_the_outstanding_log(demo, tmp_path):
    out = tmp_path / "log.csv"
    call_command("export_action_log", "--board", demo.slug, "--format", "csv", "-o", str(out),
                 stdout=io.StringIO())
    assert csv_rows(out.read_bytes()) == [HEADINGS, *EXPECTED_CELLS]


def test_the_log_page_links_each_export_with_its_filters(demo):
    page = Client().get(reverse("boards:log", args=[demo.slug]), {"status": "AMBER"}).content.decode()
    for fmt in CONTENT_TYPES:
        assert f'href="{export_url(demo, fmt)}?status=AMBER"' in page


def test_a_long_pdf_is_laid_out_in_parts_and_joined_with_one_heading_and_one_key(db, monkeypatch):
    from pypdf import PdfReader

    from boards.exports import QueryOnly, document_for, pdf, render

    from .factories import make_action

    board = make_board("long-board", name="Long Board")
    for number in range(1, 8):
        make_action(board, str(number), description=f"Action number {number}.")
    monkeypatch.setattr(pdf, "ROWS_PER_PART", 3)  # three parts: rows 1-3, 4-6, 7

    reader = PdfReader(io.BytesIO(render(document_for(QueryOnly(), board), "pdf")))

    pages = [" ".join(page.extract_text().split()) for page in reader.pages]
    assert len(pages) == 3
    text = " ".join(pages)
    assert text.count("Long Board Action Log") == 1 and pages[0].startswith("Long Board Action Log")
    assert text.count("Status key") == 1 and "Status key" in pages[-1]
    assert all(page.count("Responsible Officer") == 1 for page in pages), "each part has the heading row"
    assert [n for n in range(1, 8) if f"Action number {n}." in text] == list(range(1, 8))
    assert reader.metadata.title == "Long Board Action Log"
