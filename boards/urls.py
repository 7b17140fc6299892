from django.urls import path

from .views import actions, board, health, home, log, meetings, people

app_name = "boards"

urlpatterns = [
    path("", home.index, name="home"),
    path("healthz", health.healthz, name="healthz"),
    path("boards/<slug:slug>/", board.board_detail, name="board"),
    path("boards/<slug:slug>/actions/", log.board_log, name="log"),
    path("boards/<slug:slug>/actions/print/", log.board_log_print, name="log_print"),
    path("boards/<slug:slug>/actions/<int:pk>/", actions.action_detail, name="action"),
    path("boards/<slug:slug>/meetings/<int:pk>/", meetings.meeting_detail, name="meeting"),
    path("people/<int:pk>/", people.person_detail, name="person"),
]
