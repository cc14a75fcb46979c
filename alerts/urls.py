from django.urls import path

from . import views

app_name = "alerts"
urlpatterns = [
    path("committee/<slug:slug>/subscribe/", views.subscribe, name="subscribe"),
    path("committee/<slug:slug>/subscribe/sent/", views.subscribe_sent, name="subscribe_sent"),
    path("confirm/<str:token>/", views.confirm, name="confirm"),
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
