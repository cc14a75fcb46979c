"""The councillors' own area: their meetings and papers, mounted at /my/."""

app_name = "councillors"
urlpatterns = []
