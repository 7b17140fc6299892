from django.urls import path, re_path

from .views import (
    actions,
    api_tokens,
    board,
    board_people,
    board_setup,
    calendars,
    clerk,
    exports,
    feeds,
    follows,
    health,
    home,
    links,
    log,
    log_import,
    meetings,
    minutes_import,
    organisations,
    people,
    publishing,
    search,
    status_colours,
    updates,
)
from .views.api import actions as api_actions
from .views.api import boards as api_boards
from .views.api import errors as api_errors
from .views.api import meetings as api_meetings
from .views.api import published as api_published
from .views.api import schema as api_schema

app_name = "boards"

urlpatterns = [
    path("", home.index, name="home"),
    path("healthz", health.healthz, name="healthz"),
    path("status-colours.css", status_colours.status_colours, name="status_colours"),
    path("my/actions/", updates.my_actions, name="my_actions"),
    path("my/api-tokens/", api_tokens.api_tokens, name="api_tokens"),
    path("my/api-tokens/<int:pk>/revoke/", api_tokens.api_token_revoke, name="api_token_revoke"),
    path("search/", search.search_page, name="search"),
    # A person's own calendar: made and reset on this page, read at a secret address.
    path("my/calendar/", calendars.calendar_address, name="calendar_address"),
    path("calendar/<str:token>.ics", calendars.personal_calendar, name="personal_calendar"),
    path("people/<int:pk>/", people.person_detail, name="person"),
    path("organisations/<slug:org_slug>/", organisations.organisation_detail, name="organisation"),
    path("organisations/<slug:org_slug>/boards/new/", organisations.board_new, name="board_new"),
    # Emailed update links: no account needed. The emailed address (link) opens a session,
    # and the pages after it carry no token.
    path("u/", links.link_home, name="link_home"),
    path("u/actions/<int:pk>/", links.link_update, name="link_update"),
    path("u/finish/", links.link_end, name="link_end"),
    path("u/<str:token>/", links.link_open, name="link"),
    # Following and alerts (views/follows.py): the emailed links carry signed tokens.
    path("follow/confirm/<str:token>/", follows.follow_confirm, name="follow_confirm"),
    path("unsubscribe/<str:token>/", follows.unsubscribe_view, name="unsubscribe"),
    # A board and its log.
    path("boards/<slug:slug>/", board.board_detail, name="board"),
    path("boards/<slug:slug>/meetings.ics", calendars.board_calendar, name="board_calendar"),
    path("boards/<slug:slug>/feed/", feeds.board_feed, name="board_feed"),
    path("boards/<slug:slug>/follow/", follows.follow_board, name="follow_board"),
    path("boards/<slug:slug>/unfollow/", follows.unfollow_board, name="unfollow_board"),
    path("boards/<slug:slug>/settings/", board_setup.board_settings, name="board_settings"),
    path("boards/<slug:slug>/key/", board_setup.board_key, name="board_key"),
    path("boards/<slug:slug>/actions/", log.board_log, name="log"),
    path("boards/<slug:slug>/actions/print/", log.board_log_print, name="log_print"),
    path("boards/<slug:slug>/actions/export.<str:fmt>", exports.export_log, name="export_log"),
    path("boards/<slug:slug>/actions/close/", clerk.close_actions, name="close_actions"),
    path("boards/<slug:slug>/actions/import/", log_import.log_import, name="log_import"),
    path(
        "boards/<slug:slug>/actions/import/rows-with-problems.csv",
        log_import.log_import_refused,
        name="log_import_refused",
    ),
    path("boards/<slug:slug>/actions/<int:pk>/", actions.action_detail, name="action"),
    path("boards/<slug:slug>/actions/<int:pk>/follow/", follows.follow_action, name="follow_action"),
    path("boards/<slug:slug>/actions/<int:pk>/unfollow/", follows.unfollow_action, name="unfollow_action"),
    path("boards/<slug:slug>/actions/<int:pk>/update/", updates.update_action, name="update_action"),
    path("boards/<slug:slug>/actions/<int:pk>/edit/", clerk.action_edit, name="edit_action"),
    path("boards/<slug:slug>/actions/<int:pk>/reopen/", clerk.reopen_action, name="reopen_action"),
    path("boards/<slug:slug>/actions/<int:pk>/withdraw/", clerk.withdraw_action, name="withdraw_action"),
    path("boards/<slug:slug>/meetings/new/", clerk.meeting_edit, name="meeting_new"),
    path("boards/<slug:slug>/minutes/import/", minutes_import.minutes_import, name="minutes_import"),
    path("boards/<slug:slug>/meetings/<int:pk>/", meetings.meeting_detail, name="meeting"),
    path("boards/<slug:slug>/meetings/<int:pk>/edit/", clerk.meeting_edit, name="meeting_edit"),
    path(
        "boards/<slug:slug>/meetings/<int:meeting_pk>/minutes/new/",
        clerk.minute_item_edit,
        name="minute_item_new",
    ),
    path(
        "boards/<slug:slug>/meetings/<int:meeting_pk>/minutes/<int:pk>/edit/",
        clerk.minute_item_edit,
        name="minute_item_edit",
    ),
    path(
        "boards/<slug:slug>/meetings/<int:meeting_pk>/actions/new/", clerk.actions_entry, name="actions_entry"
    ),
    path("boards/<slug:slug>/meetings/<int:meeting_pk>/publish/", publishing.publish_log, name="publish_log"),
    path("boards/<slug:slug>/published/<int:pk>/", publishing.published_log, name="published_log"),
    path(
        "boards/<slug:slug>/published/<int:pk>/export.<str:fmt>",
        publishing.published_export,
        name="published_export",
    ),
    # The board's people, their roles and accounts (views/board_people.py).
    path("boards/<slug:slug>/people/", board_people.people_list, name="board_people"),
    path("boards/<slug:slug>/people/add/", board_people.people_add, name="people_add"),
    path("boards/<slug:slug>/people/<int:person_pk>/edit/", board_people.person_edit, name="person_edit"),
    path(
        "boards/<slug:slug>/people/<int:person_pk>/invite/", board_people.person_invite, name="person_invite"
    ),
    path(
        "boards/<slug:slug>/people/<int:person_pk>/remove-access/",
        board_people.person_remove_access,
        name="person_remove_access",
    ),
    path("boards/<slug:slug>/people/<int:person_pk>/roles/", board_people.person_roles, name="person_roles"),
    path("boards/<slug:slug>/people/<int:person_pk>/merge/", board_people.person_merge, name="person_merge"),
    path("boards/<slug:slug>/people/<int:person_pk>/send-link/", clerk.send_update_link, name="send_link"),
    path("boards/<slug:slug>/people/<int:person_pk>/revoke-links/", clerk.revoke_links, name="revoke_links"),
    path("boards/<slug:slug>/people/<int:person_pk>/remind/", clerk.chase_officer, name="chase"),
    path("boards/<slug:slug>/reminders/", clerk.reminder_policy, name="reminder_policy"),
    # The read-only JSON API (views/api/): the same rules as the pages; any other address
    # under /api/ is a JSON 404.
    path("api/v1/", api_boards.Root.as_view(), name="api_root"),
    path("api/v1/schema/", api_schema.Schema.as_view(), name="api_schema"),
    path("api/v1/boards/", api_boards.Boards.as_view(), name="api_boards"),
    path("api/v1/boards/<slug:slug>/", api_boards.BoardDetail.as_view(), name="api_board"),
    path("api/v1/boards/<slug:slug>/actions/", api_actions.BoardActions.as_view(), name="api_actions"),
    path("api/v1/boards/<slug:slug>/actions/<int:pk>/", api_actions.BoardAction.as_view(), name="api_action"),
    path("api/v1/boards/<slug:slug>/meetings/", api_meetings.Meetings.as_view(), name="api_meetings"),
    path(
        "api/v1/boards/<slug:slug>/meetings/<int:pk>/",
        api_meetings.MeetingDetail.as_view(),
        name="api_meeting",
    ),
    path(
        "api/v1/boards/<slug:slug>/published/",
        api_published.PublishedLogs.as_view(),
        name="api_published_logs",
    ),
    path(
        "api/v1/boards/<slug:slug>/published/<int:pk>/",
        api_published.PublishedLogDetail.as_view(),
        name="api_published_log",
    ),
    path("api/v1/people/", api_boards.People.as_view(), name="api_people"),
    path("api/v1/people/<int:pk>/", api_boards.PersonDetail.as_view(), name="api_person"),
    re_path(r"^api/", api_errors.not_found, name="api_not_found"),
]
