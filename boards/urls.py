from django.urls import path

from .views import (
    actions,
    board,
    clerk,
    exports,
    health,
    home,
    links,
    log,
    log_import,
    meetings,
    minutes_import,
    people,
    updates,
)

app_name = "boards"

urlpatterns = [
    path("", home.index, name="home"),
    path("healthz", health.healthz, name="healthz"),
    path("my/actions/", updates.my_actions, name="my_actions"),
    path("people/<int:pk>/", people.person_detail, name="person"),
    # Emailed update links: no account needed.
    path("u/<str:token>/", links.link_home, name="link"),
    path("u/<str:token>/actions/<int:pk>/", links.link_update, name="link_update"),
    # A board and its log.
    path("boards/<slug:slug>/", board.board_detail, name="board"),
    path("boards/<slug:slug>/actions/", log.board_log, name="log"),
    path("boards/<slug:slug>/actions/print/", log.board_log_print, name="log_print"),
    path("boards/<slug:slug>/actions/export.<str:fmt>", exports.export_log, name="export_log"),
    path("boards/<slug:slug>/actions/close/", clerk.close_actions, name="close_actions"),
    path("boards/<slug:slug>/actions/import/", log_import.log_import, name="log_import"),
    path("boards/<slug:slug>/actions/<int:pk>/", actions.action_detail, name="action"),
    path("boards/<slug:slug>/actions/<int:pk>/update/", updates.update_action, name="update_action"),
    path("boards/<slug:slug>/actions/<int:pk>/edit/", clerk.action_edit, name="edit_action"),
    path("boards/<slug:slug>/actions/<int:pk>/reopen/", clerk.reopen_action, name="reopen_action"),
    path("boards/<slug:slug>/meetings/new/", clerk.meeting_edit, name="meeting_new"),
    path("boards/<slug:slug>/minutes/import/", minutes_import.minutes_import, name="minutes_import"),
    path("boards/<slug:slug>/meetings/<int:pk>/", meetings.meeting_detail, name="meeting"),
    path("boards/<slug:slug>/meetings/<int:pk>/edit/", clerk.meeting_edit, name="meeting_edit"),
    path("boards/<slug:slug>/meetings/<int:meeting_pk>/minutes/new/", clerk.minute_item_edit,
         name="minute_item_new"),
    path("boards/<slug:slug>/meetings/<int:meeting_pk>/minutes/<int:pk>/edit/", clerk.minute_item_edit,
         name="minute_item_edit"),
    path("boards/<slug:slug>/meetings/<int:meeting_pk>/actions/new/", clerk.actions_entry,
         name="actions_entry"),
    path("boards/<slug:slug>/people/<int:person_pk>/send-link/", clerk.send_update_link,
         name="send_link"),
    path("boards/<slug:slug>/people/<int:person_pk>/revoke-links/", clerk.revoke_links,
         name="revoke_links"),
    path("boards/<slug:slug>/people/<int:person_pk>/remind/", clerk.chase_officer, name="chase"),
    path("boards/<slug:slug>/reminders/", clerk.reminder_policy, name="reminder_policy"),
]
