"""The councillors' own area: their meetings and papers, mounted at /my/."""

from django.urls import path

from . import views

app_name = "councillors"
urlpatterns = [
    path("", views.my_meetings, name="my_meetings"),
    path("meetings/<int:pk>/papers.zip", views.meeting_papers_zip, name="papers_zip"),
]
