from django.conf import settings
from django.core.mail import send_mass_mail

from committees.models import Membership


def email_members(meeting, subject: str, body: str) -> int:
    """One e-mail to each current member of the meeting's committee who has a sign-in."""
    addresses = (
        Membership.objects.current(meeting.date).filter(committee=meeting.committee)
    ).email_addresses()
    messages = [(subject, body, settings.DEFAULT_FROM_EMAIL, [address]) for address in addresses]
    return send_mass_mail(messages, fail_silently=True) if messages else 0
