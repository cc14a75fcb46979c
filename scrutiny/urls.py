from django.contrib import admin
from django.urls import include, path

from meetings import views as meeting_views

urlpatterns = [
    path("", meeting_views.home, name="home"),
    path("accessibility/", meeting_views.accessibility_statement, name="accessibility"),
    path("committees/", include("committees.urls")),
    path("committees/", include("workprogramme.urls")),
    path("meetings/", include("meetings.urls")),
    path("tracker/", include("tracker.urls")),
    path("tracker/", include("actionplans.urls")),
    path("minutes/", include("minutes.urls")),
    path("manage/", include("meetings.manage_urls")),
    path("manage/", include("committees.manage_urls")),
    path("manage/accounts/", include("accounts.manage_urls")),
    path("account/", include("accounts.urls")),
    path("my/", include("councillors.urls")),
    path("people/", include("councillors.people_urls")),
    path("packs/", include("packs.urls")),
    path("search/", include("search.urls")),
    path("alerts/", include("alerts.urls")),
    path("api/", include("api.urls")),
    path("", include("accounts.sign_in_urls")),  # /sign-in/ ("login"), /sign-out/ ("logout")
    path("admin/", admin.site.urls),
]

handler404 = "scrutiny.views.page_not_found"
