"""Export links come from the formats registry (boards/exports FORMATS, through
boards/_export_links.html): the log page and a published copy link every format, and each
link downloads that format."""

import re

import pytest

from boards.exports import FORMATS
from boards.models import Meeting
from boards.services.publishing import publish

pytestmark = pytest.mark.django_db


def links_after(html: str, text: str) -> list[tuple[str, str]]:
    """(address, text) of the links in the paragraph that holds `text`, after it."""
    start = html.index(text)
    paragraph = html[start : html.index("</p>", start)]
    return [
        (href.replace("&amp;", "&"), label)
        for href, label in re.findall(r'<a href="([^"]+)">([^<]+)</a>', paragraph)
    ]


def assert_downloads(client, links):
    assert [label for _, label in links] == [export.label for export in FORMATS.values()]
    for (href, _), export in zip(links, FORMATS.values(), strict=True):
        response = client.get(href)
        assert response.status_code == 200
        assert response["Content-Type"] == export.content_type
        assert response["Content-Disposition"].endswith(f'.{export.key}"')


def test_the_log_page_links_every_format_keeping_its_filters(client, small_board):
    html = client.get(f"/boards/{small_board.board.slug}/actions/?view=all&q=report").content.decode()
    links = links_after(html, "Export<span")
    assert all(href.endswith("?view=all&q=report") for href, _ in links)
    assert_downloads(client, links)


def test_a_published_copy_links_every_format_of_itself(client, small_board):
    board = small_board.board
    published = publish(board, Meeting.objects.filter(board=board).first(), view="all")
    html = client.get(f"/boards/{board.slug}/published/{published.pk}/").content.decode()
    links = links_after(html, "Download this copy")
    assert all(f"/published/{published.pk}/export." in href for href, _ in links)
    assert_downloads(client, links)
