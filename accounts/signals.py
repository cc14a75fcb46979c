"""
Sessions that must give a code are marked (two_factor.REQUIRED_KEY), and
TwoFactorRequiredMiddleware holds a marked session that has not given one.

- At every sign-in (the portal's, the admin's, a test's force_login): when the person has
  an authenticator app, or a council requires one of them.
- When two-factor sign-in becomes required of someone already signed in, their open
  sessions: a council switching `require_two_factor` on, an officer role in such a
  council, or a seat on one of its committees.
"""

from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from committees.models import Council, Membership, OfficerRole, Person

from . import two_factor


@receiver(user_logged_in, dispatch_uid="accounts_mark_two_factor")
def mark_session_at_sign_in(sender, request, user, **kwargs):
    session = getattr(request, "session", None)
    if session is None:
        return
    if two_factor.confirmed_device(user) is not None or two_factor.required_for(user):
        session[two_factor.REQUIRED_KEY] = True
    else:
        session.pop(two_factor.REQUIRED_KEY, None)


@receiver(pre_save, sender=Council)
def note_previous_requirement(sender, instance, raw=False, **kwargs):
    if raw or not instance.require_two_factor:
        return
    instance._required_two_factor_before = bool(
        instance.pk and Council.objects.filter(pk=instance.pk, require_two_factor=True).exists()
    )


@receiver(post_save, sender=Council)
def council_now_requires_two_factor(sender, instance, raw=False, **kwargs):
    if raw or not instance.require_two_factor:
        return
    if getattr(instance, "_required_two_factor_before", False):
        return
    two_factor.mark_sessions(two_factor.users_requiring(instance))


@receiver(post_save, sender=OfficerRole)
def officer_of_a_council_requiring_it(sender, instance, created=False, raw=False, **kwargs):
    if raw or not created:
        return
    if Council.objects.filter(pk=instance.council_id, require_two_factor=True).exists():
        two_factor.mark_sessions([instance.user_id])


@receiver(post_save, sender=Membership)
def member_of_a_committee_requiring_it(sender, instance, raw=False, **kwargs):
    if raw or instance.person_id is None:
        return
    user_id = (
        Person.objects.filter(
            pk=instance.person_id,
            user__isnull=False,
            memberships__pk=instance.pk,
            memberships__committee__council__require_two_factor=True,
        )
        .values_list("user_id", flat=True)
        .first()
    )
    if user_id is not None:
        two_factor.mark_sessions([user_id])
