"""The log's downloads: CSV, XLSX, DOCX, PDF, and the export_action_log command."""

import csv
import io

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from boards.log_table import COLUMNS, OFFICER_SEPARATOR

from .factories import make_action, make_board
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
def test_each_format_downloads_as_an_attachment_named_for_the_board_and_date(small_board, fmt):
    response = download(small_board.board, fmt)
    today = timezone.localdate()
    assert response["Content-Type"] == CONTENT_TYPES[fmt]
    assert response["Content-Disposition"] == (
        f'attachment; filename="small-board-action-log-{today:%Y-%m-%d}.{fmt}"'
    )
    assert response.content


def test_unknown_format_is_404(small_board):
    assert Client().get(export_url(small_board.board, "odt")).status_code == 404


# On the demo: asserts the papers' nine rows, cell for cell (EXPECTED_LOG).
def test_csv_is_the_nine_rows_of_the_log_with_the_headings(demo):
    assert csv_rows(download(demo, "csv").content) == [HEADINGS, *EXPECTED_CELLS]


def test_csv_applies_the_log_filters(small_board):
    make_action(small_board.board, "203(a)", status="AMBER")
    rows = csv_rows(download(small_board.board, "csv", {"status": "AMBER"}).content)
    assert [r[0] for r in rows[1:]] == ["201(b)", "203(a)"]
    assert {r[5] for r in rows[1:]} == {"AMBER"}


# On the demo: asserts the papers' nine rows, cell for cell (EXPECTED_LOG).
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
    rows = list(key.iter_rows(min_row=2, values_only=True))
    assert [r[0] for r in rows[: len(statuses)]] == list(statuses)
    assert rows[-1][0] == "Shows" and rows[-1][1].startswith(f"{demo.name} Action Log: ")


# On the demo: asserts the papers' nine rows, cell for cell (EXPECTED_LOG).
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

    board = make_board("awkward-board")
    make_action(
        board,
        "1(a)",
        description='Report <b>costs</b> & "risks"\x0b to the Board.\nSecond line.',
        latest_comment="Tom & Jerry's <update>",
    )
    document = Document(io.BytesIO(render(document_for(QueryOnly(), board), "docx")))
    cells = [cell.text for cell in document.tables[0].rows[1].cells]
    assert cells[2] == 'Report <b>costs</b> & "risks" to the Board.\nSecond line.'
    assert cells[4] == "Tom & Jerry's <update>"


# On the demo: asserts every reference of the papers' nine rows (EXPECTED_LOG) in the PDF.
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


def test_the_command_writes_the_outstanding_log(small_board, tmp_path):
    out = tmp_path / "log.csv"
    call_command(
        "export_action_log", "--board", "small-board", "--format", "csv", "-o", str(out), stdout=io.StringIO()
    )
    assert csv_rows(out.read_bytes()) == [
        HEADINGS,
        [
            "101(a)",
            "05/05/16",
            "Report on the parity plan.",
            "Pat Partner",
            "Report scheduled for January.",
            "GREEN",
        ],
        [
            "201(a)",
            "17/11/16",
            "Develop a delivery plan for the strategy.",
            "Olu Officer",
            "Delivery plan due in March 2017.",
            "GREEN",
        ],
        [
            "201(b)",
            "17/11/16",
            "Ask whether the profiles include prisoners.",
            f"Olu Officer{OFFICER_SEPARATOR}Pat Partner",
            "Under consideration.",
            "AMBER",
        ],
        [
            "201(c)",
            "17/11/16",
            "Target cohorts of patients for analysis.",
            "Ada Adviser",
            "Awaiting the data.",
            "RED",
        ],
    ]


def test_the_log_page_links_each_export_with_its_filters(small_board):
    board = small_board.board
    page = Client().get(reverse("boards:log", args=[board.slug]), {"status": "AMBER"}).content.decode()
    for fmt in CONTENT_TYPES:
        assert f'href="{export_url(board, fmt)}?status=AMBER"' in page


def pdf_of(board, query=""):
    from pypdf import PdfReader

    from boards.exports import QueryOnly, document_for, render

    return PdfReader(io.BytesIO(render(document_for(QueryOnly(query), board), "pdf")))


def page_texts(reader):
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def test_a_long_pdf_has_the_heading_row_at_the_top_of_every_page_and_one_title_and_key(db):

    board = make_board("long-board", name="Long Board")
    for number in range(1, 61):
        make_action(board, str(number), description=f"Action number {number}.")

    reader = pdf_of(board)

    pages = page_texts(reader)
    assert len(pages) >= 3
    text = " ".join(pages)
    assert text.count("Long Board Action Log") == 1 and pages[0].startswith("Long Board Action Log")
    assert text.count("Status key") == 1 and "Status key" in pages[-1]
    assert all(page.count("Responsible Officer") == 1 for page in pages), "a heading row a page"
    assert all(page.split("Responsible Officer")[0].rstrip().endswith("Action") for page in pages[1:]), (
        "the heading row starts each later page"
    )
    assert [n for n in range(1, 61) if f"Action number {n}." in text] == list(range(1, 61))
    assert reader.metadata.title == "Long Board Action Log"


def test_pdf_status_cells_are_filled_with_the_status_colour_and_text_colour(db):
    from reportlab.lib.colors import HexColor

    board = make_board("colour-board")
    statuses = list(board.rag_key.statuses.all())
    for number, status in enumerate(statuses, start=1):
        make_action(board, str(number), status=status.code)

    reader = pdf_of(board)

    content = b"".join(page.get_contents().get_data() for page in reader.pages).decode("latin-1")
    operators = {
        " ".join(line.split()[:-1])
        for line in content.splitlines()
        if line.split() and line.split()[-1] in ("rg", "RG")
    }

    numbers = {" ".join(f"{float(n):.4f}" for n in operator.split()) for operator in operators}
    for status in statuses:
        for colour in (status.colour, status.text_colour):
            assert " ".join(f"{c:.4f}" for c in HexColor(colour).rgb()) in numbers, (status, colour)
    text = " ".join(page_texts(reader))
    for status in statuses:
        assert text.count(status.code) >= 2, "in the table and in the key"


def test_pdf_of_an_empty_view_says_so_and_still_has_the_key(db):
    board = make_board("empty-board", name="Empty Board")
    text = " ".join(page_texts(pdf_of(board, "view=all")))
    assert "No actions to show." in text and "Responsible Officer" not in text
    assert "All actions" in text and "Status key" in text


def test_a_cell_taller_than_a_page_continues_on_the_next_pages_with_nothing_lost(db):

    board = make_board("wordy-board")
    words = [f"w{n}" for n in range(1100)]  # as long as a comment may be (boards.limits)
    comment = " ".join(words)
    assert 5_000 < len(comment) <= 6_000
    url = "https://example.org/" + "x" * 400  # one word wider than its column
    make_action(board, "1(a)", description=f"See {url}", latest_comment=comment)
    make_action(board, "2(a)", description="After the long one.")

    reader = pdf_of(board)

    pages = page_texts(reader)
    assert len(pages) >= 3
    text = " ".join(pages)
    assert set(words) <= set(text.split()), "every word of the comment"
    assert "".join(text.split()).count("x" * 400) == 1
    assert "(cont.)" in text and "After the long one." in pages[-1]
    assert "w0 w1" in pages[0], "the long row starts under the title, not on a page of its own"
    assert all("Responsible Officer" in page for page in pages)


def test_wrapped_lines_fit_their_width_and_keep_every_character():
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from boards.exports.pdf import fonts, wrapped

    font = fonts()[0]
    text = "Short words then " + "y" * 300 + " and\r\nnew\tline \x0bend"
    lines = wrapped(text, font, 100)
    assert all(stringWidth(line, font, 9) <= 100 for line in lines)
    assert "".join("".join(lines).split()) == "Shortwordsthen" + "y" * 300 + "andnewlineend"
    assert "new line end" in lines


def test_pdf_keeps_unicode_and_markup_characters_as_plain_text(db):
    from .factories import make_person

    board = make_board("awkward-pdf", name="Tom & Jerry <Board>")
    make_action(
        board,
        "1(a)",
        officers=[make_person("Łukasz Żółć – “quotes”")],
        description="Report <b>x</b> & <i> to the Board.",
        latest_comment="Tom &amp; Jerry's <update> £5",
    )

    reader = pdf_of(board)

    text = " ".join(page_texts(reader))
    assert "Łukasz Żółć – “quotes”" in text
    assert "Report <b>x</b> & <i> to the Board." in text
    assert "Tom &amp; Jerry's <update> £5" in text
    assert text.startswith("Tom & Jerry <Board> Action Log")
    assert reader.metadata.title == "Tom & Jerry <Board> Action Log"


def test_without_dejavu_the_pdf_falls_back_to_reportlabs_vera(db, monkeypatch):
    from boards.exports import pdf

    from .factories import make_person

    monkeypatch.setattr(
        pdf, "FONT_FILES", [("DejaVuSans", "/nonexistent.ttf", "DejaVuSans-Bold", "/nonexistent-bold.ttf")]
    )
    pdf.fonts.cache_clear()
    try:
        assert pdf.fonts() == ("Vera", "VeraBd")
        board = make_board("vera-board")
        make_action(board, "1(a)", officers=[make_person("Łukasz Żółć 中文")])
        reader = pdf_of(board)  # characters Vera lacks draw as boxes, without an error
        assert "1(a)" in reader.pages[0].extract_text()
    finally:
        pdf.fonts.cache_clear()


def test_a_filtered_export_says_its_filter_in_every_format(client, small_board):
    """Issue 11, item 20: a filtered copy in an agenda pack never passes for the whole log."""
    from docx import Document
    from openpyxl import load_workbook
    from pypdf import PdfReader

    board = small_board.board
    officer = board.memberships.get(person__name="Olu Officer", role="officer").person
    query = f"?status=AMBER&officer={officer.pk}&q=prisoners&due_after=&due_from=01/01/2016"
    said = (
        "Filtered: Search: “prisoners”; Status: AMBER; Responsible officer: Olu Officer; Due from 01/01/2016"
    )
    files = {
        fmt: client.get(f"/boards/{board.slug}/actions/export.{fmt}{query}")
        for fmt in ("csv", "xlsx", "docx", "pdf")
    }
    for fmt, response in files.items():
        assert response["Content-Disposition"].endswith(f'-filtered.{fmt}"'), fmt
    document = Document(io.BytesIO(files["docx"].content))
    assert said in "\n".join(p.text for p in document.paragraphs)
    pdf = " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(files["pdf"].content)).pages
    )
    assert said in pdf
    book = load_workbook(io.BytesIO(files["xlsx"].content))
    assert said in book["Key"].cell(row=book["Key"].max_row, column=2).value
    assert said in book["Action log"].oddHeader.center.text
    printed = client.get(f"/boards/{board.slug}/actions/print/{query}").content.decode()
    assert (
        "Filtered: Search: &ldquo;prisoners&rdquo;" in printed or "Filtered: Search: “prisoners”" in printed
    )
    # Unfiltered, nothing is said and the name has no "-filtered".
    plain = client.get(f"/boards/{board.slug}/actions/export.docx")
    assert plain["Content-Disposition"].endswith('.docx"') and "-filtered" not in plain["Content-Disposition"]
    assert "Filtered" not in "\n".join(p.text for p in Document(io.BytesIO(plain.content)).paragraphs)
