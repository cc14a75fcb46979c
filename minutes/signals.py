"""What minutes/ tells other apps. Receivers live in those apps; minutes/ imports none of them."""

from django.dispatch import Signal

# Sent with `minutes` (a Minutes) when draft minutes are published for the public to read.
# Receivers that do anything outside the database wait for the commit (transaction.on_commit).
minutes_published = Signal()
