"""Officer pages, mounted at /manage/ by scrutiny/urls.py."""

from django.urls import path

from . import dashboard_views, rescheduling_views
from . import officer_views as views

app_name = "manage"
urlpatterns = [
    path("", dashboard_views.dashboard, name="dashboard"),
    path("meetings/new/", views.meeting_create, name="meeting_create"),
    path("meetings/series/", views.meeting_series, name="meeting_series"),
    path("meetings/<int:pk>/", views.agenda, name="agenda"),
    path("meetings/<int:pk>/details/", views.meeting_edit, name="meeting_edit"),
    path("meetings/<int:pk>/history/", views.meeting_history, name="history"),
    path("meetings/<int:pk>/cancel/", rescheduling_views.meeting_cancel, name="meeting_cancel"),
    path(
        "meetings/<int:pk>/postpone/", rescheduling_views.meeting_postpone, name="meeting_postpone"
    ),
    path("meetings/<int:pk>/move/", rescheduling_views.meeting_move, name="meeting_move"),
    path("meetings/<int:pk>/items/new/", views.item_add, name="item_add"),
    path("meetings/<int:pk>/items/reorder/", views.items_reorder, name="items_reorder"),
    path("meetings/<int:pk>/annexes/upload/", views.annex_upload, name="annex_upload"),
    path("meetings/<int:pk>/annexes/write/", views.annex_write, name="annex_write"),
    path("items/<int:pk>/", views.item_edit, name="item_edit"),
    path("items/<int:pk>/delete/", views.item_delete, name="item_delete"),
    path("items/<int:pk>/move/", views.item_move, name="item_move"),
    path("items/<int:pk>/defer/", views.item_defer, name="item_defer"),
    path("items/<int:pk>/papers/upload/", views.paper_upload, name="paper_upload"),
    path("items/<int:pk>/papers/write/", views.paper_write, name="paper_write"),
    path("papers/<int:pk>/", views.paper_edit, name="paper_edit"),
    path("papers/<int:pk>/replace/", views.paper_replace, name="paper_replace"),
    path("papers/<int:pk>/remove/", views.paper_remove, name="paper_remove"),
    path("papers/<int:pk>/move/", views.paper_move, name="paper_move"),
    path("committees/<slug:slug>/standard-items/", views.standard_items, name="standard_items"),
    path(
        "committees/<slug:slug>/standard-items/new/",
        views.standard_item_add,
        name="standard_item_add",
    ),
    path("standard-items/<int:pk>/", views.standard_item_edit, name="standard_item_edit"),
    path(
        "standard-items/<int:pk>/delete/", views.standard_item_delete, name="standard_item_delete"
    ),
    path("standard-items/<int:pk>/move/", views.standard_item_move, name="standard_item_move"),
]
