"""Officer pages for user accounts, mounted at /manage/accounts/."""

app_name = "accounts_manage"
urlpatterns = []
