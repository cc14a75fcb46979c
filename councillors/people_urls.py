"""The public pages of people, mounted at /people/."""

from django.urls import path

from . import people_views

app_name = "people"
urlpatterns = [
    path("", people_views.person_list, name="list"),
    path("<int:pk>/", people_views.person_detail, name="detail"),
    path("<int:pk>/calendar.ics", people_views.person_calendar, name="calendar"),
]
