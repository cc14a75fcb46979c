"""Officer pages for user accounts, mounted at /manage/accounts/."""

from django.urls import path

from . import manage_views as views

app_name = "accounts_manage"
urlpatterns = [
    path("", views.account_list, name="list"),
    path("invite/", views.account_invite, name="invite"),
    path("<int:pk>/", views.account_detail, name="detail"),
    path("<int:pk>/link/", views.link_person, name="link_person"),
    path("<int:pk>/unlink/", views.unlink_person, name="unlink_person"),
    path("<int:pk>/roles/give/", views.give_role, name="give_role"),
    path("<int:pk>/roles/remove/", views.remove_role, name="remove_role"),
    path("<int:pk>/deactivate/", views.deactivate, name="deactivate"),
    path("<int:pk>/reactivate/", views.reactivate, name="reactivate"),
]
