"""What packs/ tells other apps. Receivers live in those apps; packs/ imports none of them."""

from django.dispatch import Signal

# Sent with `version` (a PackVersion) when a public pack or supplement becomes ready, inside
# the transaction that marks it ready: a receiver that does anything outside the database
# waits for the commit (transaction.on_commit).
pack_published = Signal()
