from django.urls import path

from actionlog.urls import urlpatterns as app_urlpatterns

from .floor import floor_log
from .peer_admin import peer_site

urlpatterns = [
    path("bench/floor/<slug:slug>/", floor_log, name="bench_floor"),
    path("bench/peer/", peer_site.urls),
    *app_urlpatterns,
]
