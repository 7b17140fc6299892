"""The site's URLs plus one that fails, for the 500 page's test."""

from django.urls import path

from actionlog.urls import urlpatterns as site


def fails(request):
    raise RuntimeError("a fault of the kind a 500 page is for")


urlpatterns = [path("fails/", fails), *site]
