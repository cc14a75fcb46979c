"""The work programme's pages, mounted under /committees/ beside the committee pages."""

from django.urls import path

from . import views

app_name = "workprogramme"
urlpatterns = [
    path("<slug:slug>/work-programme/", views.work_programme, name="work_programme"),
    path(
        "<slug:slug>/work-programme/<int:year>/",
        views.work_programme,
        name="work_programme_year",
    ),
    path(
        "<slug:slug>/work-programme/<int:year>/print/",
        views.work_programme_print,
        name="work_programme_print",
    ),
    path(
        "<slug:slug>/work-programme/<int:year>/propose/",
        views.propose,
        name="work_programme_propose",
    ),
    path(
        "<slug:slug>/work-programme/<int:year>/items/new/",
        views.item_add,
        name="work_programme_item_add",
    ),
    path("work-programme/item/<int:pk>/edit/", views.item_edit, name="work_programme_item_edit"),
    path(
        "work-programme/item/<int:pk>/remove/",
        views.item_remove,
        name="work_programme_item_remove",
    ),
    path("work-programme/item/<int:pk>/move/", views.item_move, name="work_programme_item_move"),
    path("work-programme/item/<int:pk>/decide/", views.decide, name="work_programme_decide"),
    path(
        "work-programme/item/<int:pk>/to-agenda/",
        views.to_agenda,
        name="work_programme_to_agenda",
    ),
]
