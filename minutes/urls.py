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
    # The minutes editor (GET), and a URL (POST only) for each of its forms and buttons.
    path("meeting/<int:meeting_pk>/edit/", views.minutes_edit, name="edit"),
    path("meeting/<int:meeting_pk>/start/", views.minutes_start, name="start"),
    path("meeting/<int:meeting_pk>/details/", views.minutes_save_details, name="save_details"),
    path("meeting/<int:meeting_pk>/minutes/add/", views.minute_add, name="add_minute"),
    path("meeting/<int:meeting_pk>/others/add/", views.attendance_add, name="add_attendance"),
    path(
        "meeting/<int:meeting_pk>/declarations/add/",
        views.declaration_add,
        name="add_declaration",
    ),
    path("meeting/<int:meeting_pk>/publish/", views.minutes_publish, name="publish"),
    path("meeting/<int:meeting_pk>/approve/", views.minutes_approve, name="approve"),
    path("meeting/<int:meeting_pk>/finalise/", views.minutes_finalise, name="finalise"),
    # Who attended: one form, saved by its own POST; and the members who joined since.
    path("meeting/<int:meeting_pk>/attendance/", views.minutes_attendance, name="attendance"),
    path(
        "meeting/<int:meeting_pk>/attendance/add-missing/",
        views.attendance_add_missing,
        name="add_missing",
    ),
    # A minute's page (GET), and a URL (POST only) for each of its forms.
    path("minute/<int:pk>/", views.minute_edit, name="minute"),
    path("minute/<int:pk>/save/", views.minute_save, name="save_minute"),
    path(
        "minute/<int:pk>/comments/add/",
        views.minute_child_add,
        {"kind": "comment"},
        name="add_comment",
    ),
    path(
        "minute/<int:pk>/decisions/add/",
        views.minute_child_add,
        {"kind": "decision"},
        name="add_decision",
    ),
    path(
        "minute/<int:pk>/speakers/add/",
        views.minute_child_add,
        {"kind": "speaker"},
        name="add_speaker",
    ),
    path("<str:kind>/<int:pk>/delete/", views.part_delete, name="delete"),
]
