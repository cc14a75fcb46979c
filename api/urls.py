"""The open-data API, mounted at /api/."""

from django.urls import path, re_path
from drf_spectacular.views import SpectacularJSONAPIView

from . import views

app_name = "api"
urlpatterns = [
    path("", views.documentation, name="documentation"),
    path("schema/", SpectacularJSONAPIView.as_view(), name="schema"),
    path("bulk/", views.bulk_list, name="bulk"),
    path("bulk/<slug:resource>.jsonl", views.bulk_file, name="bulk-file"),
    path("councils/", views.CouncilList.as_view(), name="council-list"),
    path("councils/<int:pk>/", views.CouncilDetail.as_view(), name="council-detail"),
    path("committees/", views.CommitteeList.as_view(), name="committee-list"),
    path("committees/<int:pk>/", views.CommitteeDetail.as_view(), name="committee-detail"),
    path("people/", views.PersonList.as_view(), name="person-list"),
    path("people/<int:pk>/", views.PersonDetail.as_view(), name="person-detail"),
    path("memberships/", views.MembershipList.as_view(), name="membership-list"),
    path("memberships/<int:pk>/", views.MembershipDetail.as_view(), name="membership-detail"),
    path("meetings/", views.MeetingList.as_view(), name="meeting-list"),
    path("meetings/<int:pk>/", views.MeetingDetail.as_view(), name="meeting-detail"),
    path("documents/", views.DocumentList.as_view(), name="document-list"),
    path("documents/<int:pk>/", views.DocumentDetail.as_view(), name="document-detail"),
    path("decisions/", views.DecisionList.as_view(), name="decision-list"),
    path("decisions/<int:pk>/", views.DecisionDetail.as_view(), name="decision-detail"),
    path("tracker-entries/", views.TrackerEntryList.as_view(), name="tracker-entry-list"),
    path(
        "tracker-entries/<int:pk>/",
        views.TrackerEntryDetail.as_view(),
        name="tracker-entry-detail",
    ),
    path("minutes/", views.MinutesList.as_view(), name="minutes-list"),
    path("minutes/<int:pk>/", views.MinutesDetail.as_view(), name="minutes-detail"),
    path("pack-versions/", views.PackVersionList.as_view(), name="pack-version-list"),
    path("pack-versions/<int:pk>/", views.PackVersionDetail.as_view(), name="pack-version-detail"),
    path(
        "work-programme-items/",
        views.WorkProgrammeItemList.as_view(),
        name="work-programme-item-list",
    ),
    path(
        "work-programme-items/<int:pk>/",
        views.WorkProgrammeItemDetail.as_view(),
        name="work-programme-item-detail",
    ),
    path("action-plans/", views.ActionPlanList.as_view(), name="action-plan-list"),
    path("action-plans/<int:pk>/", views.ActionPlanDetail.as_view(), name="action-plan-detail"),
    # Last: anything else under /api/ is a 404 in JSON, not the site's HTML page.
    re_path(r"^[\s\S]*$", views.not_found),
]
