"""Print views (and the PDFs made from them) have a main landmark and one h1."""

import datetime
import re

import pytest
from django.urls import reverse

from tests.factories import (
    AgendaItemFactory,
    MeetingFactory,
    MinuteFactory,
    PlanActionFactory,
    WorkProgrammeItemFactory,
    make_entry,
)

pytestmark = pytest.mark.django_db


def test_every_print_view_has_a_main_landmark_and_one_h1(client):
    meeting = MeetingFactory(date=datetime.date(2023, 5, 4))
    committee = meeting.committee
    item = AgendaItemFactory(meeting=meeting, position=1, title="Budget")
    minute = MinuteFactory(minutes__meeting=meeting, agenda_item=item, heading="Budget")
    minute.minutes.publish()
    make_entry(meeting=meeting)
    programme = WorkProgrammeItemFactory(programme__committee=committee).programme
    plan = PlanActionFactory(plan__committee=committee).plan
    urls = [
        reverse("minutes:print", args=[meeting.pk]),
        reverse("tracker:print", args=[committee.slug]),
        reverse(
            "workprogramme:work_programme_print", args=[committee.slug, programme.municipal_year]
        ),
        reverse("actionplans:plan_progress", args=[plan.slug]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        html = response.content.decode()
        assert html.count("<main") == 1, url
        assert len(re.findall(r"<h1\b", html)) == 1, url
