from django.conf import settings
from django.db import models


class Invitation(models.Model):
    """
    An officer invited someone to the portal by e-mail, for one of their councils.

    The council is what makes the account one that council's officers look after, even
    before it is linked to a councillor's record or given an officer role.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitations"
    )
    council = models.ForeignKey(
        "committees.Council", on_delete=models.CASCADE, related_name="invitations"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="invitations_sent",
    )
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-sent_at"]

    def __str__(self):
        return f"{self.user} invited for {self.council}"
