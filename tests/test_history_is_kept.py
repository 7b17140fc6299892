"""History and minutes are never lost (issue 11, items 7 and 12).

History rows (action updates, refused changes, published logs) cannot be changed or
deleted through the ORM, nor on PostgreSQL with SQL; a meeting's minutes are never
deleted with it; the admin cannot swap the key of a board whose actions use it.
"""

import pytest
from django.contrib.auth import get_user_model
from django.db import IntegrityError, connection, transaction
from django.db.models.deletion import ProtectedError
from django.urls import reverse

from boards.models import (
    Action,
    ActionUpdate,
    Meeting,
    MinuteItem,
    PublishedLog,
    RagKey,
    RefusedChange,
    Resolution,
)
from boards.services.publishing import publish

pytestmark = pytest.mark.django_db

HISTORY = [ActionUpdate, RefusedChange, PublishedLog]


@pytest.fixture
def admin_client(client, small_board):
    client.force_login(get_user_model().objects.create_superuser("admin", "admin@example.org", "pw"))
    return client


@pytest.fixture
def history(small_board):
    board = small_board.board
    meeting = Meeting.objects.filter(board=board).order_by("starts_at").last()
    publish(board, meeting)
    action = small_board.action("201(b)")
    RefusedChange.objects.create(action=action, via="web", seen_version=1, current_version=2)
    return board


@pytest.mark.parametrize("model", HISTORY)
def test_the_orm_cannot_change_or_delete_history_in_bulk(history, model):
    count = model.objects.count()
    assert count
    with pytest.raises(RuntimeError, match="never deleted"):
        model.objects.all().delete()
    with pytest.raises(RuntimeError, match="never changed"):
        model.objects.all().update(pk=0)
    assert model.objects.count() == count


SQL = [
    ("DELETE FROM boards_actionupdate", "boards_actionupdate"),
    ("UPDATE boards_actionupdate SET comment = 'rewritten'", "boards_actionupdate"),
    ("DELETE FROM boards_refusedchange", "boards_refusedchange"),
    ("UPDATE boards_publishedlog SET title = 'rewritten'", "boards_publishedlog"),
    ("DELETE FROM boards_publishedlog", "boards_publishedlog"),
]


def test_sql_cannot_change_or_delete_history_on_postgresql(history, is_postgres):
    if not is_postgres:
        pytest.skip("PostgreSQL only (the trigger of migration 0007); CI runs it in its PostgreSQL pass")
    for sql, table in SQL:
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM {table}")
            count = cursor.fetchone()[0]
        assert count, table
        with pytest.raises(IntegrityError, match="History is append-only"), transaction.atomic():
            connection.cursor().execute(sql)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM {table}")
            assert cursor.fetchone()[0] == count, sql
    assert not ActionUpdate.objects.filter(comment="rewritten").exists()
    assert not PublishedLog.objects.filter(title="rewritten").exists()


def test_the_documented_rewrite_switch_works_inside_its_own_transaction(history, is_postgres):
    """The one way round the trigger (for a future erasure procedure): SET LOCAL, which ends
    with its transaction. SQLite has no trigger: the same statements simply run there."""
    update = ActionUpdate.objects.order_by("pk").first()
    with transaction.atomic():
        with connection.cursor() as cursor:
            if is_postgres:
                cursor.execute("SET LOCAL boards.allow_history_rewrite = 'on'")
            cursor.execute("UPDATE boards_actionupdate SET comment = 'erased' WHERE id = %s", [update.pk])
        transaction.set_rollback(True)
    if is_postgres:  # the switch ended with the transaction
        with pytest.raises(IntegrityError), transaction.atomic():
            connection.cursor().execute("DELETE FROM boards_actionupdate")


def test_a_meeting_with_minutes_cannot_be_deleted_and_its_minutes_stay(small_board):
    meeting = MinuteItem.objects.filter(board=small_board.board).first().meeting
    items, resolutions = (
        meeting.items.count(),
        Resolution.objects.filter(minute_item__meeting=meeting).count(),
    )
    assert items and resolutions
    with pytest.raises(ProtectedError):
        meeting.delete()
    with pytest.raises(ProtectedError):
        MinuteItem.objects.filter(meeting=meeting).delete()
    assert meeting.items.count() == items
    assert Resolution.objects.filter(minute_item__meeting=meeting).count() == resolutions


def test_the_admin_does_not_offer_to_delete_minutes(admin_client, small_board):
    item = MinuteItem.objects.filter(board=small_board.board).first()
    resolution = item.resolutions.first()
    for url in (
        reverse("admin:boards_minuteitem_delete", args=[item.pk]),
        reverse("admin:boards_resolution_delete", args=[resolution.pk]),
    ):
        assert admin_client.post(url, {"post": "yes"}).status_code == 403
    assert (
        MinuteItem.objects.filter(pk=item.pk).exists()
        and Resolution.objects.filter(pk=resolution.pk).exists()
    )
    page = admin_client.get(reverse("admin:boards_meeting_delete", args=[item.meeting_id])).content.decode()
    assert "Cannot delete meeting" in page or "would require deleting the following protected" in page
    assert admin_client.post(
        reverse("admin:boards_meeting_delete", args=[item.meeting_id]), {"post": "yes"}
    ).status_code in (200, 403)
    assert Meeting.objects.filter(pk=item.meeting_id).exists()


def test_an_empty_meeting_can_be_deleted_and_the_admin_log_records_it(admin_client, small_board):
    from datetime import datetime

    from django.contrib.admin.models import DELETION, LogEntry

    from .factories import make_meeting

    mistake = make_meeting(small_board.board, when=datetime(2017, 9, 9, 10, 0))
    response = admin_client.post(reverse("admin:boards_meeting_delete", args=[mistake.pk]), {"post": "yes"})
    assert response.status_code == 302 and not Meeting.objects.filter(pk=mistake.pk).exists()
    entry = LogEntry.objects.get(action_flag=DELETION, object_id=str(mistake.pk))
    assert entry.user.username == "admin"


def test_the_admin_refuses_to_change_the_key_of_a_board_whose_actions_use_it(admin_client, small_board):
    board = small_board.board
    brag = RagKey.objects.get(slug="brag")
    url = reverse("admin:boards_board_change", args=[board.pk])
    data = {
        "name": board.name,
        "slug": board.slug,
        "description": board.description,
        "rag_key": brag.pk,
        "is_public": "on",
        "parent": "",
        "memberships-TOTAL_FORMS": "0",
        "memberships-INITIAL_FORMS": "0",
        "organisations": [o.pk for o in board.organisations.all()],
    }
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "5 actions of this board use the statuses of the key" in response.content.decode()
    board.refresh_from_db()
    assert board.rag_key.slug == "rag"
    # Every page of the board still answers.
    for path in (
        f"/boards/{board.slug}/",
        f"/boards/{board.slug}/actions/",
        f"/boards/{board.slug}/actions/export.pdf",
    ):
        assert admin_client.get(path).status_code == 200


def test_a_status_outside_the_boards_key_still_shows_rather_than_failing(client, small_board):
    """Data written before the admin refused key changes, or with SQL: the pages answer."""
    board = small_board.board
    brag = RagKey.objects.get(slug="brag")
    Action.objects.filter(board=board).update(status=brag.statuses.get(code="BLUE"))  # bypassing the writer
    for path in (
        f"/boards/{board.slug}/",
        f"/boards/{board.slug}/actions/",
        f"/boards/{board.slug}/actions/export.pdf",
        f"/boards/{board.slug}/actions/print/",
    ):
        response = client.get(path)
        assert response.status_code == 200, path
    assert ">BLUE</span>" in client.get(f"/boards/{board.slug}/actions/").content.decode()
    action = small_board.action("201(b)")
    assert client.get(f"/boards/{board.slug}/actions/{action.pk}/").status_code == 200


# 8. Who was chased is for the board's own people ------------------------------------------


def test_reminder_history_is_shown_to_the_boards_people_only(client, small_board):
    from datetime import datetime, time

    from django.utils import timezone

    from boards.reminders import sender

    from .board_world import UPDATE_REQUESTS_DAY
    from .conftest import sign_in
    from .factories import PASSWORD

    sender.sweep(timezone.make_aware(datetime.combine(UPDATE_REQUESTS_DAY, time(8))))
    action = small_board.action("201(b)")
    officer = small_board.officer
    pages = [f"/boards/{small_board.board.slug}/actions/{action.pk}/", f"/people/{officer.pk}/"]

    def reminders_shown(client):
        return [('id="reminders"' in client.get(path).content.decode()) for path in pages]

    assert reminders_shown(client) == [False, False]  # the public
    get_user_model().objects.create_user("outsider", password="a-long-pass-phrase")
    assert sign_in(client, "outsider", "a-long-pass-phrase")
    assert reminders_shown(client) == [False, False]  # signed in, on no board
    for user in (small_board.member_user, small_board.clerk_user, small_board.officer_user):
        username = user.username
        client.post("/accounts/logout/")
        assert sign_in(client, username, PASSWORD)
        assert reminders_shown(client) == [True, True], username
        assert "Update before the meeting" in client.get(pages[0]).content.decode()
