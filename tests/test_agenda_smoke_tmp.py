import datetime
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from tests.factories import CommitteeFactory, officer_user, AgendaItemFactory
from tests.factories_agenda import StandardItemFactory, blank_pdf
from meetings.models import Meeting

@pytest.mark.django_db
def test_smoke(client):
    c = CommitteeFactory()
    StandardItemFactory(committee=c, title="Apologies")
    client.force_login(officer_user())
    r = client.get("/manage/"); assert r.status_code == 200
    r = client.get("/manage/meetings/new/"); assert r.status_code == 200, r.content
    r = client.post("/manage/meetings/new/", {"committee": c.pk, "date_0": "12", "date_1": "7", "date_2": "2030", "with_standard_items": "on"})
    assert r.status_code == 302, r.content.decode()
    m = Meeting.objects.get()
    r = client.get(r.url); assert r.status_code == 200
    item = m.items.get()
    for url in [f"/manage/items/{item.pk}/", f"/manage/items/{item.pk}/papers/upload/", f"/manage/items/{item.pk}/papers/write/", f"/manage/items/{item.pk}/defer/", f"/manage/meetings/{m.pk}/details/", f"/manage/meetings/{m.pk}/history/", f"/manage/committees/{c.slug}/standard-items/", f"/manage/items/{item.pk}/delete/", f"/manage/meetings/{m.pk}/items/new/"]:
        r = client.get(url); assert r.status_code == 200, (url, r.content.decode()[:3000])
    r = client.post(f"/manage/items/{item.pk}/papers/upload/", {"title": "Rep", "kind": "report", "file": SimpleUploadedFile("a.pdf", blank_pdf(3))})
    assert r.status_code == 302, r.content.decode()
    r = client.get(f"/manage/meetings/{m.pk}/"); 
    open("/tmp/h3-agenda.html","w").write(r.content.decode())
    d = item.documents.get()
    for url in [f"/manage/papers/{d.pk}/", f"/manage/papers/{d.pk}/replace/", f"/manage/papers/{d.pk}/remove/"]:
        r = client.get(url); assert r.status_code == 200, (url, r.content.decode()[:3000])
