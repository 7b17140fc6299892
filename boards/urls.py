from django.urls import path

from .views import home

app_name = "boards"

urlpatterns = [
    path("", home.index, name="home"),
]
