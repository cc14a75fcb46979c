"""The demo officer (Democratic services, staff) can open the admin list of every record."""

from io import StringIO

import pytest
from django.contrib import admin
from django.contrib.auth.models import User
from django.urls import reverse

from actionplans.models import ActionPlanReport
from demo import committees as demo_committees
from minutes.models import Correction, Declaration, MinutesSettings
from packs.models import PackVersion
from tests.factories import (
    DecisionFactory,
    PlanActionFactory,
    WorkProgrammeItemFactory,
    add_update,
    make_entry,
)

pytestmark = pytest.mark.django_db

APPS = ["committees", "meetings", "minutes", "packs", "tracker", "actionplans", "workprogramme"]
ADMIN_MODELS = sorted(
    (model._meta.app_label, model._meta.model_name)
    for model in admin.site._registry
    if model._meta.app_label in APPS
)


@pytest.fixture
def demo_officer(client):
    demo_committees.load(StringIO())
    client.force_login(User.objects.get(username="officer"))
    return client


@pytest.fixture
def one_of_each():
    decision = DecisionFactory()
    minutes = decision.minute.minutes
    meeting = minutes.meeting
    Correction.objects.create(minutes=minutes, what="Heading", reason="Typo")
    Declaration.objects.create(minutes=minutes, name="Mrs Hobbs", description="as a Director")
    MinutesSettings.objects.create(committee=meeting.committee, number_prefix="CAY")
    make_entry(meeting=meeting, decision=decision)
    action = PlanActionFactory(plan__committee=meeting.committee)
    add_update(action, "May 2023", "Amber", "Under way")
    document = meeting.documents.create(title="Progress", kind="action_plan")
    ActionPlanReport.objects.create(
        plan=action.plan, document=document, period="May 2023", period_start="2023-05-01"
    )
    WorkProgrammeItemFactory(programme__committee=meeting.committee).programme.themes.create(
        name="Education"
    )
    PackVersion.objects.create(meeting=meeting, number=1, kind="public", sha256="ab" * 32)


def test_every_app_in_the_portal_has_its_records_in_the_admin():
    labels = {app for app, _ in ADMIN_MODELS}
    assert labels == set(APPS)
    assert {
        ("minutes", "minutes"),
        ("tracker", "trackerentry"),
        ("actionplans", "actionplan"),
        ("packs", "packversion"),
        ("workprogramme", "workprogrammeitem"),
    } <= set(ADMIN_MODELS)


@pytest.mark.parametrize(("app", "model"), ADMIN_MODELS)
def test_demo_officer_opens_each_changelist(demo_officer, one_of_each, app, model):
    response = demo_officer.get(reverse(f"admin:{app}_{model}_changelist"))
    assert response.status_code == 200
    assert response.context["cl"].result_count >= 1


def test_pack_versions_are_read_only_in_the_admin(demo_officer, one_of_each):
    version = PackVersion.objects.get()
    page = demo_officer.get(reverse("admin:packs_packversion_change", args=[version.pk]))
    content = page.content.decode()
    assert page.status_code == 200
    assert "ab" * 32 in content
    assert 'name="sha256"' not in content and 'name="status"' not in content
    assert demo_officer.get(reverse("admin:packs_packversion_add")).status_code == 403


def test_approved_minutes_cannot_be_changed_in_the_admin(demo_officer, one_of_each):
    from minutes.models import Minutes

    minutes = Minutes.objects.get()
    url = reverse("admin:minutes_minutes_change", args=[minutes.pk])
    assert 'name="heading"' in demo_officer.get(url).content.decode()
    Minutes.objects.filter(pk=minutes.pk).update(status=Minutes.Status.APPROVED)
    assert 'name="heading"' not in demo_officer.get(url).content.decode()


def test_a_file_replaced_in_the_admin_has_its_text_read_again(
    demo_officer, one_of_each, django_capture_on_commit_callbacks
):
    from unittest import mock

    from django.core.files.uploadedfile import SimpleUploadedFile

    from meetings.models import Document
    from tests.factories import make_pdf

    document = Document.objects.get(title="Progress")
    document.text, document.text_status = "Old text", Document.TextStatus.EXTRACTED
    document.save()
    url = reverse("admin:meetings_document_change", args=[document.pk])
    upload = SimpleUploadedFile("new.pdf", make_pdf("New text"), "application/pdf")
    fields = {
        "meeting": document.meeting_id, "agenda_item": "", "title": "Progress",
        "kind": document.kind, "file": upload, "body": "", "author": "", "position": 1,
        "replaced_by": "", "generated_at_0": "", "generated_at_1": "", "uploaded_by": "",
        "created_at_0": "2023-05-01", "created_at_1": "10:00:00",
    }  # fmt: skip
    with (
        mock.patch("meetings.tasks.extract_paper_text.delay") as delay,
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = demo_officer.post(url, fields)
    assert response.status_code == 302, response.content.decode()[:3000]
    document.refresh_from_db()
    assert document.text == "" and document.text_status == Document.TextStatus.PENDING
    assert delay.call_args_list == [mock.call(document.pk)]
