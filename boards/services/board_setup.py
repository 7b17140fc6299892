"""Creating a board and changing its settings, each change with its set-up record.

A new board gets its own copy of the preset key it was made from (services.rag_key_editing),
so that editing its key later never changes another board's.
"""

from collections.abc import Iterable
from typing import TypedDict

from django.contrib.auth.models import AnonymousUser, User
from django.db import transaction

from ..models import Board, Organisation, SetupKind
from ..rag_presets import PRESETS
from . import rag_key_editing, setup_records

VISIBILITY = {True: "public", False: "private"}

# One changed setting: its old and new values (names, for the organisations).
BoardChange = TypedDict("BoardChange", {"from": str | list[str], "to": str | list[str]})


def address_taken(slug: str, *, board: Board | None = None) -> bool:
    boards = Board.objects.filter(slug=slug)
    if board is not None:
        boards = boards.exclude(pk=board.pk)
    return boards.exists()


def free_address(slug: str) -> str:
    """An address like `slug` that no board has: `slug` itself, or "slug-2", "slug-3"..."""
    taken = set(Board.objects.filter(slug__startswith=slug).values_list("slug", flat=True))
    candidate, n = slug, 2
    while candidate in taken:
        suffix = f"-{n}"
        candidate, n = f"{slug[: 100 - len(suffix)]}{suffix}", n + 1
    return candidate


def create_board(
    *,
    name: str,
    slug: str,
    description: str,
    organisations: Iterable[Organisation],
    is_public: bool,
    preset: str,
    by: User | AnonymousUser | None,
) -> Board:
    """A new board of these organisations, with its own copy of the preset key `preset` (a slug
    of rag_presets.PRESETS). Owns its transaction."""
    organisations = list(organisations)
    if not organisations:
        raise ValueError("A board needs at least one organisation.")
    with transaction.atomic():
        key, _ = rag_key_editing.create_key(
            slug, name, rag_key_editing.preset_rows(preset), description=_preset_description(preset)
        )
        board = Board.objects.create(
            name=name, slug=slug, description=description, is_public=is_public, rag_key=key
        )
        board.organisations.set(organisations)
        setup_records.note(
            SetupKind.BOARD_CREATED,
            f"Board {name} created ({VISIBILITY[is_public]}, key {key.name})",
            by=by,
            board=board,
            organisation=organisations[0],
            organisations=[o.name for o in organisations],
            visibility=VISIBILITY[is_public],
            preset=preset,
            key=key.slug,
            slug=slug,
        )
    return board


def _preset_description(slug: str) -> str:
    return next(p["description"] for p in PRESETS if p["slug"] == slug)


def change_board(
    board: Board,
    *,
    name: str,
    slug: str,
    description: str,
    organisations: Iterable[Organisation],
    is_public: bool,
    by: User | AnonymousUser | None,
) -> dict[str, BoardChange]:
    """Change the board's settings; `organisations` is the whole new set. Returns the changes,
    {field: {"from", "to"}} ({} if none, and then nothing is written). Owns its transaction."""
    organisations = sorted(organisations, key=lambda o: o.name)
    if not organisations:
        raise ValueError("A board needs at least one organisation.")
    with transaction.atomic():
        board = Board.objects.select_for_update().get(pk=board.pk)
        before = sorted(board.organisations.all(), key=lambda o: o.name)
        changes: dict[str, BoardChange] = {}
        for field, value in (("name", name), ("slug", slug), ("description", description)):
            if getattr(board, field) != value:
                changes[field] = {"from": getattr(board, field), "to": value}
                setattr(board, field, value)
        if board.is_public != is_public:
            changes["visibility"] = {"from": VISIBILITY[board.is_public], "to": VISIBILITY[is_public]}
            board.is_public = is_public
        if [o.pk for o in before] != [o.pk for o in organisations]:
            changes["organisations"] = {
                "from": [o.name for o in before],
                "to": [o.name for o in organisations],
            }
            board.organisations.set(organisations)
        if not changes:
            return {}
        board.save(update_fields=["name", "slug", "description", "is_public"])
        setup_records.note(
            SetupKind.BOARD_CHANGED,
            f"Board {board.name}: {', '.join(_labels(changes))} changed",
            by=by,
            board=board,
            changes=changes,
        )
    return changes


def _labels(changes: Iterable[str]) -> list[str]:
    names = {
        "name": "name",
        "slug": "address",
        "description": "description",
        "visibility": "who can read the log",
        "organisations": "organisations",
    }
    return [names[field] for field in changes]
