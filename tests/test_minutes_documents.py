"""boards/importers/documents.py: the text of an uploaded .txt, .docx or .pdf."""

import io

import pytest

from boards.importers.documents import DocumentError, text_from_document


def test_text_files_in_utf8_with_a_bom_or_windows_1252_are_read():
    assert (
        text_from_document("\ufeff326. Café\r\nRESOLVED:".encode("utf-8"), "m.txt") == "326. Café\nRESOLVED:"
    )
    assert text_from_document("326. Café – plan".encode("cp1252"), "M.TXT") == "326. Café – plan"


def test_a_word_documents_paragraphs_and_table_cells_come_in_document_order():
    import docx

    document = docx.Document()
    document.add_paragraph("Before the table")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "326.", "Joint Strategy"
    merged = table.cell(1, 0).merge(table.cell(1, 1))
    merged.text = "RESOLVED: That it be noted."
    document.add_paragraph("After the table")
    out = io.BytesIO()
    document.save(out)
    text = text_from_document(out.getvalue(), "minutes.docx")
    assert text.splitlines() == [
        "Before the table",
        "326.",
        "Joint Strategy",
        "RESOLVED: That it be noted.",
        "After the table",
    ]


@pytest.mark.parametrize(
    "data, name, message",
    [
        (b"text", "minutes.doc", "is not a file type that can be read"),
        (b"", "minutes.txt", "The file is empty."),
        (b" \n ", "minutes.txt", "No text was found in the file."),
        (b"PK\x03\x04 not really", "minutes.docx", "could not be opened as a Word document"),
        (b"%PDF-1.7\n%%EOF", "minutes.pdf", "could not be read as a PDF"),
    ],
)
def test_unreadable_files_raise_a_message_for_the_clerk(data, name, message):
    with pytest.raises(DocumentError, match=message):
        text_from_document(data, name)


def test_a_document_error_is_a_value_error():
    assert issubclass(DocumentError, ValueError)
