from django.urls import path

from . import views, workprogramme_views

app_name = "committees"
urlpatterns = [
    path("", views.committee_list, name="list"),
    path("<slug:slug>/", views.committee_detail, name="detail"),
    path("<slug:slug>/work-programme/", workprogramme_views.work_programme, name="work_programme"),
    path(
        "<slug:slug>/work-programme/<int:year>/",
        workprogramme_views.work_programme,
        name="work_programme_year",
    ),
    path(
        "<slug:slug>/work-programme/<int:year>/print/",
        workprogramme_views.work_programme_print,
        name="work_programme_print",
    ),
    path(
        "<slug:slug>/work-programme/<int:year>/propose/",
        workprogramme_views.propose,
        name="work_programme_propose",
    ),
    path(
        "<slug:slug>/work-programme/<int:year>/items/new/",
        workprogramme_views.item_add,
        name="work_programme_item_add",
    ),
    path(
        "work-programme/item/<int:pk>/edit/",
        workprogramme_views.item_edit,
        name="work_programme_item_edit",
    ),
    path(
        "work-programme/item/<int:pk>/remove/",
        workprogramme_views.item_remove,
        name="work_programme_item_remove",
    ),
    path(
        "work-programme/item/<int:pk>/move/",
        workprogramme_views.item_move,
        name="work_programme_item_move",
    ),
    path(
        "work-programme/item/<int:pk>/decide/",
        workprogramme_views.decide,
        name="work_programme_decide",
    ),
    path(
        "work-programme/item/<int:pk>/to-agenda/",
        workprogramme_views.to_agenda,
        name="work_programme_to_agenda",
    ),
]
