"""
Files in an S3-compatible bucket (several web and worker machines): the storage code run
against a real S3 HTTP server, moto's, started here on a free port of 127.0.0.1.
"""

import io
import json
import logging
import os
import subprocess
import sys
import threading
import urllib.error
import urllib.request

import boto3
import pytest
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from moto.server import ThreadedMotoServer
from pypdf import PdfReader

from meetings.models import Document
from packs import parts, services, tasks
from packs.models import PackVersion
from scrutiny.settings import file_storages, s3_options
from tests.factories import AgendaItemFactory, make_pdf, officer_user, persona
from tests.packs_helpers import page_texts

pytestmark = pytest.mark.django_db

REGION = "eu-west-2"
KEYS = {"AWS_ACCESS_KEY_ID": "portal-test-key", "AWS_SECRET_ACCESS_KEY": "portal-test-secret"}


@pytest.fixture(scope="module")
def s3_endpoint():
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # a line per request otherwise
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def bucket(s3_endpoint, settings, request):
    """A new bucket for the test, and the portal's files in it, set up as settings.py does."""
    name = request.node.name.replace("_", "-")[:50].strip("-").lower()
    client = boto3.client(
        "s3",
        endpoint_url=s3_endpoint,
        region_name=REGION,
        aws_access_key_id=KEYS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=KEYS["AWS_SECRET_ACCESS_KEY"],
    )
    client.create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": REGION})
    environ = {
        "STORAGE_URL": f"s3://{name}?endpoint_url={s3_endpoint}&region={REGION}",
        **KEYS,
    }
    settings.STORAGES = {**settings.STORAGES, **file_storages(s3_options(environ))}
    yield client, name
    settings.MEDIA_ROOT.mkdir(parents=True, exist_ok=True)
    assert list(settings.MEDIA_ROOT.iterdir()) == [], "a file was written to the local disk"


def keys_in(client, bucket_name) -> set[str]:
    pages = client.get_paginator("list_objects_v2").paginate(Bucket=bucket_name)
    return {entry["Key"] for page in pages for entry in page.get("Contents", [])}


def unsigned_get(endpoint: str, bucket_name: str, key: str) -> int:
    try:
        with urllib.request.urlopen(f"{endpoint}/{bucket_name}/{key}", timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def streamed(response) -> bytes:
    return b"".join(response.streaming_content)


def test_a_paper_and_its_pack_are_kept_in_the_bucket_private_and_served_by_the_views(
    bucket, s3_endpoint, client, monkeypatch, django_capture_on_commit_callbacks
):
    s3, bucket_name = bucket
    item = AgendaItemFactory(title="Placements sufficiency")
    meeting, committee = item.meeting, item.meeting.committee
    officer = officer_user(council=committee.council)
    content = make_pdf("Text of the placements report", pages=3)

    client.force_login(officer)
    response = client.post(
        reverse("manage:paper_upload", args=[item.pk]),
        {
            "title": "Placements report",
            "kind": "report",
            "file": SimpleUploadedFile("r.pdf", content),
        },
    )
    assert response.status_code == 302
    paper = Document.objects.get(agenda_item=item)
    assert paper.file.name.startswith(f"papers/{meeting.pk}/")
    assert s3.get_object(Bucket=bucket_name, Key=paper.file.name)["Body"].read() == content

    monkeypatch.setattr(tasks.build_pack_version, "delay", lambda version_id: None)
    versions = services.publish(meeting, officer)
    with django_capture_on_commit_callbacks(execute=True):
        for version in versions:
            services.build_version(version.pk)
    public = PackVersion.objects.get(meeting=meeting, kind=PackVersion.Kind.PUBLIC)
    confidential = PackVersion.objects.get(meeting=meeting, kind=PackVersion.Kind.CONFIDENTIAL)
    assert public.status == confidential.status == PackVersion.Status.READY, public.failure_reason

    stored = keys_in(s3, bucket_name)
    assert {paper.file.name, public.file.name, confidential.file.name} <= stored
    part_keys = {key for key in stored if key.startswith("pack-parts/")}
    assert any(key.endswith(".pdf") for key in part_keys)
    assert {key.rsplit(".", 1)[0] for key in part_keys if key.endswith(".pages")} == {
        key.rsplit(".", 1)[0] for key in part_keys if key.endswith(".pdf")
    }
    pack_bytes = s3.get_object(Bucket=bucket_name, Key=public.file.name)["Body"].read()
    assert parts.sha256(pack_bytes) == public.sha256

    # Nothing in the bucket can be read without signing; the views are the way in.
    for key in stored:
        assert unsigned_get(s3_endpoint, bucket_name, key) == 403, key
        grants = s3.get_object_acl(Bucket=bucket_name, Key=key)["Grants"]
        assert all(grant["Grantee"].get("Type") == "CanonicalUser" for grant in grants), key

    client.logout()  # the public, once the pack is published
    response = client.get(paper.get_absolute_url())
    assert response.status_code == 200
    assert streamed(response) == content
    response = client.get(public.get_absolute_url())
    assert response.status_code == 200
    public_copy = streamed(response)
    assert public_copy == pack_bytes
    assert "Text of the placements report (page 3)" in "".join(
        page_texts(PdfReader(io.BytesIO(public_copy)))
    )
    assert client.get(confidential.get_absolute_url()).status_code in (302, 403, 404)

    client.force_login(persona("member", committee))  # a councillor on the committee
    response = client.get(confidential.get_absolute_url())
    assert response.status_code == 200
    confidential_copy = streamed(response)
    assert parts.sha256(confidential_copy) == confidential.sha256


def test_a_part_missing_from_the_bucket_is_rendered_again(bucket, monkeypatch):
    s3, bucket_name = bucket
    item = AgendaItemFactory(title="Placements sufficiency")
    officer = officer_user(council=item.meeting.committee.council)
    Document.objects.create(
        meeting=item.meeting, agenda_item=item, title="Written note", body="<p>A short note.</p>"
    )
    monkeypatch.setattr(tasks.build_pack_version, "delay", lambda version_id: None)
    first, _ = services.publish(item.meeting, officer)

    planned = services.builder.plan_pack

    def plan_then_lose_the_parts(meeting, progress=lambda stage, percent: None):
        plan = planned(meeting, progress)
        if not getattr(plan_then_lose_the_parts, "done", False):
            plan_then_lose_the_parts.done = True
            for key in keys_in(s3, bucket_name):
                if key.startswith("pack-parts/"):
                    s3.delete_object(Bucket=bucket_name, Key=key)
        return plan

    monkeypatch.setattr(services.builder, "plan_pack", plan_then_lose_the_parts)
    version = services.build_version(first.pk)

    assert version.status == PackVersion.Status.READY, version.failure_reason
    assert plan_then_lose_the_parts.done
    assert any(key.startswith("pack-parts/") for key in keys_in(s3, bucket_name))


def test_two_workers_writing_one_part_at_once_leave_one_good_object(bucket):
    s3, bucket_name = bucket
    data = make_pdf("One part", pages=2)
    content_hash = parts.sha256(data)
    start = threading.Barrier(4)
    failures = []

    def write():
        try:
            start.wait()
            parts.store_part(parts.part_path(content_hash), data, 2)
        except Exception as error:  # pragma: no cover - reported below
            failures.append(error)

    threads = [threading.Thread(target=write) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert failures == []
    assert keys_in(s3, bucket_name) == {
        f"pack-parts/{content_hash}.pdf",
        f"pack-parts/{content_hash}.pages",
    }
    stored = s3.get_object(Bucket=bucket_name, Key=f"pack-parts/{content_hash}.pdf")
    assert stored["Body"].read() == data
    path, pages = parts.cached_part(content_hash, lambda: pytest.fail("rewritten"))
    assert pages == 2 and path.read_bytes() == data


def test_a_part_is_never_renamed_and_one_already_kept_is_not_written_again(bucket):
    s3, bucket_name = bucket
    data = make_pdf("One part")
    path = parts.part_path(parts.sha256(data))
    assert isinstance(path, parts.StoredPart)
    parts.store_part(path, data, 1)
    modified = s3.head_object(Bucket=bucket_name, Key=path.key)["ETag"]

    parts.store_part(path, b"%PDF- not these bytes", 1)
    parts.write_part(path.with_suffix(".pages"), b"1")

    assert s3.head_object(Bucket=bucket_name, Key=path.key)["ETag"] == modified
    assert keys_in(s3, bucket_name) == {path.key, path.with_suffix(".pages").key}
    assert storages["pack_parts"].file_overwrite and not storages["default"].file_overwrite


def settings_in_a_new_process(**environ) -> dict:
    program = "from django.conf import settings; import json; print(json.dumps(settings.STORAGES))"
    env = {
        key: value
        for key, value in os.environ.items()
        if key != "STORAGE_URL" and not key.startswith("AWS_")
    }
    result = subprocess.run(
        [sys.executable, "-c", program],
        env={**env, "DJANGO_SETTINGS_MODULE": "scrutiny.settings", **environ},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_the_environment_chooses_local_disk_or_a_bucket():
    local = settings_in_a_new_process()
    assert local["default"] == {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    assert local["pack_parts"] == {"BACKEND": "django.core.files.storage.FileSystemStorage"}

    from_url = settings_in_a_new_process(
        STORAGE_URL="s3://council-files/portal?endpoint_url=https://s3.example.org&region=eu-west-2"
    )
    options = from_url["default"]["OPTIONS"]
    assert from_url["default"]["BACKEND"] == "storages.backends.s3.S3Storage"
    assert options["bucket_name"] == "council-files" and options["location"] == "portal"
    assert options["endpoint_url"] == "https://s3.example.org"
    assert options["region_name"] == "eu-west-2"
    assert options["default_acl"] == "private" and options["querystring_auth"] is True
    assert options["file_overwrite"] is False
    assert from_url["pack_parts"]["OPTIONS"] == {**options, "file_overwrite": True}

    from_aws = settings_in_a_new_process(
        AWS_STORAGE_BUCKET_NAME="council-files",
        AWS_S3_ENDPOINT_URL="https://s3.example.org",
        AWS_S3_REGION_NAME="eu-west-2",
        AWS_ACCESS_KEY_ID="id",
        AWS_SECRET_ACCESS_KEY="secret",
    )
    options = from_aws["default"]["OPTIONS"]
    assert (options["bucket_name"], options["access_key"], options["secret_key"]) == (
        "council-files",
        "id",
        "secret",
    )
