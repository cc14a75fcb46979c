from django.urls import path

from . import paper_views, views

app_name = "packs"
urlpatterns = [
    path("meetings/<int:meeting_pk>/publish/", views.publish, name="publish"),
    path("meetings/<int:meeting_pk>/supplement/", views.publish_supplement, name="supplement"),
    path("meetings/<int:meeting_pk>/progress/", views.progress, name="progress"),
    path("papers/<int:pk>/", paper_views.document_page, name="paper_page"),
    path("<int:pk>/retry/", views.retry, name="retry"),
    path("<int:pk>/<str:filename>", views.download, name="download"),
]
