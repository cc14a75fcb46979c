from django.urls import path

from . import decision_views, views

app_name = "minutes"
urlpatterns = [
    path("decisions/", decision_views.decisions_register, name="decisions"),
    path(
        "committee/<slug:slug>/decisions/",
        decision_views.decisions_register,
        name="committee_decisions",
    ),
    path("meeting/<int:meeting_pk>/", views.minutes_detail, name="detail"),
    path("meeting/<int:meeting_pk>/print/", views.minutes_print, name="print"),
    path("meeting/<int:meeting_pk>/minutes.pdf", views.minutes_pdf, name="pdf"),
    path("meeting/<int:meeting_pk>/edit/", views.minutes_edit, name="edit"),
    path("meeting/<int:meeting_pk>/attendance/", views.minutes_attendance, name="attendance"),
    path("minute/<int:pk>/", views.minute_edit, name="minute"),
    path("<str:kind>/<int:pk>/delete/", views.part_delete, name="delete"),
]
