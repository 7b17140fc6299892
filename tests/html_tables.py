"""Read an HTML table as a person sees it: text per cell, hidden helper text left out."""

from html.parser import HTMLParser

SKIP_CLASSES = {"visually-hidden", "row-meta", "status-note"}
VOID = {"br", "img", "input", "meta", "link", "hr"}


class _TableReader(HTMLParser):
    def __init__(self, caption_contains):
        super().__init__()
        self.caption_contains = caption_contains
        self.tables = []  # (caption, header_cells, body_rows)
        self._table = None
        self._in_caption = False
        self._section = None
        self._row = None
        self._cell = None
        self._skip_depth = 0
        self._depth = 0

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            if tag == "br" and self._cell is not None and not self._skip_depth:
                self._cell.append(" ")
            return
        self._depth += 1
        classes = set((dict(attrs).get("class") or "").split())
        if self._skip_depth or classes & SKIP_CLASSES:
            self._skip_depth += 1
            return
        if tag == "table":
            self._table = {"caption": "", "head": [], "body": []}
        elif self._table is None:
            return
        elif tag == "caption":
            self._in_caption = True
        elif tag in {"thead", "tbody"}:
            self._section = tag
        elif tag == "tr":
            self._row = []
        elif tag in {"th", "td"} and self._row is not None:
            self._cell = []

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        self._depth -= 1
        if self._skip_depth:
            self._skip_depth -= 1
            return
        if self._table is None:
            return
        if tag == "caption":
            self._in_caption = False
        elif tag in {"th", "td"} and self._cell is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            (self._table["head"] if self._section == "thead" else self._table["body"]).append(self._row)
            self._row = None
        elif tag == "table":
            self.tables.append(self._table)
            self._table = None

    def handle_data(self, data):
        if self._skip_depth or self._table is None:
            return
        if self._in_caption:
            self._table["caption"] += data
        elif self._cell is not None:
            self._cell.append(data)


def read_table(html: str, caption_contains: str = ""):
    """The first table whose caption contains the text: (headings, rows of cell texts)."""
    reader = _TableReader(caption_contains)
    reader.feed(html)
    for table in reader.tables:
        if caption_contains in " ".join(table["caption"].split()):
            headings = table["head"][0] if table["head"] else []
            return headings, table["body"]
    raise AssertionError(f"No table with a caption containing {caption_contains!r}")
