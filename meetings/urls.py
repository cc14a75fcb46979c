from django.urls import path

from . import feeds, views

app_name = "meetings"
urlpatterns = [
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("calendar/", views.calendar_month, name="calendar_month"),
    path("calendar/list/", views.calendar_list, name="calendar_list"),
    path("papers/<int:pk>/<str:filename>", views.document_download, name="document"),
    path("meetings.ics", feeds.meetings_calendar, name="calendar"),
    path("committee/<slug:slug>.ics", feeds.committee_calendar, name="committee_calendar"),
    path("published.atom", feeds.PublishedAgendasFeed(), name="published_feed"),
]
