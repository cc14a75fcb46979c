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
