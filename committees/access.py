"""
Who may see what: the one rule every view, feed, export, print view, generated PDF,
pack builder and API asks.

- Anything not yet published is for the democratic services officers of the committee's
  council only.
- Anything exempt (Part 2, Schedule 12A) is for those officers and the current members of the
  committee concerned; nobody else, not an officer of another council, not a former
  member, not a councillor of another committee. A published meeting's paper that no pack
  has published yet is restricted in the same way (its members see it marked "not yet
  published").
- A meeting is announced from the moment it exists: its committee, date, time, venue and
  any notice of its cancellation, postponement or move are public notice, for everyone.
  Its agenda is not: until the meeting is published, its items, their descriptions and its
  papers are for the officers only, by the first rule, and its page says only "Agenda to be
  published by <date>" (the council's publication deadline).

The things themselves say whether they are published and whether they are exempt: each
model that can be withheld has `access_committee`, `is_published` and `is_restricted`
(exemption inherited from the item it belongs to, and from that item's parent), and its
queryset has `published()` and `unrestricted()`. A meeting also has `is_announced`, and
its queryset `announced()`: meeting pages, lists, calendars and feeds ask
`may_see_announcement` (or list `announced()` meetings) to show that a meeting takes place,
and `may_see` before showing anything of its agenda; items and papers ask `is_published`
of their meeting, never `is_announced`. This module only applies the rule.
"""

from dataclasses import dataclass, field

from .roles import manages


@dataclass
class Viewer:
    """A person looking at the portal, with what they may see worked out once per request."""

    user: object
    _member_of: set[int] | None = field(default=None, repr=False)

    def sees_unpublished(self, committee) -> bool:
        return manages(self.user, committee)

    def sees_exempt(self, committee) -> bool:
        if not self.user.is_authenticated:
            return False
        if manages(self.user, committee):
            return True
        return committee.pk in self.member_of

    @property
    def member_of(self) -> set[int]:
        """The committees this person sits on today (one query, then kept)."""
        if self._member_of is None:
            from .models import Membership

            self._member_of = set(
                Membership.objects.current()
                .filter(person__user=self.user)
                .values_list("committee_id", flat=True)
            )
        return self._member_of


def viewer_for(user) -> Viewer:
    """The same Viewer for the same user object, so a request asks the database once."""
    viewer = getattr(user, "_portal_viewer", None)
    if viewer is None:
        viewer = user._portal_viewer = Viewer(user)
    return viewer


def may_see(user, thing) -> bool:
    """Whether this person may see this meeting, item, paper, minute, decision or entry."""
    viewer = viewer_for(user)
    committee = thing.access_committee
    if not thing.is_published and not viewer.sees_unpublished(committee):
        return False
    return not thing.is_restricted or viewer.sees_exempt(committee)


def may_see_announcement(user, meeting) -> bool:
    """
    Whether this person may see that the meeting takes place: its committee, date, time,
    venue and notice. Never its agenda: ask `may_see` for that.
    """
    return meeting.is_announced or may_see(user, meeting)


def sees_exempt(user, committee) -> bool:
    return viewer_for(user).sees_exempt(committee)


def visible(user, queryset, committee):
    """The rows of a queryset of one committee's things that this person may see."""
    viewer = viewer_for(user)
    if not viewer.sees_unpublished(committee):
        queryset = queryset.published()
    if not viewer.sees_exempt(committee):
        queryset = queryset.unrestricted()
    return queryset
