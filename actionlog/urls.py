from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "Board Action Log administration"
admin.site.site_title = "Board Action Log"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("accounts/", include("django.contrib.auth.urls")),
    path("", include("boards.urls")),
]
