"""A board's Atom feed: actions raised, updated, proposed for closure and closed, and logs
published, newest first (boards.feeds builds the entries)."""

from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.http import require_safe

from .. import feeds
from ..access import board_for, feed_actions
from ..models import Board


@dataclass(frozen=True)
class BoardFeedData:
    board: Board
    entries: list[feeds.FeedEntry]


class BoardFeed(Feed):
    """One instance serves every request: what a request found is passed along as the
    feed's object (BoardFeedData), never kept on the instance."""

    feed_type = Atom1Feed

    def get_object(self, request, slug):
        board = board_for(request, slug).board
        return BoardFeedData(board, feeds.board_entries(board, feed_actions(request.user, board)))

    def title(self, obj):
        return f"{obj.board.name}: action log"

    def subtitle(self, obj):
        return (
            f"{obj.board.name}: actions raised, updated, proposed for closure and closed, and logs published."
        )

    def link(self, obj):
        return reverse("boards:board", args=[obj.board.slug])

    def feed_url(self, obj):
        return reverse("boards:board_feed", args=[obj.board.slug])

    def author_name(self, obj):
        return obj.board.name

    def items(self, obj):
        return obj.entries

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.description

    def item_link(self, item):
        return item.path

    def item_guid(self, item):
        return item.uid

    def item_pubdate(self, item):
        return item.at

    def item_updateddate(self, item):
        return item.at

    def item_author_name(self, item):
        return item.author

    def item_categories(self, item):
        return [item.kind]


board_feed = require_safe(BoardFeed())
