"""Signing in and out, password reset, invitations and two-factor sign-in."""

app_name = "accounts"
urlpatterns = []
