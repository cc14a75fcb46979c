app_name = "tracker"
urlpatterns = []
