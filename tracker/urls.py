from django.urls import path

from . import trail_views, views

app_name = "tracker"
urlpatterns = [
    path("committee/<slug:slug>/", views.tracker_detail, name="detail"),
    path("committee/<slug:slug>/archive/", views.tracker_archive, name="archive"),
    path("committee/<slug:slug>/print/", views.tracker_print, name="print"),
    path("committee/<slug:slug>/tracker.csv", views.tracker_csv, name="csv"),
    path("committee/<slug:slug>/tracker.xlsx", views.tracker_xlsx, name="xlsx"),
    path("committee/<slug:slug>/add/", views.entry_add, name="entry_add"),
    path("committee/<slug:slug>/apply-rules/", views.run_rules, name="run_rules"),
    path("entry/<int:pk>/", views.entry_detail, name="entry"),
    path("entry/<int:pk>/edit/", views.entry_edit, name="entry_edit"),
    path("entry/<int:pk>/update/", views.entry_update, name="entry_update"),
    path("from-decision/<int:decision_pk>/", views.from_decision, name="from_decision"),
    path("item/<int:pk>/trail/", trail_views.item_trail, name="item_trail"),
]
