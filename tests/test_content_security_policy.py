"""A strict Content-Security-Policy (issue 11, item 4): no inline script or style anywhere,
so status colours come from /status-colours.css rather than style attributes."""

import re

import pytest

from boards.models import Meeting, PublishedLog, RagStatus
from boards.services.publishing import publish

pytestmark = pytest.mark.django_db

SLUG = "small-board"  # tests/board_world.py


def directives(response):
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


def test_every_page_sends_a_policy_without_unsafe_inline(client, small_board):
    for path in [
        "/",
        f"/boards/{SLUG}/",
        f"/boards/{SLUG}/actions/",
        f"/boards/{SLUG}/actions/print/",
        "/accounts/login/",
        "/no/such/page/",
    ]:
        response = client.get(path)
        policy = directives(response)
        assert policy["script-src"] == ["'self'"], path
        assert policy["style-src"] == ["'self'"], path
        assert policy["frame-ancestors"] == ["'none'"] and policy["object-src"] == ["'none'"]
        assert "'unsafe-inline'" not in response["Content-Security-Policy"]
        html = response.content.decode()
        assert not re.search(r"\sstyle=", html), f"an inline style attribute on {path}"
        assert not re.search(r"<style", html), f"an inline stylesheet on {path}"


def test_the_status_stylesheet_paints_every_keys_colours(client, small_board):
    response = client.get("/status-colours.css")
    assert response["Content-Type"].startswith("text/css")
    css = response.content.decode()
    for status in RagStatus.objects.all():
        assert (
            f".{status.css_class} {{ background-color: {status.colour.lower()}; color: {status.text_colour};"
            in css
        )
    # Unchanged: a conditional request is answered 304, without a body.
    again = client.get("/status-colours.css", HTTP_IF_NONE_MATCH=response["ETag"])
    assert again.status_code == 304
    # A colour changed in a key shows at once: the stylesheet is revalidated on each use.
    assert "no-cache" in response["Cache-Control"]
    RagStatus.objects.filter(code="AMBER").update(colour="#ffbf47")
    changed = client.get("/status-colours.css", HTTP_IF_NONE_MATCH=response["ETag"])
    assert changed.status_code == 200 and ".rag-ffbf47-000000" in changed.content.decode()


def test_a_published_copy_keeps_the_colours_it_was_published_with(client, small_board):
    board = small_board.board
    meeting = Meeting.objects.filter(board=board).order_by("starts_at").last()
    published = publish(board, meeting)
    RagStatus.objects.filter(key=board.rag_key, code="AMBER").update(colour="#ffbf47")
    html = client.get(f"/boards/{SLUG}/published/{published.pk}/").content.decode()
    assert '<span class="status rag-f47738-000000">AMBER</span>' in html
    link = re.search(r'href="(/status-colours\.css\?c=[^"]+)"', html).group(1)
    css = client.get(link.replace("&amp;", "&")).content.decode()
    assert ".rag-f47738-000000 { background-color: #f47738; color: #000000; }" in css
    assert PublishedLog.objects.count() == 1


def test_the_stylesheet_ignores_anything_but_colour_pairs(client, db):
    css = client.get(
        "/status-colours.css?c=zzz,1d70b8-ffffff,}body{display:none,123456-000000x"
    ).content.decode()
    assert "display" not in css and "zzz" not in css
    assert ".rag-1d70b8-ffffff" in css
