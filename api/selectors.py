"""
What the API reads: only what the public pages show.

Every caller is treated as a member of the public, signed in or not, so the API, its
schema and the bulk files are the same for everyone and can be cached anywhere. The rule
itself is committees.access's; these querysets only ask it for an anonymous viewer.
"""

from django.contrib.auth.models import AnonymousUser
from django.db.models import Prefetch, Q

from actionplans.models import ActionPlan, PlanAction, ProgressUpdate
from committees import access
from committees.models import Committee, Council, Membership, Person
from meetings.models import Document, Meeting
from meetings.selectors import agenda_for
from minutes.models import AttendanceEntry, Comment, Decision, Declaration, Minute, Minutes
from packs.models import PackVersion
from tracker.models import StatusChange, TrackerEntry
from workprogramme.models import WorkProgrammeItem

PUBLIC = AnonymousUser()


def public(queryset):
    """The rows of any committee's queryset that the public may see."""
    # The anonymous viewer sees neither unpublished nor exempt material of any committee,
    # so the committee asked about does not matter.
    return access.visible(PUBLIC, queryset, committee=None)


def councils():
    return Council.objects.order_by("pk")


def committees():
    return Committee.objects.select_related("council").order_by("pk")


def people():
    """People with a public page: councillors, and anyone who has sat on a committee."""
    return (
        Person.objects.filter(Q(is_councillor=True) | Q(memberships__isnull=False))
        .distinct()
        .order_by("pk")
    )


def memberships():
    return Membership.objects.select_related("committee__council", "person").order_by("pk")


def meetings():
    return Meeting.objects.announced().with_committee().order_by("pk")


def agenda(meeting: Meeting):
    """The meeting's agenda exactly as its public page builds it (meetings.selectors):
    exempt items by number, title and paragraph without their papers, and nothing at all
    of a meeting whose agenda is not published."""
    return agenda_for(meeting, PUBLIC)


def documents():
    # A paper's extracted text (for search) can be long and the API never shows it.
    return public(Document.objects.current()).defer("text", "body").order_by("pk")


def decisions():
    return (
        public(Decision.objects.all())
        .select_related("minute__minutes__meeting__committee", "minute__agenda_item")
        .order_by("pk")
    )


def tracker_entries():
    history = Prefetch(
        "history",
        queryset=StatusChange.objects.select_related("from_status", "to_status").order_by(
            "changed_at", "pk"
        ),
    )
    return (
        public(TrackerEntry.objects.all())
        .select_related("tracker__committee", "meeting", "status", "decision")
        .prefetch_related(history)
        .order_by("pk")
    )


def minutes():
    """Published minutes with their attendance as printed, public declarations and each
    minute; an exempt minute's decisions and comments are not even read (as
    minutes.selectors does for the public page), and its body is left out when serialized."""
    entries = (
        Minute.objects.select_related("agenda_item__parent")
        .prefetch_related(
            Prefetch("decisions", queryset=public(Decision.objects.all())),
            Prefetch("comments", queryset=public(Comment.objects.all())),
        )
        .order_by("number", "paragraph", "pk")
    )
    return (
        public(Minutes.objects.all())
        .select_related("meeting__committee__minutes_settings")
        .prefetch_related(
            Prefetch(
                "attendance",
                queryset=AttendanceEntry.objects.exclude(
                    status__in=AttendanceEntry.UNPRINTED
                ).select_related("person"),
            ),
            Prefetch(
                "declarations",
                queryset=public(Declaration.objects.select_related("person")),
            ),
            Prefetch("minute_entries", queryset=entries),
        )
        .order_by("pk")
    )


def pack_versions():
    """The public packs and supplements as published: built, not withdrawn, of meetings
    whose agenda is published. The confidential pack is never listed."""
    return (
        PackVersion.objects.ready()
        .filter(
            kind=PackVersion.Kind.PUBLIC,
            withdrawn_at__isnull=True,
            meeting__agenda_published_at__isnull=False,
        )
        .select_related("meeting__committee")
        .order_by("pk")
    )


def work_programme_items():
    """What the public work programme lists: neither proposals nor declined items."""
    return (
        WorkProgrammeItem.objects.exclude(
            status__in=[WorkProgrammeItem.Status.PROPOSED, WorkProgrammeItem.Status.DROPPED]
        )
        .select_related("programme", "meeting")
        .order_by("pk")
    )


def action_plans():
    """Action plans are public as a whole: their actions, milestones and progress."""
    actions = PlanAction.objects.select_related("rag").prefetch_related(
        "milestones", Prefetch("updates", queryset=ProgressUpdate.objects.select_related("rag"))
    )
    return ActionPlan.objects.prefetch_related(Prefetch("actions", queryset=actions)).order_by("pk")
