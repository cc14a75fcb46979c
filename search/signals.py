"""
The search app listens to the models it indexes, so that the other apps never import it.

A receiver names the changed row's nearest owner it can read off the row ("meeting", its
meeting_id; "minute", its minute_id …) and at once withholds that group's entries from all
but officers (services.withhold), so that nothing just made exempt is found in between.
Once the transaction commits, each owner named in it is handed to the worker once
(tasks.reindex_source), which rebuilds that group of entries from the rule again. A
rolled-back transaction hands over nothing, and undoes the withholding.
"""

import logging

from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save

logger = logging.getLogger(__name__)


def send(keys) -> None:
    from .tasks import reindex_source

    for what, pk in sorted(keys):
        try:
            reindex_source.delay(what, pk)
        except Exception:  # the queue is down: the nightly reindex catches up
            logger.exception("Could not queue the search reindex of %s %s", what, pk)


class _Batch:
    """What one transaction changed, sent once when it commits."""

    def __init__(self):
        self.keys = set()

    def send(self):
        keys, self.keys = self.keys, set()
        send(keys)

    def is_waiting(self, connection) -> bool:
        """Still registered for this transaction (not run, not discarded by a rollback)."""
        return any(entry[1] == self.send for entry in getattr(connection, "run_on_commit", []))


def queue(what: str, pk) -> None:
    if pk is None:
        return
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        send({(what, pk)})
        return
    batch = getattr(connection, "_search_batch", None)
    if batch is None or not batch.is_waiting(connection):
        batch = connection._search_batch = _Batch()
        transaction.on_commit(batch.send, robust=True)
    batch.keys.add((what, pk))


# model label -> (what, the field naming it)
OWNERS = {
    "meetings.Meeting": ("meeting", "pk"),
    "meetings.AgendaItem": ("meeting", "meeting_id"),
    "meetings.Document": ("meeting", "meeting_id"),
    "packs.PackVersion": ("meeting", "meeting_id"),
    "minutes.Minutes": ("meeting", "meeting_id"),
    "minutes.Minute": ("minutes", "minutes_id"),
    "minutes.AttendanceEntry": ("minutes", "minutes_id"),
    "minutes.Declaration": ("minutes", "minutes_id"),
    "minutes.Comment": ("minute", "minute_id"),
    "minutes.Decision": ("minute", "minute_id"),
    "minutes.PublicSpeaker": ("minute", "minute_id"),
    "tracker.Tracker": ("tracker", "pk"),
    "tracker.TrackerEntry": ("tracker", "tracker_id"),
    "tracker.LegendStatus": ("tracker", "tracker_id"),
    "workprogramme.WorkProgramme": ("programme", "pk"),
    "workprogramme.WorkProgrammeItem": ("programme", "programme_id"),
    "actionplans.ActionPlan": ("plan", "pk"),
    "actionplans.PlanAction": ("plan", "plan_id"),
    "actionplans.Milestone": ("action", "action_id"),
    "actionplans.ProgressUpdate": ("action", "action_id"),
}


def changed(sender, instance, raw=False, **kwargs):
    if raw:  # loading fixtures
        return
    from .services import withhold

    what, field = OWNERS[sender._meta.label]
    pk = getattr(instance, field)
    if pk is not None:
        withhold(what, pk)
    queue(what, pk)


def committee_changed(sender, instance, created=False, raw=False, **kwargs):
    """A committee's meetings carry its name: a renamed one's are rebuilt. A new committee
    has nothing in the index, and a deleted one's entries go with it (on_delete CASCADE)."""
    if not raw and not created:
        queue("committee", instance.pk)


def owners_changed(sender, instance, action, reverse=False, **kwargs):
    if action.startswith("post_") and not reverse:
        queue("tracker", instance.tracker_id)


def connect():
    from django.apps import apps

    for label in OWNERS:
        model = apps.get_model(label)
        post_save.connect(changed, sender=model, dispatch_uid=f"search-save-{label}")
        post_delete.connect(changed, sender=model, dispatch_uid=f"search-delete-{label}")
    post_save.connect(
        committee_changed,
        sender=apps.get_model("committees.Committee"),
        dispatch_uid="search-committee",
    )
    entry = apps.get_model("tracker.TrackerEntry")
    m2m_changed.connect(owners_changed, sender=entry.owners.through, dispatch_uid="search-owners")


connect()
