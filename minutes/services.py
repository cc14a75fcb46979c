"""Changing minutes after approval: the change and the record of it happen together."""

from django.db import transaction

from .models import Correction, MinutesPart


@transaction.atomic
def record_correction(part, *, user, reason: str, changes: dict) -> Correction:
    """Apply `changes` to a part of approved minutes (or the minutes themselves) and record it."""
    if not reason.strip():
        raise ValueError("A correction needs a reason.")
    minutes = part.owning_minutes() if isinstance(part, MinutesPart) else part
    before = "\n".join(f"{field}: {getattr(part, field)}" for field in changes)
    for field, value in changes.items():
        setattr(part, field, value)
    part._correction_allowed = True
    try:
        part.save()
    finally:
        part._correction_allowed = False
    after = "\n".join(f"{field}: {getattr(part, field)}" for field in changes)
    return Correction.objects.create(
        minutes=minutes,
        made_by=user if user and user.is_authenticated else None,
        what=f"{part._meta.verbose_name.capitalize()}: {part}"[:300],
        before=before,
        after=after,
        reason=reason,
    )
