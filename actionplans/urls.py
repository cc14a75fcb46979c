"""Action plans' pages, mounted under /tracker/ (their paths from when they were part of it)."""

from django.urls import path

from . import views

app_name = "actionplans"
urlpatterns = [
    path("plans/", views.plan_list, name="plans"),
    path("plans/new/", views.plan_add, name="plan_add"),
    path("plans/<slug:slug>/", views.plan_detail, name="plan"),
    path("plans/<slug:slug>/update/", views.plan_update, name="plan_update"),
    path("plans/<slug:slug>/progress/", views.plan_progress_print, name="plan_progress"),
    path("plans/<slug:slug>/manage/", views.plan_manage, name="plan_manage"),
    path("plans/<slug:slug>/actions/<int:pk>/", views.action_manage, name="plan_action"),
    path("plans/<slug:slug>/<str:kind>/<int:pk>/edit/", views.part_edit, name="plan_part"),
    path(
        "plans/<slug:slug>/<str:kind>/<int:pk>/delete/",
        views.part_delete,
        name="plan_part_delete",
    ),
]
