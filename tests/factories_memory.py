import datetime

import factory
from django.utils import timezone

from minutes.models import Decision, Minute, Minutes
from tests.factories import AgendaItemFactory, CommitteeFactory, MeetingFactory
from tracker.models import LegendStatus, Tracker
from tracker.services import create_entry
from workprogramme.models import WorkProgramme, WorkProgrammeItem


class MinutesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Minutes

    meeting = factory.SubFactory(MeetingFactory)
    end_time = datetime.time(16, 5)


class MinuteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Minute

    minutes = factory.SubFactory(MinutesFactory)
    number = factory.Sequence(lambda n: n + 1)
    heading = factory.Sequence(lambda n: f"Minute heading {n}")
    agenda_item = factory.SubFactory(
        AgendaItemFactory, meeting=factory.SelfAttribute("..minutes.meeting")
    )


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    minute = factory.SubFactory(MinuteFactory)
    wording = factory.Sequence(lambda n: f"It was AGREED that the Committee receive update {n}.")


def make_entry(tracker=None, meeting=None, status_meaning=LegendStatus.Meaning.PENDING, **fields):
    if tracker is None:
        tracker = Tracker.for_committee(meeting.committee if meeting else CommitteeFactory())
    meeting = meeting or MeetingFactory(committee=tracker.committee)
    defaults = {
        "item_title": "An agenda item",
        "agreed_outcome": "<p>An agreed outcome</p>",
        "agreed_on": meeting.date,
    }
    defaults.update(fields)
    return create_entry(
        tracker=tracker,
        meeting=meeting,
        status=tracker.status_with_meaning(status_meaning),
        when=timezone.make_aware(datetime.datetime.combine(meeting.date, datetime.time(17))),
        **defaults,
    )


class WorkProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkProgramme

    committee = factory.SubFactory(CommitteeFactory)
    municipal_year = 2023


class WorkProgrammeItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkProgrammeItem

    programme = factory.SubFactory(WorkProgrammeFactory)
    section = WorkProgrammeItem.Section.MEETING
    meeting = factory.SubFactory(
        MeetingFactory, committee=factory.SelfAttribute("..programme.committee")
    )
    title = factory.Sequence(lambda n: f"Planned item {n}")
    service_area = "Education Partnerships & Skills"
    lead_officer = "Amelia Walker"
