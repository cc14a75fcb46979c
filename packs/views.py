from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from committees import access
from committees.roles import is_officer, officer_required, require_manager
from meetings.models import Meeting
from meetings.tasks import note_confidential_download
from scrutiny.announce import announce

from . import services, watermark, withdrawal
from .models import PackVersion
from .panel import panel_context


def _next_url(request, data) -> str:
    """A page of this site to come back to (such as the agenda editor), or nothing."""
    url = data.get("next", "")
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return ""


def _back(request, meeting: Meeting):
    """To the page the panel was on, at the panel: by default the meeting's page."""
    return redirect(f"{_next_url(request, request.POST) or meeting.get_absolute_url()}#pack")


@require_POST
@officer_required
def publish(request, meeting_pk):
    meeting = get_object_or_404(Meeting.objects.with_committee(), pk=meeting_pk)
    require_manager(request.user, meeting.committee)
    running = meeting.pack_versions.in_progress().filter(is_supplement=False)
    if running:
        messages.info(request, services.still_building_message(list(running)))
        return _back(request, meeting)
    try:
        services.publish(meeting, request.user)
    except services.PublishingUnavailable as error:
        messages.error(request, str(error))
    else:
        messages.success(request, "The agenda pack is being built. This page shows its progress.")
    return _back(request, meeting)


@require_POST
@officer_required
def publish_supplement(request, meeting_pk):
    meeting = get_object_or_404(Meeting.objects.with_committee(), pk=meeting_pk)
    require_manager(request.user, meeting.committee)
    main_pack = services.current_pack(meeting)
    if main_pack is None:
        messages.error(request, "Publish the agenda pack before a supplement to it.")
    else:
        try:
            services.publish(meeting, request.user, supplement_to=main_pack)
        except services.PublishingUnavailable as error:
            messages.error(request, str(error))
        else:
            messages.success(request, "The supplement is being built.")
    return _back(request, meeting)


@require_POST
@officer_required
def retry(request, pk):
    version = get_object_or_404(
        PackVersion.objects.select_related("meeting__committee__council"), pk=pk
    )
    require_manager(request.user, version.meeting.committee)
    try:
        services.retry(version)
    except services.PublishingUnavailable as error:
        messages.error(request, str(error))
    return _back(request, version.meeting)


def progress(request, meeting_pk):
    """The pack panel alone, for htmx to poll while a build runs."""
    meeting = get_object_or_404(Meeting.objects.with_committee(), pk=meeting_pk)
    if not access.may_see(request.user, meeting):
        raise Http404("No such meeting.")
    context = panel_context(meeting, request.user)
    context["next_url"] = _next_url(request, request.GET)
    response = render(request, "packs/includes/pack_panel.html", context)
    return announce(response, progress_said(context), changes_only=True)


def progress_said(context) -> str:
    """What a screen reader hears while a pack builds: each stage once, then the outcome."""
    if context["in_progress"]:
        return "; ".join(
            f"{version.title}, version {version.number}: {version.stage}"
            for version in context["in_progress"]
        )
    if context["failed"]:
        return f"{context['failed'][0].title} could not be built"
    ready = context["current_public"]
    return f"{ready.title}, version {ready.number}, is ready" if ready else ""


def download(request, pk, filename):
    """
    Packs are served only here: the confidential pack to those who may see exempt papers,
    with its exempt pages stamped with the reader's name (packs/watermark.py).
    """
    version = get_object_or_404(
        PackVersion.objects.select_related("meeting__committee__council"), pk=pk
    )
    meeting = version.meeting
    if version.status != PackVersion.Status.READY or not version.file:
        raise Http404("No such pack.")
    if not access.may_see(request.user, version):
        raise Http404("No such pack.")
    if withdrawal.is_withdrawn(version):
        current = services.current_pack(meeting)
        context = {
            "version": version,
            "meeting": meeting,
            "current": None if current is None or withdrawal.is_withdrawn(current) else current,
        }
        return render(request, "packs/withdrawn.html", context, status=410)
    response = FileResponse(
        watermark.copy_for(version, request.user), content_type="application/pdf"
    )
    response["Content-Disposition"] = content_disposition_header(False, version.download_name)
    if version.is_confidential:
        response["Cache-Control"] = "private, no-store"
        if not is_officer(request.user):
            note_confidential_download(
                meeting, request.user, f"confidential pack version {version.number}", timezone.now()
            )
    return response
