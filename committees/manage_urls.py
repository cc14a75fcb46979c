"""Officer pages for councils, committees, people and memberships, mounted at /manage/."""

from django.urls import path

from . import manage_views as views

app_name = "committees_manage"
urlpatterns = [
    path("councils/", views.council_list, name="council_list"),
    path("councils/new/", views.council_create, name="council_create"),
    path("councils/<slug:slug>/", views.council_edit, name="council_edit"),
    path("committees/", views.committee_list, name="committee_list"),
    path("committees/new/", views.committee_create, name="committee_create"),
    path("committees/<slug:slug>/", views.committee_edit, name="committee_edit"),
    path("committees/<slug:slug>/members/", views.members, name="members"),
    path("committees/<slug:slug>/members/new/", views.membership_add, name="membership_add"),
    path("memberships/<int:pk>/", views.membership_edit, name="membership_edit"),
    path("memberships/<int:pk>/end/", views.membership_end, name="membership_end"),
    path("memberships/<int:pk>/delete/", views.membership_delete, name="membership_delete"),
    path("people/", views.people, name="people"),
    path("people/new/", views.person_create, name="person_create"),
    path("people/<int:pk>/", views.person_edit, name="person_edit"),
]
