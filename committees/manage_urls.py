"""Officer pages for councils, committees, people and memberships, mounted at /manage/."""

app_name = "committees_manage"
urlpatterns = []
