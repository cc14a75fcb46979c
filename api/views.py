"""
The open-data API: read-only, and for everyone exactly what the public pages show
(api/selectors.py). Every answer carries an ETag (and Last-Modified where the rows say when
they last changed) and answers a matching conditional GET with 304 Not Modified.
"""

import hashlib

from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import render
from django.utils.cache import get_conditional_response
from django.views.decorators.http import require_safe
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.generators import SchemaGenerator
from rest_framework import generics
from rest_framework.exceptions import NotFound, ValidationError
from rest_framework.response import Response

from . import filters, selectors, serializers
from .bulk import RESOURCES, bulk_name
from .schema import detail_endpoint, list_endpoint


class ConditionalMixin:
    """ETag from the body, Last-Modified from `last_modified` when the view knows it."""

    last_modified = None

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        response.render()
        etag = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
        response["ETag"] = etag
        last_modified = None
        if self.last_modified is not None:
            last_modified = int(self.last_modified.timestamp())
            response["Last-Modified"] = self.last_modified.strftime("%a, %d %b %Y %H:%M:%S GMT")
        return get_conditional_response(
            request, etag=etag, last_modified=last_modified, response=response
        )


class ApiListView(ConditionalMixin, generics.ListAPIView):
    filter_backends = [DjangoFilterBackend]
    filterset_class = None
    # The field whose newest value on the page gives Last-Modified.
    modified_field = None

    def list(self, request, *args, **kwargs):
        self.refuse_unknown_parameters(request)
        return super().list(request, *args, **kwargs)

    def refuse_unknown_parameters(self, request):
        known = {"cursor", "page_size"}
        if self.filterset_class is not None:
            known |= set(self.filterset_class.base_filters)
        errors = {}
        for name, values in request.query_params.lists():
            if name not in known:
                errors[name] = ["Unknown parameter."]
            elif len(values) > 1:
                errors[name] = ["Give this parameter once."]
            elif values[0] == "":
                # django-filter would ignore it; a caller who sends it means something.
                errors[name] = ["Give a value, or leave the parameter out."]
        if errors:
            raise ValidationError(errors)

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        if self.modified_field and page:
            stamps = [getattr(row, self.modified_field) for row in page]
            stamps = [stamp for stamp in stamps if stamp is not None]
            self.last_modified = max(stamps) if stamps else None
        return page


class ApiDetailView(ConditionalMixin, generics.RetrieveAPIView):
    modified_field = None

    def get_object(self):
        if self.kwargs["pk"] > filters.MAX_ID:
            raise NotFound("No such row.")
        row = super().get_object()
        if self.modified_field:
            self.last_modified = getattr(row, self.modified_field)
        return row


@list_endpoint(
    serializers.CouncilSerializer, 'Councils (OCD organizations, classification "government").'
)
class CouncilList(ApiListView):
    serializer_class = serializers.CouncilSerializer

    def get_queryset(self):
        return selectors.councils()


@detail_endpoint(serializers.CouncilSerializer, "One council.")
class CouncilDetail(ApiDetailView):
    serializer_class = serializers.CouncilSerializer

    def get_queryset(self):
        return selectors.councils()


@list_endpoint(
    serializers.CommitteeSerializer,
    (
        "Committees (OCD organizations): parent_id is the council, predecessor_id the committee "
        "this one replaced."
    ),
)
class CommitteeList(ApiListView):
    serializer_class = serializers.CommitteeSerializer
    filterset_class = filters.CommitteeFilter

    def get_queryset(self):
        return selectors.committees()


@detail_endpoint(serializers.CommitteeSerializer, "One committee.")
class CommitteeDetail(ApiDetailView):
    serializer_class = serializers.CommitteeSerializer

    def get_queryset(self):
        return selectors.committees()


@list_endpoint(
    serializers.PersonSerializer,
    "People with a public page: councillors and committee members, co-optees included.",
)
class PersonList(ApiListView):
    serializer_class = serializers.PersonSerializer
    filterset_class = filters.PersonFilter

    def get_queryset(self):
        return selectors.people()


@detail_endpoint(serializers.PersonSerializer, "One person.")
class PersonDetail(ApiDetailView):
    serializer_class = serializers.PersonSerializer

    def get_queryset(self):
        return selectors.people()


@list_endpoint(
    serializers.MembershipSerializer,
    "Seats on committees: role, co-optee's representation, dates; vacancies have no person.",
)
class MembershipList(ApiListView):
    serializer_class = serializers.MembershipSerializer
    filterset_class = filters.MembershipFilter

    def get_queryset(self):
        return selectors.memberships()


@detail_endpoint(serializers.MembershipSerializer, "One membership.")
class MembershipDetail(ApiDetailView):
    serializer_class = serializers.MembershipSerializer

    def get_queryset(self):
        return selectors.memberships()


@list_endpoint(
    serializers.MeetingSerializer,
    (
        "Meetings as OCD events, without their agendas (see the detail). Every meeting is "
        "announced; its agenda is public only once published."
    ),
)
class MeetingList(ApiListView):
    """Meetings as events, without their agendas: the detail holds the agenda."""

    serializer_class = serializers.MeetingSerializer
    filterset_class = filters.MeetingFilter
    modified_field = "updated_at"

    def get_queryset(self):
        return selectors.meetings()


@detail_endpoint(
    serializers.MeetingDetailSerializer,
    (
        "One meeting with its agenda (items with numbering, sub-parts, To Follow, deferral, "
        "exempt paragraph without the papers) and its annexes; empty until the agenda is "
        "published."
    ),
)
class MeetingDetail(ApiDetailView):
    serializer_class = serializers.MeetingDetailSerializer
    modified_field = "updated_at"

    def get_queryset(self):
        return selectors.meetings()

    def retrieve(self, request, *args, **kwargs):
        meeting = self.get_object()
        context = {**self.get_serializer_context(), "agenda": selectors.agenda(meeting)}
        return Response(self.get_serializer_class()(meeting, context=context).data)


@list_endpoint(
    serializers.DocumentSerializer,
    "Published public papers, with pages, size, sha256 and the access-checked download URL.",
)
class DocumentList(ApiListView):
    serializer_class = serializers.DocumentSerializer
    filterset_class = filters.DocumentFilter
    modified_field = "published_at"

    def get_queryset(self):
        return selectors.documents()


@detail_endpoint(serializers.DocumentSerializer, "One paper.")
class DocumentDetail(ApiDetailView):
    serializer_class = serializers.DocumentSerializer
    modified_field = "published_at"

    def get_queryset(self):
        return selectors.documents()


@list_endpoint(
    serializers.DecisionSerializer, "Decisions from published minutes, never those of exempt items."
)
class DecisionList(ApiListView):
    serializer_class = serializers.DecisionSerializer
    filterset_class = filters.DecisionFilter

    def get_queryset(self):
        return selectors.decisions()


@detail_endpoint(serializers.DecisionSerializer, "One decision.")
class DecisionDetail(ApiDetailView):
    serializer_class = serializers.DecisionSerializer

    def get_queryset(self):
        return selectors.decisions()


@list_endpoint(
    serializers.TrackerEntrySerializer,
    (
        "Outcome tracker entries with their status history, never those made from exempt items or"
        " decisions."
    ),
)
class TrackerEntryList(ApiListView):
    serializer_class = serializers.TrackerEntrySerializer
    filterset_class = filters.TrackerEntryFilter

    def get_queryset(self):
        return selectors.tracker_entries()


@detail_endpoint(serializers.TrackerEntrySerializer, "One tracker entry.")
class TrackerEntryDetail(ApiDetailView):
    serializer_class = serializers.TrackerEntrySerializer

    def get_queryset(self):
        return selectors.tracker_entries()


@list_endpoint(
    serializers.MinutesSerializer,
    "Published minutes: attendance, declarations and the minute of each item; an exempt "
    "item's minute shows only its number, heading and Schedule 12A paragraph.",
)
class MinutesList(ApiListView):
    serializer_class = serializers.MinutesSerializer
    filterset_class = filters.MinutesFilter
    modified_field = "updated_at"

    def get_queryset(self):
        return selectors.minutes()


@detail_endpoint(serializers.MinutesSerializer, "One meeting's published minutes.")
class MinutesDetail(ApiDetailView):
    serializer_class = serializers.MinutesSerializer
    modified_field = "updated_at"

    def get_queryset(self):
        return selectors.minutes()


@list_endpoint(
    serializers.PackVersionSerializer,
    "Public agenda packs and supplements as published, with the pages of each agenda row.",
)
class PackVersionList(ApiListView):
    serializer_class = serializers.PackVersionSerializer
    filterset_class = filters.PackVersionFilter
    modified_field = "published_at"

    def get_queryset(self):
        return selectors.pack_versions()


@detail_endpoint(serializers.PackVersionSerializer, "One public pack or supplement.")
class PackVersionDetail(ApiDetailView):
    serializer_class = serializers.PackVersionSerializer
    modified_field = "published_at"

    def get_queryset(self):
        return selectors.pack_versions()


@list_endpoint(
    serializers.WorkProgrammeItemSerializer,
    "Work programme items as the public work programme lists them (no proposals).",
)
class WorkProgrammeItemList(ApiListView):
    serializer_class = serializers.WorkProgrammeItemSerializer
    filterset_class = filters.WorkProgrammeItemFilter

    def get_queryset(self):
        return selectors.work_programme_items()


@detail_endpoint(serializers.WorkProgrammeItemSerializer, "One work programme item.")
class WorkProgrammeItemDetail(ApiDetailView):
    serializer_class = serializers.WorkProgrammeItemSerializer

    def get_queryset(self):
        return selectors.work_programme_items()


@list_endpoint(
    serializers.ActionPlanSerializer,
    "Action plans with their actions, milestones and progress updates.",
)
class ActionPlanList(ApiListView):
    serializer_class = serializers.ActionPlanSerializer
    filterset_class = filters.ActionPlanFilter

    def get_queryset(self):
        return selectors.action_plans()


@detail_endpoint(serializers.ActionPlanSerializer, "One action plan.")
class ActionPlanDetail(ApiDetailView):
    serializer_class = serializers.ActionPlanSerializer

    def get_queryset(self):
        return selectors.action_plans()


def not_found(request, *args, **kwargs):
    """Any other address under /api/: a 404 in JSON, as the API's own are."""
    return JsonResponse({"detail": "Not found."}, status=404)


@require_safe
def documentation(request):
    """The API's documentation, rendered on the server from its own OpenAPI schema."""
    schema = SchemaGenerator().get_schema(request=None, public=True)
    endpoints = []
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            parameters = [p for p in operation.get("parameters", []) if p["in"] == "query"]
            endpoints.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "summary": operation.get("description", "").strip(),
                    "parameters": parameters,
                }
            )
    return render(request, "api/documentation.html", {"schema": schema, "endpoints": endpoints})


@require_safe
def bulk_list(request):
    files = []
    for resource in RESOURCES:
        name = bulk_name(resource)
        if default_storage.exists(name):
            files.append(
                {
                    "resource": resource,
                    "size": default_storage.size(name),
                    "modified": default_storage.get_modified_time(name),
                }
            )
    return render(request, "api/bulk.html", {"files": files})


@require_safe
def bulk_file(request, resource):
    name = bulk_name(resource) if resource in RESOURCES else None
    if name is None or not default_storage.exists(name):
        raise Http404("No such export.")
    response = FileResponse(
        default_storage.open(name, "rb"), content_type="application/x-ndjson; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{resource}.jsonl"'
    return response
