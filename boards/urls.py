from django.urls import path

from .views import health, home

app_name = "boards"

urlpatterns = [
    path("", home.index, name="home"),
    path("healthz", health.healthz, name="healthz"),
]
