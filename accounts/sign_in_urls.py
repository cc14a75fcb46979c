"""/sign-in/ and /sign-out/, named "login" and "logout" as Django expects (no namespace)."""

from django.urls import path

from . import views

urlpatterns = [
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-out/", views.SignOutView.as_view(), name="logout"),
]
