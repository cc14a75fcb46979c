"""What meetings/ tells other apps. Receivers live in those apps; meetings/ imports none of them."""

from django.dispatch import Signal

# Sent when a meeting is cancelled, postponed or moved, inside the transaction that changes
# it, with `meeting` as it now is (its status, notice and revision after the change).
# Receivers that do anything outside the database wait for the commit (transaction.on_commit),
# and decide for themselves, by committees/access.py, whether the public may know of it.
meeting_rescheduled = Signal()
